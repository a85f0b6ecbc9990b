using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Freshness;

namespace Dmis.Replenishment.Domain.Tests;

public class StockStatusTests
{
    [Fact]
    public void Stock_status_applies_the_section_3_rules_to_one_warehouse_and_item()
    {
        // SURGE: 600 fulfilled in 6 h -> 100/h; 100 x 72 x 1.25 = 9,000; 9,000 - (500 + 200) = 8,300.
        var figures = new StockFigures(
            AvailableQty: 600m,
            ReservedQty: 100m,
            Inbound: new InboundQuantities(200m, 0m, 0m),
            Demand: new DemandFigures(600m, 3, null),
            BaselineBurnRate: 0m);

        var status = StockStatusCalculator.Evaluate(figures, FreshnessLevel.High, TestData.Surge, TestData.AsOf);

        Assert.Equal(100m, status.BurnRate);
        Assert.Equal(BurnRateSource.Calculated, status.BurnRateSource);
        Assert.Equal(500m, status.UsableQty);
        Assert.Equal(9_000m, status.RequiredQty);
        Assert.Equal(700m, status.CoverageQty);
        Assert.Equal(8_300m, status.GapQty);
        Assert.Equal(0m, status.SurplusQty);
        Assert.Equal(5m, status.TimeToStockoutHours);
        Assert.Equal(SeverityLevel.Critical, status.Severity);
    }

    [Fact]
    public void Stock_status_without_demand_on_fresh_data_is_ok_with_surplus()
    {
        var figures = new StockFigures(300m, 0m, InboundQuantities.None, default, BaselineBurnRate: 5m);

        var status = StockStatusCalculator.Evaluate(figures, FreshnessLevel.Medium, TestData.Surge, TestData.AsOf);

        Assert.Equal(0m, status.BurnRate);
        Assert.Null(status.TimeToStockoutHours);
        Assert.Equal(SeverityLevel.Ok, status.Severity);
        Assert.Equal(0m, status.RequiredQty);
        Assert.Equal(300m, status.SurplusQty);
        Assert.False(status.HasGap);
    }

    [Fact]
    public void Stock_status_on_stale_data_without_fulfilments_uses_the_baseline()
    {
        var figures = new StockFigures(100m, 0m, InboundQuantities.None, default, BaselineBurnRate: 2m);

        var status = StockStatusCalculator.Evaluate(figures, FreshnessLevel.Unknown, TestData.Surge, TestData.AsOf);

        Assert.Equal(2m, status.BurnRate);
        Assert.True(status.IsBurnRateEstimated);
        Assert.Equal(50m, status.TimeToStockoutHours);
        Assert.Equal(SeverityLevel.Watch, status.Severity);
        Assert.Equal(180m, status.RequiredQty);
        Assert.Equal(80m, status.GapQty);
    }

    [Fact]
    public void Reserved_above_available_leaves_zero_usable_stock_and_a_critical_item()
    {
        var figures = new StockFigures(100m, 150m, InboundQuantities.None, new DemandFigures(60m, 1, null), 0m);

        var status = StockStatusCalculator.Evaluate(figures, FreshnessLevel.High, TestData.Surge, TestData.AsOf);

        Assert.Equal(0m, status.UsableQty);
        Assert.Equal(0m, status.TimeToStockoutHours);
        Assert.Equal(SeverityLevel.Critical, status.Severity);
    }
}
