using System.Globalization;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Network;

/// <summary>
/// SPEC 3, rule 3 on the real database: event 1 in SURGE (6 h window), warehouse 1 fresh. WATER (1) is out
/// of stock at warehouse 1 and was last dispatched 14 h ago: 40 + 40 + 40 at 14, 16 and 19 h ago, plus lines
/// that do not count (another warehouse, a denied request, another event, 30 h ago outside the window), two of
/// them later than the last counted dispatch (a denied request 10 h ago, another event 8 h ago): they do not move it.
/// TARP (2) has no inventory row and was never dispatched: its baseline of 2/h applies. RICE (3) is in stock.
/// </summary>
public sealed class StockedOutDemandTests(StockedOutDemandTests.Fixture fixture) : IClassFixture<StockedOutDemandTests.Fixture>
{
    private const int Water = 1, Tarp = 2, Rice = 3;

    public sealed class Fixture : DatabaseFixture
    {
        /// <summary>The calculation moment of the previews: now to the second, so every dispatch is before it.</summary>
        public DateTime AsOf { get; } = OneClockTests.ToTheSecond(DateTime.UtcNow.AddMinutes(-1));

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.EventAsync(2, "SURGE");
            await seed.WarehouseAsync(1, "KINGSTON CENTRAL");
            await seed.WarehouseAsync(2, "MONTEGO BAY HUB");
            await seed.ItemAsync(Water, "WATER", criticality: "CRITICAL");
            await seed.ItemAsync(Tarp, "TARP", baselineBurnRate: 2);
            await seed.ItemAsync(Rice, "RICE");
            await seed.StockAsync(1, Water, 0);
            await seed.StockAsync(2, Water, 5);
            await seed.StockAsync(1, Rice, 1000);
            foreach (var hoursAgo in new[] { 14, 16, 19 })
            {
                await seed.FulfilmentAtAsync(1, 1, Water, 40, AsOf.AddHours(-hoursAgo));
            }

            await seed.FulfilmentAtAsync(1, 2, Water, 500, AsOf.AddHours(-15));
            await seed.FulfilmentAtAsync(1, 1, Water, 500, AsOf.AddHours(-15), requestStatus: 4);
            await seed.FulfilmentAtAsync(2, 1, Water, 500, AsOf.AddHours(-15));
            await seed.FulfilmentAtAsync(1, 1, Water, 500, AsOf.AddHours(-30));
            await seed.FulfilmentAtAsync(1, 1, Water, 500, AsOf.AddHours(-10), requestStatus: 4);
            await seed.FulfilmentAtAsync(2, 1, Water, 500, AsOf.AddHours(-8));
        }
    }

    private static readonly Metadata Officer = Bearer(Token("tanya", "LOGISTICS_OFFICER"));

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private DateTime LastDispatch => fixture.AsOf.AddHours(-14);

    private async Task<NeedsListPreview> PreviewAsync() =>
        await Client.PreviewNeedsListAsync(
            new PreviewNeedsListRequest { EventId = 1, WarehouseId = 1, AsOf = Timestamp.FromDateTime(fixture.AsOf) }, Officer);

    [Fact]
    public async Task A_stocked_out_item_burns_what_it_dispatched_in_the_window_before_its_last_dispatch()
    {
        var preview = await PreviewAsync();

        var water = preview.Lines.Single(line => line.ItemId == Water);
        Assert.Equal(("20.0000", BurnRateSource.Estimated), (water.BurnRate.Value, water.BurnRateSource));
        Assert.Equal(("120.0000", 3), (water.FulfilledQtyInWindow.Value, water.FulfillmentCount));
        Assert.Equal(Timestamp.FromDateTime(LastDispatch), water.DemandWindowEnd);
        Assert.Equal(("0.00", Severity.Critical), (water.TimeToStockoutHours.Value, water.Severity));
        Assert.Equal("1800.00", water.GapQty.Value); // 20 x 72 x 1.25
        var warning = Assert.Single(water.Warnings, w => w.Code == "STOCKED_OUT");
        Assert.Contains(
            $"over the 6 h before the last dispatch at {LastDispatch.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC",
            warning.Message);
    }

    [Fact]
    public async Task A_stocked_out_item_never_dispatched_takes_its_baseline_even_on_fresh_data()
    {
        var preview = await PreviewAsync();

        var tarp = preview.Lines.Single(line => line.ItemId == Tarp);
        Assert.Equal(("2.0000", BurnRateSource.Baseline, Severity.Critical), (tarp.BurnRate.Value, tarp.BurnRateSource, tarp.Severity));
        Assert.Null(tarp.DemandWindowEnd);
        Assert.Contains(tarp.Warnings, w => w.Code == "STOCKED_OUT");
        Assert.Contains(tarp.Warnings, w => w.Code == "ESTIMATED_BURN_RATE");
        Assert.DoesNotContain(preview.Lines, line => line.ItemId == Rice);
    }

    [Fact]
    public async Task The_dashboard_shows_the_same_stocked_out_burn_rate()
    {
        var status = await Client.GetStockStatusAsync(new GetStockStatusRequest { EventId = 1, WarehouseId = 1, ItemId = Water }, Officer);

        var row = Assert.Single(status.Rows);
        Assert.Equal(("20.0000", BurnRateSource.Estimated, Severity.Critical), (row.BurnRate.Value, row.BurnRateSource, row.Severity));
        Assert.NotNull(row.DemandWindowEnd);
    }

    [Fact]
    public async Task Generate_keeps_the_stocked_out_window_in_the_line_and_its_burn_rate_snapshot()
    {
        var list = await Client.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 1, WarehouseId = 1 }, Officer);

        var water = list.Lines.Single(line => line.ItemId == Water);
        Assert.Equal(BurnRateSource.Estimated, water.BurnRateSource);
        Assert.NotNull(water.DemandWindowEnd);
        var read = await Client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = list.NeedsListId }, Officer);
        Assert.Equal(water.DemandWindowEnd, read.Lines.Single(line => line.ItemId == Water).DemandWindowEnd);
        var snapshot = await fixture.QueryAsync<(string Source, decimal Rate, decimal Fulfilled, int Lines, decimal? Hours, decimal Available)>(
            """
            select burn_rate_source, burn_rate, total_fulfilled_qty, fulfillment_count, time_to_stockout_hours, available_stock_at_calc
              from burn_rate_snapshot where warehouse_id = 1 and item_id = @item
            """,
            new { item = Water });
        Assert.Equal([("ESTIMATED", 20m, 120m, 3, (decimal?)0m, 0m)], snapshot);
    }
}
