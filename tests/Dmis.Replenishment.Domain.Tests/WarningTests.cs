using Dmis.Replenishment.Domain.Warnings;

namespace Dmis.Replenishment.Domain.Tests;

public class WarningTests
{
    [Fact]
    public void Stale_data_warning_states_the_age_without_useless_zeros()
    {
        var warning = CalculationWarnings.StaleData(1, "Kingston Hub", 7.50m);

        Assert.Equal(WarningCodes.StaleData, warning.Code);
        Assert.Equal("Data for Kingston Hub is 7.5 hours old. Calculations may not reflect current stock levels.", warning.Message);
        Assert.Equal(1, warning.WarehouseId);
    }

    [Theory]
    [InlineData("7.50", "7.5")]
    [InlineData("6.00", "6")]
    [InlineData("12.25", "12.25")]
    [InlineData("0.004", "0")]
    public void Hours_are_formatted_without_trailing_zeros(string hours, string expected)
    {
        Assert.Equal(expected, CalculationWarnings.FormatHours(decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_data_age_sentence_matches_the_submit_failure_message()
    {
        Assert.Equal("Data for Kingston Hub is 3 hours old", CalculationWarnings.DataAgeMessage("Kingston Hub", 3m));
    }

    [Fact]
    public void Estimated_burn_rate_warning_names_the_item()
    {
        var warning = CalculationWarnings.EstimatedBurnRate(10, "WATER (WTR-1)", 1, stockedOut: false);

        Assert.Equal(WarningCodes.EstimatedBurnRate, warning.Code);
        Assert.Equal("Burn rate for WATER (WTR-1) is estimated from the baseline: no recent fulfilments and the data is stale.", warning.Message);
        Assert.Equal((10, 1), (warning.ItemId, warning.WarehouseId));
    }
}
