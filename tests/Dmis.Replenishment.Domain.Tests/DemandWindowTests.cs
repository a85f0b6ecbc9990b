using Dmis.Replenishment.Domain.Calculation;

namespace Dmis.Replenishment.Domain.Tests;

public class DemandWindowTests
{
    private static readonly DateTime OnTheHour = new(2026, 9, 1, 12, 0, 0, DateTimeKind.Unspecified);

    [Fact]
    public void A_window_between_whole_hours_comes_entirely_from_the_hourly_summary()
    {
        var window = DemandWindow.Ending(OnTheHour, 6);

        Assert.Equal(new DemandWindow(OnTheHour.AddHours(-6), OnTheHour, OnTheHour.AddHours(-6), OnTheHour), window);
    }

    [Fact]
    public void Partial_hours_at_both_edges_come_from_the_lines()
    {
        var asOf = OnTheHour.AddMinutes(20).AddSeconds(5);

        var window = DemandWindow.Ending(asOf, 6);

        Assert.Equal(asOf.AddHours(-6), window.Start);
        Assert.Equal(OnTheHour.AddHours(-5), window.WholeHoursFrom);
        Assert.Equal(OnTheHour, window.WholeHoursTo);
        Assert.Equal(asOf, window.End);
    }

    [Fact]
    public void A_one_hour_window_across_an_hour_boundary_has_no_whole_hour()
    {
        var asOf = OnTheHour.AddMinutes(30);

        var window = DemandWindow.Ending(asOf, 1);

        Assert.Equal(new DemandWindow(asOf.AddHours(-1), asOf, asOf, asOf), window);
    }

    [Fact]
    public void A_one_hour_window_ending_on_the_hour_is_one_whole_hour()
    {
        var window = DemandWindow.Ending(OnTheHour, 1);

        Assert.Equal(OnTheHour.AddHours(-1), window.WholeHoursFrom);
        Assert.Equal(OnTheHour, window.WholeHoursTo);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(72)]
    [InlineData(720)]
    public void The_three_ranges_are_in_order_and_cover_exactly_the_window(int hours)
    {
        foreach (var asOf in new[] { OnTheHour, OnTheHour.AddSeconds(1), OnTheHour.AddMinutes(59).AddSeconds(59) })
        {
            var window = DemandWindow.Ending(asOf, hours);

            Assert.Equal(asOf.AddHours(-hours), window.Start);
            Assert.Equal(asOf, window.End);
            Assert.True(window.Start <= window.WholeHoursFrom);
            Assert.True(window.WholeHoursFrom <= window.WholeHoursTo);
            Assert.True(window.WholeHoursTo <= window.End);
            Assert.True(window.WholeHoursFrom == window.End || IsOnTheHour(window.WholeHoursFrom));
            Assert.True(window.WholeHoursTo == window.End || IsOnTheHour(window.WholeHoursTo));
        }
    }

    private static bool IsOnTheHour(DateTime moment) => moment.Ticks % TimeSpan.TicksPerHour == 0;

    [Fact]
    public void A_window_of_no_hours_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemandWindow.Ending(OnTheHour, 0));
    }
}
