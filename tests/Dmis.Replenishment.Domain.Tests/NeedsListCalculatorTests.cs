using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Warnings;
using static Dmis.Replenishment.Domain.Tests.TestData;

namespace Dmis.Replenishment.Domain.Tests;

public class NeedsListCalculatorTests
{
    [Fact]
    public void A_line_reproduces_the_spec_worked_example()
    {
        // 100/h x 72 h x 1.25 = 9,000; 9,000 - (500 + 200) = 8,300.
        var input = Input(Item() with { InboundTransferQty = 200m });

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal(100m, line.Status.BurnRate);
        Assert.Equal(9_000m, line.Status.RequiredQty);
        Assert.Equal(700m, line.Status.CoverageQty);
        Assert.Equal(8_300m, line.Status.GapQty);
        Assert.Equal(5m, line.Status.TimeToStockoutHours);
        Assert.Equal(AsOf.AddHours(5), line.ProjectedStockout);
        Assert.Equal(8_300m, line.HorizonC.Qty);
    }

    [Fact]
    public void Only_items_with_a_gap_become_lines_and_the_rest_count_as_sufficient_coverage()
    {
        var input = Input(
            Item(10),
            Item(11, available: 20_000m),
            Item(12, fulfilled: 0m));

        var result = NeedsListCalculator.Calculate(input);

        Assert.Equal([10], result.Lines.Select(l => l.Item.ItemId));
        Assert.Equal(3, result.Items.Count);
        Assert.Equal(3, result.Header.ItemsEvaluated);
        Assert.Equal(2, result.Header.SufficientCoverageCount);
        Assert.Equal(11_000m, result.Items[1].Status.SurplusQty);
    }

    [Fact]
    public void The_waterfall_takes_transfers_then_pipeline_donations_then_procurement()
    {
        // Required 9,000, usable 5,500 -> gap 3,500; 800 transferable from sources; 1,000 pipeline donations.
        var input = Input(Item(available: 5_500m)) with
        {
            Sources = [Source(2), Source(3)],
            SourceStock = [Stock(2, 10, 500m), Stock(3, 10, 300m)],
            Pledges = [Pledge(1, 10, 600m), Pledge(2, 10, 400m)],
        };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal(3_500m, line.Status.GapQty);
        Assert.Equal((800m, 1_000m, 1_700m), (line.HorizonA.Qty, line.HorizonB.Qty, line.HorizonC.Qty));
        Assert.Equal(2, line.MainSourceWarehouseId);
    }

    [Fact]
    public void A_source_keeps_the_larger_of_its_threshold_and_its_own_need()
    {
        // Source 2 burns 10/h (60 in 6 h): own need 10 x 72 x 1.25 = 900 > threshold 100 -> gives 1,000 - 900.
        // Source 3 has no demand: threshold 400 -> gives 1,000 - 400.
        var input = Input(Item()) with
        {
            Sources = [Source(2, minThreshold: 100m), Source(3, minThreshold: 400m)],
            SourceStock = [Stock(2, 10, 1_000m, fulfilled: 60m), Stock(3, 10, 1_000m)],
        };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal([(3, 600m), (2, 100m)], line.HorizonA.Sources.Select(s => (s.WarehouseId, s.Qty)));
    }

    [Fact]
    public void The_item_threshold_overrides_each_source_warehouse_threshold()
    {
        var input = Input(Item() with { MinStockThreshold = 50m }) with
        {
            Sources = [Source(2, minThreshold: 400m)],
            SourceStock = [Stock(2, 10, 1_000m)],
        };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal(950m, line.HorizonA.Qty);
    }

    [Fact]
    public void Open_needs_list_allocations_are_netted_from_a_source()
    {
        var input = Input(Item()) with
        {
            Sources = [Source(2, minThreshold: 100m)],
            SourceStock = [Stock(2, 10, 1_000m, allocated: 600m)],
        };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal(300m, line.HorizonA.Qty);
    }

    [Fact]
    public void Stale_never_synced_inactive_and_target_warehouses_are_never_sources()
    {
        var input = Input(Item()) with
        {
            Sources =
            [
                Source(1),
                Source(2, syncedHoursAgo: 6),
                Source(3) with { LastSyncDtime = null },
                Source(4, active: false),
                Source(5, syncedHoursAgo: 5.9),
            ],
            SourceStock = [Stock(1, 10, 500m), Stock(2, 10, 500m), Stock(3, 10, 500m), Stock(4, 10, 500m), Stock(5, 10, 500m)],
        };

        var result = NeedsListCalculator.Calculate(input);

        var line = Assert.Single(result.Lines);
        Assert.Equal([5], line.HorizonA.Sources.Select(s => s.WarehouseId));
        Assert.Equal(
            [(WarningCodes.SourceExcluded, 2), (WarningCodes.SourceExcluded, 3)],
            result.Header.Warnings.Select(w => (w.Code, w.WarehouseId ?? 0)));
    }

    [Fact]
    public void Sources_are_ordered_by_route_lead_time_with_the_horizon_a_default_for_unconfigured_routes()
    {
        var input = Input(Item()) with
        {
            Sources = [Source(2), Source(3, leadTime: 12), Source(4, leadTime: 3), Source(5)],
            SourceStock = [Stock(2, 10, 100m), Stock(3, 10, 900m), Stock(4, 10, 100m), Stock(5, 10, 200m)],
            LeadTimes = new HorizonLeadTimes(8, 72, 336),
        };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal([(4, 3), (5, 8), (2, 8), (3, 12)], line.HorizonA.Sources.Select(s => (s.WarehouseId, s.LeadTimeHours)));
        Assert.Equal(12, line.HorizonA.LeadTimeHours);
        Assert.Equal(3, line.MainSourceWarehouseId);
    }

    [Fact]
    public void Each_item_draws_only_on_its_own_surplus_at_each_source()
    {
        var input = Input(Item(10), Item(11)) with
        {
            Sources = [Source(2)],
            SourceStock = [Stock(2, 10, 700m), Stock(2, 11, 300m)],
        };

        var lines = NeedsListCalculator.Calculate(input).Lines.ToDictionary(l => l.Item.ItemId);

        Assert.Equal(700m, lines[10].HorizonA.Qty);
        Assert.Equal(300m, lines[11].HorizonA.Qty);
    }

    [Fact]
    public void A_line_is_flagged_when_stock_runs_out_before_the_earliest_arrival()
    {
        // 500 usable at 100/h runs out in 5 h; the only source is 8 h away.
        var input = Input(Item()) with
        {
            Sources = [Source(2)],
            SourceStock = [Stock(2, 10, 1_000m)],
        };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.True(line.StockoutBeforeArrival);
        var warning = Assert.Single(line.Warnings, w => w.Code == WarningCodes.StockoutBeforeArrival);
        Assert.Equal(
            "ITEM 10 (ITEM-10) is projected to run out at 2025-09-01 17:00 UTC, before the earliest replenishment arrives at 2025-09-01 20:00 UTC.",
            warning.Message);
    }

    [Fact]
    public void A_line_without_transfer_sources_says_so()
    {
        var line = Assert.Single(NeedsListCalculator.Calculate(Input(Item())).Lines);

        Assert.Contains(line.Warnings, w => w.Code == WarningCodes.NoTransferSource && w.ItemId == 10);
        Assert.Null(line.MainSourceWarehouseId);
    }

    [Fact]
    public void A_line_with_a_baseline_burn_rate_warns_that_the_rate_is_estimated()
    {
        var input = Input(Item(fulfilled: 0m, available: 10m) with { BaselineBurnRate = 2m }) with { Warehouse = Target(syncedHoursAgo: 7.5) };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal(BurnRateSource.Baseline, line.Status.BurnRateSource);
        Assert.Contains(line.Warnings, w => w.Code == WarningCodes.EstimatedBurnRate);
    }

    [Fact]
    public void Stale_target_data_gives_a_header_warning_with_its_age()
    {
        var input = Input(Item()) with { Warehouse = Target(syncedHoursAgo: 7.5) };

        var header = NeedsListCalculator.Calculate(input).Header;

        Assert.Equal(FreshnessLevel.Low, header.Freshness.Level);
        Assert.Equal(7.5m, header.Freshness.AgeHours);
        var warning = Assert.Single(header.Warnings);
        Assert.Equal(WarningCodes.StaleData, warning.Code);
        Assert.Equal("Data for Kingston Hub is 7.5 hours old. Calculations may not reflect current stock levels.", warning.Message);
    }

    [Fact]
    public void A_never_synced_target_is_unknown_for_display_and_low_for_the_calculation()
    {
        var input = Input(Item()) with { Warehouse = Target() with { LastSyncDtime = null } };

        var header = NeedsListCalculator.Calculate(input).Header;

        Assert.Equal(FreshnessLevel.Unknown, header.Freshness.Level);
        Assert.Equal(FreshnessLevel.Low, header.Freshness.CalculationLevel);
        Assert.Equal(WarningCodes.NeverSynced, Assert.Single(header.Warnings).Code);
    }

    [Fact]
    public void Fresh_target_data_gives_no_header_warning()
    {
        var header = NeedsListCalculator.Calculate(Input(Item())).Header;

        Assert.Equal(FreshnessLevel.High, header.Freshness.Level);
        Assert.Empty(header.Warnings);
    }

    [Fact]
    public void An_inactive_target_warehouse_is_calculated_with_a_warning()
    {
        var input = Input(Item()) with { Warehouse = Target(active: false) };

        var result = NeedsListCalculator.Calculate(input);

        Assert.Single(result.Lines);
        Assert.Equal(WarningCodes.WarehouseInactive, Assert.Single(result.Header.Warnings).Code);
    }

    [Fact]
    public void A_distant_stockout_is_dated_and_not_flagged_when_help_arrives_first()
    {
        // 0.002/h baseline on stale data: 10 units last 5,000 hours, long after procurement arrives
        // (a year's planning window, the longest allowed, still leaves a gap).
        var input = Input(Item(available: 10m, fulfilled: 0m) with { BaselineBurnRate = 0.002m, MinStockThreshold = 0m }) with
        {
            Warehouse = Target(syncedHoursAgo: 8),
            Parameters = Surge with { PlanningWindowHours = 8_760 },
        };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal(5_000m, line.Status.TimeToStockoutHours);
        Assert.Equal(AsOf.AddHours(5_000), line.ProjectedStockout);
        Assert.False(line.StockoutBeforeArrival);
    }

    [Fact]
    public void Header_totals_add_the_gaps_and_the_values_that_are_known()
    {
        var input = Input(
            Item(10) with { UnitValue = 150.50m },
            Item(11, available: 8_000m) with { UnitValue = 2m },
            Item(12, available: 8_500m) with { UnitValue = null });

        var result = NeedsListCalculator.Calculate(input);

        Assert.Equal(8_500m + 1_000m + 500m, result.Header.TotalGapQty);
        Assert.Equal(8_500m * 150.50m + 1_000m * 2m, result.Header.TotalEstimatedValue);
        Assert.Null(result.Lines.Single(l => l.Item.ItemId == 12).EstimatedValue);
        Assert.Equal(WarningCodes.UnitValueMissing, Assert.Single(result.Header.Warnings).Code);
    }

    [Fact]
    public void Lines_come_most_urgent_first()
    {
        var input = Input(
            Item(10, available: 5_000m),
            Item(11, available: 100m),
            Item(12, available: 1_000m));

        var result = NeedsListCalculator.Calculate(input);

        Assert.Equal([11, 12, 10], result.Lines.Select(l => l.Item.ItemId));
        Assert.Equal([10, 11, 12], result.Items.Select(i => i.Item.ItemId));
    }

    [Fact]
    public void Invalid_phase_parameters_are_refused_by_field()
    {
        var input = Input(Item()) with { Parameters = Surge with { SafetyFactor = 0.5m } };

        var error = Assert.Throws<DomainValidationException>(() => NeedsListCalculator.Calculate(input));

        Assert.Equal("parameters.safety_factor", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void An_item_listed_twice_is_refused()
    {
        var error = Assert.Throws<DomainValidationException>(() => NeedsListCalculator.Calculate(Input(Item(10), Item(10))));

        Assert.Equal("items[1].item_id", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_source_stock_row_listed_twice_is_refused_rather_than_counted_twice()
    {
        var input = Input(Item()) with
        {
            Sources = [Source(2)],
            SourceStock = [Stock(2, 10, 500m), Stock(2, 10, 500m)],
        };

        Assert.Throws<DomainValidationException>(() => NeedsListCalculator.Calculate(input));
    }

    [Fact]
    public void Negative_quantities_are_refused()
    {
        var input = Input(Item() with { ReservedQty = -1m });

        var error = Assert.Throws<DomainValidationException>(() => NeedsListCalculator.Calculate(input));

        Assert.Equal("items[0].reserved_qty", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_what_if_phase_uses_that_phases_windows()
    {
        // 7,200 fulfilled over STABILIZED's 72 h -> 100/h; 100 x 168 x 1.25 = 21,000.
        var input = Input(Item(fulfilled: 7_200m)) with
        {
            Phase = EventPhase.Stabilized,
            Parameters = PhaseParameters.DefaultFor(EventPhase.Stabilized),
        };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal(21_000m, line.Status.RequiredQty);
    }
}
