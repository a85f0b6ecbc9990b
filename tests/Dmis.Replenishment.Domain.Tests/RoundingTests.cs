using System.Globalization;

namespace Dmis.Replenishment.Domain.Tests;

public class RoundingTests
{
    public static TheoryData<decimal, decimal> QuantityCases => new()
    {
        { 2.345m, 2.35m },
        { 2.344m, 2.34m },
        { 0.005m, 0.01m },
        { 1234.5650m, 1234.57m },
    };

    [Theory]
    [MemberData(nameof(QuantityCases))]
    public void Quantities_round_half_away_from_zero_to_two_places(decimal value, decimal expected)
    {
        Assert.Equal(expected, Rounding.Quantity(value));
    }

    [Fact]
    public void Burn_rates_round_half_away_from_zero_to_four_places()
    {
        Assert.Equal(0.0001m, Rounding.BurnRate(0.00005m));
        Assert.Equal(16.6667m, Rounding.BurnRate(100m / 6m));
    }

    [Fact]
    public void Rounding_never_produces_a_negative()
    {
        Assert.Equal("0.00", Rounding.Quantity(-0.004m).ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.00", Rounding.Quantity(-5m).ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.0000", Rounding.BurnRate(-0.00001m).ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.00", Rounding.Hours(-1m).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Rounded_values_carry_exactly_their_decimal_places()
    {
        Assert.Equal("8300.00", Rounding.Quantity(8300m).ToString(CultureInfo.InvariantCulture));
        Assert.Equal("50.0000", Rounding.BurnRate(50m).ToString(CultureInfo.InvariantCulture));
    }
}
