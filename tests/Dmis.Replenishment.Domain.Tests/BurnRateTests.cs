using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Freshness;

namespace Dmis.Replenishment.Domain.Tests;

public class BurnRateTests
{
    /// <summary>The burn rate of an item in stock with <paramref name="fulfilled"/> in the window.</summary>
    private static BurnRateResult InStock(decimal fulfilled, int windowHours, FreshnessLevel freshness, decimal baselineBurnRate) =>
        BurnRateRules.Calculate(new DemandFigures(fulfilled, 1, null), 100m, windowHours, freshness, baselineBurnRate, TestData.AsOf);

    [Fact]
    public void Burn_rate_is_fulfilled_quantity_over_the_demand_window()
    {
        var burn = InStock(300m, 6, FreshnessLevel.High, baselineBurnRate: 2m);

        Assert.Equal(50m, burn.Rate);
        Assert.Equal(BurnRateSource.Calculated, burn.Source);
    }

    [Fact]
    public void Burn_rate_is_rounded_to_four_places()
    {
        Assert.Equal(16.6667m, InStock(100m, 6, FreshnessLevel.High, 0m).Rate);
    }

    [Theory]
    [InlineData(FreshnessLevel.High)]
    [InlineData(FreshnessLevel.Medium)]
    public void Zero_burn_with_fresh_data_means_no_current_demand(FreshnessLevel freshness)
    {
        var burn = InStock(0m, 6, freshness, baselineBurnRate: 2m);

        Assert.Equal(0m, burn.Rate);
        Assert.Equal(BurnRateSource.Calculated, burn.Source);
        Assert.False(burn.HasDemand);
    }

    [Theory]
    [InlineData(FreshnessLevel.Low)]
    [InlineData(FreshnessLevel.Unknown)]
    public void Zero_burn_with_stale_data_falls_back_to_the_baseline_burn_rate(FreshnessLevel freshness)
    {
        var burn = InStock(0m, 6, freshness, baselineBurnRate: 2.5m);

        Assert.Equal(2.5m, burn.Rate);
        Assert.Equal(BurnRateSource.Baseline, burn.Source);
        Assert.True(burn.IsBaseline);
    }

    [Fact]
    public void Observed_demand_is_used_even_when_the_data_is_stale()
    {
        var burn = InStock(300m, 6, FreshnessLevel.Low, baselineBurnRate: 2.5m);

        Assert.Equal(50m, burn.Rate);
        Assert.Equal(BurnRateSource.Calculated, burn.Source);
    }

    [Theory]
    [InlineData(BurnRateSource.Calculated, "CALCULATED")]
    [InlineData(BurnRateSource.Baseline, "BASELINE")]
    [InlineData(BurnRateSource.Manual, "MANUAL")]
    [InlineData(BurnRateSource.Estimated, "ESTIMATED")]
    public void Burn_rate_sources_are_written_and_read_as_the_database_words(BurnRateSource source, string word)
    {
        Assert.Equal(word, source.ToWord());
        Assert.Equal(source, BurnRateSourceWords.Parse(word));
    }
}
