using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Warnings;
using static Dmis.Replenishment.Domain.Tests.TestData;

namespace Dmis.Replenishment.Domain.Tests;

/// <summary>SPEC 3, rule 3: an empty shelf dispatches nothing, so its demand is measured before the last dispatch.</summary>
public class StockedOutDemandTests
{
    private static StockStatus StockedOut(DemandFigures demand, FreshnessLevel freshness = FreshnessLevel.High, decimal baseline = 0m) =>
        StockStatusCalculator.Evaluate(
            new StockFigures(0m, 0m, InboundQuantities.None, demand, baseline), freshness, Surge, AsOf);

    [Fact]
    public void Stocked_out_demand_is_measured_in_the_window_ending_at_the_last_dispatch()
    {
        // SPEC example: nothing in the last 6 h; 40 + 40 + 40 dispatched 14, 16 and 19 h ago, the last
        // one 14 h ago -> window (20 h ago, 14 h ago] -> 120 / 6 = 20 units/h.
        var lastDispatch = AsOf.AddHours(-14);

        var status = StockedOut(new DemandFigures(0m, 0, new LastDispatchDemand(lastDispatch, 120m, 3)));

        Assert.Equal(20m, status.BurnRate);
        Assert.Equal(BurnRateSource.Estimated, status.BurnRateSource);
        Assert.Equal(lastDispatch, status.Burn.StockedOutWindowEnd);
        Assert.Equal((120m, 3), (status.Burn.FulfilledQty, status.Burn.FulfillmentCount));
        Assert.Equal(0m, status.TimeToStockoutHours);
        Assert.Equal(SeverityLevel.Critical, status.Severity);
        Assert.Equal(1_800m, status.RequiredQty); // 20 x 72 x 1.25
        Assert.True(status.HasGap);
    }

    [Fact]
    public void Stocked_out_item_with_dispatches_inside_the_window_is_measured_up_to_its_last_one()
    {
        // 100 dispatched 2 h and 5 h ago (inside the 6 h window); 150 in (8 h ago, 2 h ago], the window ending at the last one.
        var lastDispatch = AsOf.AddHours(-2);

        var status = StockedOut(new DemandFigures(100m, 2, new LastDispatchDemand(lastDispatch, 150m, 3)));

        Assert.Equal(25m, status.BurnRate);
        Assert.Equal(BurnRateSource.Estimated, status.BurnRateSource);
        Assert.Equal(SeverityLevel.Critical, status.Severity);
    }

    [Fact]
    public void Stocked_out_item_dispatched_at_as_of_itself_keeps_the_ordinary_window()
    {
        var status = StockedOut(new DemandFigures(60m, 1, new LastDispatchDemand(AsOf, 60m, 1)));

        Assert.Equal(10m, status.BurnRate);
        Assert.Equal(BurnRateSource.Calculated, status.BurnRateSource);
        Assert.Null(status.Burn.StockedOutWindowEnd);
        Assert.Equal(0m, status.TimeToStockoutHours);
    }

    [Theory]
    [InlineData(FreshnessLevel.High)]
    [InlineData(FreshnessLevel.Low)]
    public void Stocked_out_item_never_dispatched_for_the_event_takes_the_baseline_whatever_the_freshness(FreshnessLevel freshness)
    {
        var status = StockedOut(default, freshness, baseline: 2.5m);

        Assert.Equal(2.5m, status.BurnRate);
        Assert.Equal(BurnRateSource.Baseline, status.BurnRateSource);
        Assert.Equal(0m, status.TimeToStockoutHours);
        Assert.Equal(SeverityLevel.Critical, status.Severity);
    }

    [Fact]
    public void Stocked_out_item_without_dispatch_or_baseline_has_no_demand()
    {
        var status = StockedOut(default);

        Assert.Equal(0m, status.BurnRate);
        Assert.Null(status.TimeToStockoutHours);
        Assert.Equal(SeverityLevel.Ok, status.Severity);
        Assert.False(status.HasGap);
    }

    [Fact]
    public void An_item_in_stock_ignores_its_last_dispatch()
    {
        var status = StockStatusCalculator.Evaluate(
            new StockFigures(50m, 0m, InboundQuantities.None, new DemandFigures(0m, 0, new LastDispatchDemand(AsOf.AddHours(-14), 120m, 3)), 0m),
            FreshnessLevel.High, Surge, AsOf);

        Assert.Equal(0m, status.BurnRate);
        Assert.Equal(BurnRateSource.Calculated, status.BurnRateSource);
    }

    [Fact]
    public void A_stocked_out_line_is_critical_and_says_how_its_demand_was_measured()
    {
        var lastDispatch = AsOf.AddHours(-14);
        var input = Input(Item(available: 0m, fulfilled: 0m) with
        {
            LastDispatchDtime = lastDispatch,
            FulfilledQtyBeforeLastDispatch = 120m,
            FulfillmentCountBeforeLastDispatch = 3,
        });

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal((20m, BurnRateSource.Estimated), (line.Status.BurnRate, line.Status.BurnRateSource));
        Assert.Equal(SeverityLevel.Critical, line.Status.Severity);
        Assert.Equal(AsOf, line.ProjectedStockout);
        var warning = Assert.Single(line.Warnings, w => w.Code == WarningCodes.StockedOut);
        Assert.Equal("ITEM 10 (ITEM-10) is out of stock; demand measured over the 6 h before the last dispatch at 2025-08-31 22:00 UTC.", warning.Message);
    }

    [Fact]
    public void A_stocked_out_line_on_the_baseline_warns_twice_once_per_fact()
    {
        var input = Input(Item(available: 0m, fulfilled: 0m) with { BaselineBurnRate = 5m });

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal(BurnRateSource.Baseline, line.Status.BurnRateSource);
        Assert.Equal(
            [WarningCodes.StockedOut, WarningCodes.EstimatedBurnRate],
            line.Warnings.Where(w => w.Code is WarningCodes.StockedOut or WarningCodes.EstimatedBurnRate).Select(w => w.Code));
    }

    [Fact]
    public void A_stocked_out_source_gives_nothing_whatever_its_own_need()
    {
        // Its own need is measured like any warehouse's (baseline 5/h: never dispatched), but an empty source has nothing above it.
        var source = Stock(2, 10, available: 300m) with { ReservedQty = 300m };

        var transferable = TransferableSurplus.ForSource(source, Item() with { BaselineBurnRate = 5m }, 0m, FreshnessLevel.High, Surge, AsOf);

        Assert.Equal(0m, transferable);
        var input = Input(Item()) with { Sources = [Source(2)], SourceStock = [source] };
        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);
        Assert.Empty(line.HorizonA.Sources);
    }
}
