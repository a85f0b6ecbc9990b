using System.Globalization;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.NeedsLists;

/// <summary>
/// SPEC section 3's acceptance criteria on one data set, previewed at a fixed moment (<see cref="Fixture.AsOf"/>)
/// for event 1 (SURGE: 6 h demand window, 72 h planning, factor 1.25) at warehouse 1.
/// <list type="bullet">
/// <item>WATER at 1: 250 usable, 50 reserved; 300 fulfilled in the window (plus every kind of demand that must
/// not count) = 50/h; inbound 100 transfer + 200 donation + 300 procurement (plus every kind that must not
/// count); required 4,500, coverage 800, gap 3,700; A: warehouse 3 (route 3 h) 100, warehouse 2 (default 8 h)
/// 2,100; B: pipeline donations 800; C: 700.</item>
/// <item>TARP at 1: 120 in the window (its edges tested) = 20/h, 100 usable: nothing to transfer, stockout first.</item>
/// <item>BLANKET: no demand (baseline 2/h): nothing at fresh 1; the baseline at stale 4.</item>
/// <item>FOODKIT: item threshold 400 at source 2 (warehouse threshold 200).</item>
/// <item>SOAP: sufficient coverage.</item>
/// </list>
/// </summary>
public sealed class NeedsListCalculationTests(NeedsListCalculationTests.Fixture fixture) : IClassFixture<NeedsListCalculationTests.Fixture>
{
    private const int Water = 1, Tarp = 2, Blanket = 3, FoodKit = 4, Soap = 5;

    public sealed class Fixture : DatabaseFixture
    {
        /// <summary>The calculation moment of every preview here: a little before now, whole seconds.</summary>
        public DateTime AsOf { get; } = WholeSeconds(DateTime.UtcNow).AddMinutes(-10);

        public static DateTime WholeSeconds(DateTime utc) =>
            new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE", name: "HURRICANE MELISSA");
            await seed.EventAsync(2, "BASELINE", name: "OTHER EVENT");

            await seed.WarehouseAsync(1, "KINGSTON CENTRAL", syncedHoursAgo: 0.5, minThreshold: 100);
            await seed.WarehouseAsync(2, "MONTEGO BAY HUB", syncedHoursAgo: 1, minThreshold: 200);
            await seed.WarehouseAsync(3, "MANDEVILLE DEPOT", syncedHoursAgo: 1, minThreshold: 100);
            await seed.WarehouseAsync(4, "PORT ANTONIO DEPOT", syncedHoursAgo: 10);
            await seed.WarehouseAsync(5, "NEGRIL DEPOT", syncedHoursAgo: null);
            await seed.WarehouseAsync(6, "OLD DEPOT", syncedHoursAgo: 0.5, status: "I");
            await seed.WarehouseAsync(7, "OCHO RIOS DEPOT", syncedHoursAgo: 0.5);

            await seed.ItemAsync(Water, "WATER", criticality: "CRITICAL");
            await seed.ItemAsync(Tarp, "TARP");
            await seed.ItemAsync(Blanket, "BLANKET", baselineBurnRate: 2);
            await seed.ItemAsync(FoodKit, "FOODKIT", minThreshold: 400);
            await seed.ItemAsync(Soap, "SOAP");

            await seed.StockAsync(1, Water, 250, reserved: 50, unitValue: 850);
            await seed.StockAsync(1, Tarp, 100);
            await seed.StockAsync(1, Blanket, 500);
            await seed.StockAsync(1, FoodKit, 120);
            await seed.StockAsync(1, Soap, 1000);
            await seed.StockAsync(2, Water, 3000, unitValue: 850);
            await seed.StockAsync(2, FoodKit, 1000);
            await seed.StockAsync(3, Water, 1000, unitValue: 850);
            await seed.StockAsync(4, Water, 5000, unitValue: 850);
            await seed.StockAsync(4, Blanket, 10);
            await seed.StockAsync(5, Water, 5000, unitValue: 850);
            await seed.StockAsync(6, Water, 5000, unitValue: 850);

            var at = AsOf;
            // WATER leaving 1: 240 + 60 count (300 = 50/h over 6 h) ...
            await seed.FulfilmentAtAsync(1, 1, Water, 240, at.AddHours(-1));
            await seed.FulfilmentAtAsync(null, 1, Water, 60, at.AddHours(-2), packageStatus: "R", requestEventId: 1);
            // ... and none of these does.
            await seed.FulfilmentAtAsync(1, 1, Water, 1000, at.AddHours(-1), requestStatus: 4);
            await seed.FulfilmentAtAsync(1, 1, Water, 1000, at.AddHours(-1), requestStatus: 6);
            await seed.FulfilmentAtAsync(1, 1, Water, 1000, at.AddHours(-1), requestStatus: 8);
            await seed.FulfilmentAtAsync(1, 1, Water, 1000, at.AddHours(-1), packageStatus: "P");
            await seed.FulfilmentAtAsync(1, 1, Water, 1000, at.AddHours(-1), packageStatus: "C");
            await seed.FulfilmentAtAsync(1, 1, Water, 1000, at.AddHours(-7));
            await seed.FulfilmentAtAsync(2, 1, Water, 1000, at.AddHours(-1));
            await seed.FulfilmentAtAsync(null, 1, Water, 1000, at.AddHours(-1), requestEventId: 2);
            await seed.FulfilmentAtAsync(2, 1, Water, 1000, at.AddHours(-1), requestEventId: 1);
            // Source 3's own demand: 60 = 10/h, so it keeps 10 x 72 x 1.25 = 900 of its 1,000.
            await seed.FulfilmentAtAsync(1, 3, Water, 60, at.AddHours(-1));
            // TARP: the window is (as_of - 6 h, as_of].
            await seed.FulfilmentAtAsync(1, 1, Tarp, 500, at.AddHours(-6));
            await seed.FulfilmentAtAsync(1, 1, Tarp, 60, at.AddHours(-6).AddSeconds(1));
            await seed.FulfilmentAtAsync(1, 1, Tarp, 60, at);
            await seed.FulfilmentAtAsync(1, 1, Tarp, 500, at.AddMinutes(1));
            await seed.FulfilmentAtAsync(1, 1, FoodKit, 120, at.AddHours(-3));
            await seed.FulfilmentAtAsync(1, 1, Soap, 6, at.AddHours(-3));

            // Inbound to 1: confirmed ...
            await seed.TransferAsync(2, 1, Water, 100, status: "D");
            await seed.DonationAsync(1, Water, 200, donationStatus: "V", lineStatus: "V", intakeWarehouseId: 1, intakeStatus: "I");
            await seed.ProcurementAsync(1, 1, Water, orderedQty: 500, receivedQty: 200, status: "SHIPPED", lineStatus: "PARTIAL");
            // ... and not.
            await seed.TransferAsync(2, 1, Water, 1000, status: "P");
            await seed.TransferAsync(2, 1, Water, 1000, status: "D", received: true);
            await seed.TransferAsync(2, 1, Water, 1000, status: "C");
            await seed.DonationAsync(1, Water, 1000, donationStatus: "V", lineStatus: "V", intakeWarehouseId: 1, intakeStatus: "V");
            await seed.DonationAsync(1, Water, 1000, donationStatus: "V", lineStatus: "V", intakeWarehouseId: 7);
            await seed.ProcurementAsync(1, 1, Water, orderedQty: 1000, status: "APPROVED");
            await seed.ProcurementAsync(1, 1, Water, orderedQty: 1000, status: "ORDERED");

            // Pipeline (horizon B) for event 1: entered donation 500 + pledged line of a verified donation 300.
            await seed.DonationAsync(1, Water, 500, donationStatus: "E", lineStatus: "P");
            await seed.DonationAsync(1, Water, 300, donationStatus: "V", lineStatus: "P");
            await seed.DonationAsync(1, Water, 1000, donationStatus: "P", lineStatus: "P");
            await seed.DonationAsync(2, Water, 1000, donationStatus: "E", lineStatus: "P");

            // Lead times: 3 -> 1 by route; 2 -> 1 routes not in effect at as_of (so the 8 h default).
            await seed.RouteLeadTimeAsync(3, 1, 3);
            await seed.RouteLeadTimeAsync(2, 1, 2, effectiveFrom: at.AddDays(2));
            await seed.RouteLeadTimeAsync(2, 1, 1, effectiveFrom: at.AddDays(-30), effectiveTo: at.AddDays(-2));

            // Open allocations at source 2 for WATER: approved 500, in progress 300 of which 100 dispatched;
            // draft and rejected lists hold nothing.
            await seed.AllocationAsync(1, 7, 2, Water, 500, "APPROVED");
            var inProgress = await seed.AllocationAsync(1, 7, 2, Water, 300, "IN_PROGRESS");
            await seed.TransferAsync(2, 7, Water, 100, status: "D", needsListId: inProgress);
            await seed.AllocationAsync(1, 7, 2, Water, 999, "DRAFT");
            await seed.AllocationAsync(1, 7, 2, Water, 999, "REJECTED");
        }
    }

    private static readonly Metadata Reader = Bearer(Token("reader"));

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private Task<NeedsListPreview> PreviewAsync(int warehouseId = 1, EventPhase phase = EventPhase.Unspecified) =>
        Client.PreviewNeedsListAsync(new PreviewNeedsListRequest
        {
            EventId = 1, WarehouseId = warehouseId, Phase = phase, AsOf = Timestamp.FromDateTime(fixture.AsOf),
        }, Reader).ResponseAsync;

    private static decimal D(Dmis.Replenishment.V1.Decimal? value) =>
        decimal.Parse(Assert.IsType<Dmis.Replenishment.V1.Decimal>(value).Value, CultureInfo.InvariantCulture);

    private static NeedsListLine Line(NeedsListPreview preview, int itemId) =>
        Assert.Single(preview.Lines, line => line.ItemId == itemId);

    [Fact]
    public async Task Burn_rate_counts_only_dispatched_or_received_packages_of_the_event_from_valid_requests()
    {
        var water = Line(await PreviewAsync(), Water);

        Assert.Equal(300m, D(water.FulfilledQtyInWindow));
        Assert.Equal(2, water.FulfillmentCount);
        Assert.Equal("50.0000", water.BurnRate.Value);
        Assert.Equal(BurnRateSource.Calculated, water.BurnRateSource);
    }

    [Fact]
    public async Task Burn_rate_window_excludes_its_start_and_includes_as_of()
    {
        var tarp = Line(await PreviewAsync(), Tarp);

        Assert.Equal(120m, D(tarp.FulfilledQtyInWindow));
        Assert.Equal("20.0000", tarp.BurnRate.Value);
    }

    [Fact]
    public async Task Confirmed_inbound_counts_dispatched_transfers_verified_donations_in_transit_and_shipped_procurement()
    {
        var inbound = Line(await PreviewAsync(), Water).Inbound;

        Assert.Equal("100.00", inbound.TransferQty.Value);
        Assert.Equal("200.00", inbound.DonationQty.Value);
        Assert.Equal("300.00", inbound.ProcurementQty.Value);
        Assert.Equal("600.00", inbound.TotalQty.Value);
    }

    [Fact]
    public async Task Pledges_unshipped_orders_and_pending_or_received_transfers_are_not_inbound()
    {
        // Each excluded document holds 1,000: any of them counted would show in these totals.
        var water = Line(await PreviewAsync(), Water);

        Assert.Equal(600m, D(water.Inbound.TotalQty));
        Assert.Equal(800m, D(water.CoverageQty));
    }

    [Fact]
    public async Task Gap_is_required_less_usable_stock_and_confirmed_inbound()
    {
        var water = Line(await PreviewAsync(), Water);

        Assert.Equal("250.00", water.AvailableStock.Value);
        Assert.Equal("50.00", water.ReservedQty.Value);
        Assert.Equal("200.00", water.UsableStock.Value);
        Assert.Equal("4500.00", water.RequiredQty.Value);
        Assert.Equal("800.00", water.CoverageQty.Value);
        Assert.Equal("3700.00", water.GapQty.Value);
        Assert.Equal("4.00", water.TimeToStockoutHours.Value);
        Assert.Equal(Severity.Critical, water.Severity);
        Assert.Equal(fixture.AsOf.AddHours(4), water.ProjectedStockout.ToDateTime());
        Assert.Equal("850.00", water.UnitValue.Value);
        Assert.Equal("3145000.00", water.EstimatedValue.Value);
        Assert.Equal("CRITICAL", water.Criticality);
        Assert.Equal(1, water.WarehouseId);
    }

    [Fact]
    public async Task Zero_burn_with_fresh_data_means_no_current_demand()
    {
        var preview = await PreviewAsync();
        Assert.DoesNotContain(preview.Lines, line => line.ItemId == Blanket);

        var status = await Client.GetStockStatusAsync(new GetStockStatusRequest { EventId = 1, WarehouseId = 1, ItemId = Blanket }, Reader);
        var row = Assert.Single(status.Rows);
        Assert.Equal("0.0000", row.BurnRate.Value);
        Assert.Equal(BurnRateSource.Calculated, row.BurnRateSource);
        Assert.Null(row.TimeToStockoutHours);
        Assert.Equal(Severity.Ok, row.Severity);
    }

    [Fact]
    public async Task Zero_burn_with_stale_data_uses_the_baseline_with_a_warning()
    {
        var preview = await PreviewAsync(warehouseId: 4);

        Assert.Equal(FreshnessLevel.Low, preview.Freshness.Level);
        Assert.Contains(preview.Warnings, warning => warning.Code == "STALE_DATA" && warning.WarehouseId == 4);
        var blanket = Line(preview, Blanket);
        Assert.Equal("2.0000", blanket.BurnRate.Value);
        Assert.Equal(BurnRateSource.Baseline, blanket.BurnRateSource);
        Assert.Equal("5.00", blanket.TimeToStockoutHours.Value);
        Assert.Equal("170.00", blanket.GapQty.Value);
        Assert.Contains(blanket.Warnings, warning => warning.Code == "ESTIMATED_BURN_RATE" && warning.ItemId == Blanket);
    }

    [Fact]
    public async Task Offline_never_synced_and_inactive_warehouses_are_never_sources()
    {
        var preview = await PreviewAsync();

        var sources = Line(preview, Water).HorizonA.Sources.Select(source => source.WarehouseId).ToList();
        Assert.DoesNotContain(4, sources);
        Assert.DoesNotContain(5, sources);
        Assert.DoesNotContain(6, sources);
        Assert.Contains(preview.Warnings, warning => warning.Code == "SOURCE_EXCLUDED" && warning.WarehouseId == 4);
        Assert.Contains(preview.Warnings, warning => warning.Code == "SOURCE_EXCLUDED" && warning.WarehouseId == 5);
    }

    [Fact]
    public async Task A_source_keeps_the_larger_of_its_threshold_and_its_own_need()
    {
        var sources = Line(await PreviewAsync(), Water).HorizonA.Sources;

        // 3: 1,000 usable, threshold 100, own need 900 -> gives 100.
        Assert.Equal("100.00", Assert.Single(sources, source => source.WarehouseId == 3).Qty.Value);
    }

    [Fact]
    public async Task Open_lists_allocations_are_netted_from_a_source()
    {
        var sources = Line(await PreviewAsync(), Water).HorizonA.Sources;

        // 2: 3,000 - threshold 200 = 2,800, less approved 500 and in-progress 300 - 100 dispatched = 2,100.
        Assert.Equal("2100.00", Assert.Single(sources, source => source.WarehouseId == 2).Qty.Value);
    }

    [Fact]
    public async Task Item_threshold_overrides_the_warehouse_threshold_at_a_source()
    {
        var foodKit = Line(await PreviewAsync(), FoodKit);

        // 2: 1,000 usable; the item's 400 applies, not the warehouse's 200.
        var source = Assert.Single(foodKit.HorizonA.Sources);
        Assert.Equal(2, source.WarehouseId);
        Assert.Equal("600.00", source.Qty.Value);
        Assert.Equal("1680.00", foodKit.GapQty.Value);
        Assert.Equal("1080.00", foodKit.HorizonC.Qty.Value);
    }

    [Fact]
    public async Task Route_lead_time_comes_before_the_default_and_orders_the_sources()
    {
        var horizonA = Line(await PreviewAsync(), Water).HorizonA;

        Assert.Equal([3, 2], horizonA.Sources.Select(source => source.WarehouseId));
        Assert.Equal(3, horizonA.Sources[0].LeadTimeHours);
        Assert.Equal(fixture.AsOf.AddHours(3), horizonA.Sources[0].ExpectedArrival.ToDateTime());
        Assert.Equal(8, horizonA.Sources[1].LeadTimeHours);
        Assert.Equal("2200.00", horizonA.Qty.Value);
        Assert.Equal(8, horizonA.LeadTimeHours);
        Assert.True(horizonA.ArrivesAfterStockout);
    }

    [Fact]
    public async Task Pipeline_donations_cover_horizon_b_and_procurement_the_rest()
    {
        var water = Line(await PreviewAsync(), Water);

        Assert.Equal("800.00", water.HorizonB.Qty.Value);
        Assert.Equal(72, water.HorizonB.LeadTimeHours);
        Assert.Equal(fixture.AsOf.AddHours(72), water.HorizonB.ExpectedArrival.ToDateTime());
        Assert.Empty(water.HorizonB.Sources);
        Assert.Equal("700.00", water.HorizonC.Qty.Value);
        Assert.Equal(336, water.HorizonC.LeadTimeHours);
        Assert.Equal(2, water.HorizonASourceWarehouseId);
        Assert.False(water.StockoutBeforeArrival);
    }

    [Fact]
    public async Task A_stockout_before_the_first_arrival_is_flagged()
    {
        var tarp = Line(await PreviewAsync(), Tarp);

        Assert.Equal("0.00", tarp.HorizonA.Qty.Value);
        Assert.Equal("1700.00", tarp.HorizonC.Qty.Value);
        Assert.True(tarp.StockoutBeforeArrival);
        Assert.True(tarp.HorizonC.ArrivesAfterStockout);
        Assert.Contains(tarp.Warnings, warning => warning.Code == "STOCKOUT_BEFORE_ARRIVAL");
        Assert.Contains(tarp.Warnings, warning => warning.Code == "NO_TRANSFER_SOURCE");
    }

    [Fact]
    public async Task Header_has_phase_parameters_freshness_totals_and_most_urgent_lines_first()
    {
        var preview = await PreviewAsync();

        Assert.Equal("HURRICANE MELISSA", preview.EventName);
        Assert.Equal("KINGSTON CENTRAL", preview.WarehouseName);
        Assert.Equal(EventPhase.Surge, preview.Phase);
        Assert.Equal(6, preview.Parameters.DemandWindowHours);
        Assert.Equal(72, preview.Parameters.PlanningWindowHours);
        Assert.Equal("1.25", preview.Parameters.SafetyFactor.Value);
        Assert.Equal(fixture.AsOf, preview.AsOf.ToDateTime());
        Assert.Equal(FreshnessLevel.High, preview.Freshness.Level);
        Assert.NotNull(preview.Freshness.AgeHours);
        Assert.Equal([Water, Tarp, FoodKit], preview.Lines.Select(line => line.ItemId));
        Assert.Equal(5, preview.ItemsEvaluated);
        Assert.Equal(2, preview.SufficientCoverageCount);
        Assert.Equal("7080.00", preview.TotalGapQty.Value);
    }

    [Fact]
    public async Task Phase_what_if_on_the_same_data_changes_the_requirement()
    {
        var surge = await PreviewAsync(phase: EventPhase.Surge);
        var baseline = await PreviewAsync(phase: EventPhase.Baseline);

        Assert.Equal(EventPhase.Baseline, baseline.Phase);
        Assert.Equal(720, baseline.Parameters.DemandWindowHours);
        // BASELINE looks back 720 h: the 1,000 dispatched 7 h ago counts too. 1,300 / 720 = 1.8056/h.
        var surgeWater = Line(surge, Water);
        var baselineWater = Line(baseline, Water);
        Assert.Equal("4500.00", surgeWater.RequiredQty.Value);
        Assert.Equal("1.8056", baselineWater.BurnRate.Value);
        Assert.Equal("1625.04", baselineWater.RequiredQty.Value);
        Assert.NotEqual(surgeWater.RequiredQty, baselineWater.RequiredQty);
    }

    [Fact]
    public async Task Preview_writes_nothing()
    {
        const string counts =
            """
            select (select count(*) from needs_list) + (select count(*) from needs_list_item)
                 + (select count(*) from burn_rate_snapshot) + (select count(*) from needs_list_audit)
                 + (select count(*) from v_needs_list_item_source) + (select count(*) from idempotency_record)
            """;
        var before = await fixture.ScalarAsync<long>(counts);

        await PreviewAsync();

        Assert.Equal(before, await fixture.ScalarAsync<long>(counts));
    }
}
