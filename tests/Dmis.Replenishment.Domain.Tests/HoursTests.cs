namespace Dmis.Replenishment.Domain.Tests;

public class HoursTests
{
    private static readonly DateTime AsOf = TestData.AsOf;

    [Fact]
    public void Hours_between_two_moments_are_exact()
    {
        Assert.Equal(7.5m, Hours.Between(AsOf.AddMinutes(-450), AsOf));
    }

    [Fact]
    public void A_moment_plus_decimal_hours_is_exact_to_the_second()
    {
        Assert.Equal(AsOf.AddHours(4).AddSeconds(36), Hours.After(AsOf, 4.01m));
    }

    [Fact]
    public void A_stockout_beyond_the_calendar_has_no_date()
    {
        Assert.Null(Hours.After(AsOf, 100_000_000_000_000m));
    }
}
