using Dmis.Replenishment.Domain.Calculation;

namespace Dmis.Replenishment.Domain.Tests;

public class StockFormulaTests
{
    [Fact]
    public void Usable_stock_is_available_less_reserved()
    {
        Assert.Equal(400m, StockFormulas.UsableQty(500m, 100m));
    }

    [Fact]
    public void Usable_stock_is_zero_never_negative_when_reserved_exceeds_available()
    {
        Assert.Equal(0m, StockFormulas.UsableQty(100m, 150m));
    }

    [Fact]
    public void Time_to_stockout_is_usable_stock_over_burn_rate()
    {
        Assert.Equal(4m, StockFormulas.TimeToStockoutHours(200m, 50m));
    }

    [Fact]
    public void Time_to_stockout_is_rounded_to_two_places()
    {
        Assert.Equal(33.33m, StockFormulas.TimeToStockoutHours(100m, 3m));
        Assert.Equal(0.67m, StockFormulas.TimeToStockoutHours(2m, 3m));
    }

    [Fact]
    public void Time_to_stockout_is_not_computed_without_demand()
    {
        Assert.Null(StockFormulas.TimeToStockoutHours(200m, 0m));
    }

    [Fact]
    public void Zero_stock_with_demand_runs_out_now()
    {
        var hours = StockFormulas.TimeToStockoutHours(0m, 50m);

        Assert.Equal(0m, hours);
        Assert.Equal(SeverityLevel.Critical, SeverityRules.Classify(hours));
    }

    [Fact]
    public void Required_is_burn_rate_times_planning_window_times_safety_factor()
    {
        Assert.Equal(9_000m, StockFormulas.RequiredQty(100m, 72, 1.25m));
    }

    [Fact]
    public void Required_is_rounded_half_away_from_zero_to_two_places()
    {
        // 0.0005 x 72 x 1.25 = 0.045: away from zero gives 0.05 (banker's rounding would give 0.04).
        Assert.Equal(0.05m, StockFormulas.RequiredQty(0.0005m, 72, 1.25m));
        Assert.Equal(1_500.00m, StockFormulas.RequiredQty(16.6667m, 72, 1.25m));
    }

    [Fact]
    public void Coverage_is_usable_stock_plus_confirmed_inbound()
    {
        Assert.Equal(700m, StockFormulas.CoverageQty(500m, 200m));
    }

    [Fact]
    public void Gap_is_required_less_coverage()
    {
        Assert.Equal(8_300m, StockFormulas.GapQty(9_000m, 500m + 200m));
        Assert.Equal(0m, StockFormulas.SurplusQty(9_000m, 700m));
    }

    [Fact]
    public void Surplus_is_coverage_beyond_required()
    {
        Assert.Equal(300m, StockFormulas.SurplusQty(700m, 1_000m));
        Assert.Equal(0m, StockFormulas.GapQty(700m, 1_000m));
    }

    [Fact]
    public void Confirmed_inbound_adds_transfers_donations_and_procurement()
    {
        var inbound = new InboundQuantities(100m, 50.5m, 49.5m);

        Assert.Equal(200m, inbound.TotalQty);
    }
}
