using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.NeedsLists;

/// <summary>
/// GetStockStatus for event 1 (SURGE, 6 h window): active warehouses 1 and 2 (fresh) and 3 (stale), inactive 4;
/// active items 1-6, inactive 7. 18 rows: CRITICAL (1,1) 2 h, (2,1) 1 h, (3,6) stale so baseline 1/h on no stock,
/// and (1,6), (2,6): out of stock and never dispatched, so baseline 1/h whatever the freshness (SPEC 3 rule 3,
/// stocked-out demand; they were OK before that rule); WARNING (1,2) 15 h; WATCH (1,3) 50 h; the other 11 OK.
/// </summary>
public sealed class StockStatusTests(StockStatusTests.Fixture fixture) : IClassFixture<StockStatusTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.EventAsync(2, "SURGE", status: "C");
            await seed.WarehouseAsync(1, "KINGSTON CENTRAL");
            await seed.WarehouseAsync(2, "MONTEGO BAY HUB");
            await seed.WarehouseAsync(3, "PORT ANTONIO DEPOT", syncedHoursAgo: 10);
            await seed.WarehouseAsync(4, "OLD DEPOT", status: "I");
            for (var itemId = 1; itemId <= 6; itemId++)
            {
                await seed.ItemAsync(itemId, $"ITEM-{itemId}", baselineBurnRate: itemId == 6 ? 1 : 0);
            }

            await seed.ItemAsync(7, "RETIRED", status: "I");

            foreach (var (itemId, stock) in new[] { (1, 20m), (2, 150m), (3, 500m), (4, 1000m) })
            {
                await seed.StockAsync(1, itemId, stock);
                await seed.FulfilmentAsync(1, 1, itemId, 60, hoursAgo: 1);
            }

            await seed.StockAsync(1, 5, 100);
            await seed.StockAsync(2, 1, 10);
            await seed.FulfilmentAsync(1, 2, 1, 60, hoursAgo: 2);
            await seed.StockAsync(4, 1, 10);
            await seed.TransferAsync(4, 1, 1, 5, status: "D");
        }
    }

    private static readonly Metadata Reader = Bearer(Token("reader"));

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private Task<GetStockStatusResponse> GetAsync(GetStockStatusRequest request) => Client.GetStockStatusAsync(request, Reader).ResponseAsync;

    [Fact]
    public async Task Stock_status_pages_through_every_active_warehouse_and_item_once_in_key_order()
    {
        var rows = new List<StockStatusRow>();
        var request = new GetStockStatusRequest { EventId = 1, PageSize = 5 };
        var pages = 0;
        do
        {
            var page = await GetAsync(request);
            pages++;
            Assert.True(page.Rows.Count <= 5);
            Assert.Equal(18, page.TotalRows);
            // The stocked-out rule (SPEC 3 rule 3) moved (1,6) and (2,6) from OK to CRITICAL.
            Assert.Equal(new SeverityCounts { Critical = 5, Warning = 1, Watch = 1, Ok = 11 }, page.Counts);
            Assert.Equal(EventPhase.Surge, page.Phase);
            rows.AddRange(page.Rows);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");

        Assert.Equal(4, pages);
        var keys = rows.Select(row => (row.WarehouseId, row.ItemId)).ToList();
        Assert.Equal(
            from warehouseId in new[] { 1, 2, 3 } from itemId in Enumerable.Range(1, 6) select (warehouseId, itemId),
            keys);
    }

    [Fact]
    public async Task Every_page_of_a_paging_is_calculated_at_the_first_pages_moment()
    {
        var first = await GetAsync(new GetStockStatusRequest { EventId = 1, PageSize = 5 });
        await Task.Delay(TimeSpan.FromSeconds(1.1));

        var second = await GetAsync(new GetStockStatusRequest { EventId = 1, PageSize = 5, PageToken = first.NextPageToken });
        var fresh = await GetAsync(new GetStockStatusRequest { EventId = 1, PageSize = 5 });

        Assert.Equal(first.AsOf, second.AsOf);
        Assert.True(fresh.AsOf.ToDateTime() > first.AsOf.ToDateTime(), "a new paging starts at a new moment");
    }

    [Fact]
    public async Task Another_instance_continues_a_paging_with_the_same_rows_and_counts()
    {
        // The next pages read only their warehouses while this instance remembers the paging's counts;
        // another instance has to compute the whole scope again. Both must answer the same page.
        using var other = new ReplenishmentServerFactory(fixture.ConnectionString);
        var otherClient = new NeedsListService.NeedsListServiceClient(other.CreateChannel());
        foreach (var severities in new[] { Array.Empty<Severity>(), [Severity.Ok], [Severity.Critical, Severity.Watch] })
        {
            var request = new GetStockStatusRequest { EventId = 1, PageSize = 2, Severities = { severities } };
            var first = await GetAsync(request);
            Assert.NotEqual("", first.NextPageToken);
            request.PageToken = first.NextPageToken;

            var here = await GetAsync(request);
            var there = await otherClient.GetStockStatusAsync(request, Reader);

            Assert.Equal(there, here);
            Assert.Equal(first.Counts, here.Counts);
            Assert.Equal(first.TotalRows, here.TotalRows);
        }
    }

    [Fact]
    public async Task An_edited_page_token_is_refused()
    {
        var first = await GetAsync(new GetStockStatusRequest { EventId = 1, PageSize = 5 });
        var edited = (first.NextPageToken[0] == 'A' ? "B" : "A") + first.NextPageToken[1..];

        await GrpcAssert.FailsOnField("page_token", () => GetAsync(new GetStockStatusRequest { EventId = 1, PageSize = 5, PageToken = edited }));
    }

    [Fact]
    public async Task A_page_token_replayed_with_other_filters_is_refused_and_the_page_size_may_change()
    {
        var first = await GetAsync(new GetStockStatusRequest { EventId = 1, PageSize = 5 });

        await GrpcAssert.FailsOnField("page_token", () => GetAsync(new GetStockStatusRequest { EventId = 1, WarehouseId = 1, PageToken = first.NextPageToken }));
        var next = await GetAsync(new GetStockStatusRequest { EventId = 1, PageSize = 7, PageToken = first.NextPageToken });
        Assert.NotEmpty(next.Rows);
    }

    [Fact]
    public async Task A_row_has_stock_inbound_burn_rate_time_to_stockout_severity_freshness_gap_and_surplus()
    {
        var response = await GetAsync(new GetStockStatusRequest { EventId = 1, WarehouseId = 1 });

        var critical = Assert.Single(response.Rows, row => row.ItemId == 1);
        Assert.Equal("KINGSTON CENTRAL", critical.WarehouseName);
        Assert.Equal("ITEM-1", critical.ItemCode);
        Assert.Equal("20.00", critical.AvailableStock.Value);
        Assert.Equal("20.00", critical.UsableStock.Value);
        Assert.Equal("5.00", critical.Inbound.TransferQty.Value);
        Assert.Equal("10.0000", critical.BurnRate.Value);
        Assert.Equal(BurnRateSource.Calculated, critical.BurnRateSource);
        Assert.Equal("2.00", critical.TimeToStockoutHours.Value);
        Assert.Equal(Severity.Critical, critical.Severity);
        Assert.Equal(FreshnessLevel.High, critical.Freshness);
        Assert.Equal("900.00", critical.RequiredQty.Value);
        Assert.Equal("875.00", critical.GapQty.Value);
        Assert.Equal("0.00", critical.SurplusQty.Value);

        var ok = Assert.Single(response.Rows, row => row.ItemId == 4);
        Assert.Equal(Severity.Ok, ok.Severity);
        Assert.Equal("100.00", ok.TimeToStockoutHours.Value);
        Assert.Equal("0.00", ok.GapQty.Value);
        Assert.Equal("100.00", ok.SurplusQty.Value);
    }

    [Fact]
    public async Task Stale_warehouses_show_low_freshness_and_the_baseline_burn_rate()
    {
        var response = await GetAsync(new GetStockStatusRequest { EventId = 1, WarehouseId = 3, ItemId = 6 });

        var row = Assert.Single(response.Rows);
        Assert.Equal(FreshnessLevel.Low, row.Freshness);
        Assert.Equal(BurnRateSource.Baseline, row.BurnRateSource);
        Assert.Equal("1.0000", row.BurnRate.Value);
        Assert.Equal(Severity.Critical, row.Severity);
    }

    [Fact]
    public async Task Filters_narrow_the_rows_and_the_counts_follow_them()
    {
        var critical = await GetAsync(new GetStockStatusRequest { EventId = 1, Severities = { Severity.Critical } });
        // (1,6) and (2,6) are CRITICAL by the stocked-out rule (SPEC 3 rule 3): no stock, never dispatched, baseline 1/h.
        Assert.Equal([(1, 1), (1, 6), (2, 1), (2, 6), (3, 6)], critical.Rows.Select(row => (row.WarehouseId, row.ItemId)));
        Assert.Equal(5, critical.TotalRows);
        Assert.Equal(new SeverityCounts { Critical = 5 }, critical.Counts);

        var urgentAtOne = await GetAsync(new GetStockStatusRequest
        {
            EventId = 1, WarehouseId = 1, Severities = { Severity.Critical, Severity.Warning },
        });
        Assert.Equal([1, 2, 6], urgentAtOne.Rows.Select(row => row.ItemId)); // 6: stocked out on its baseline (SPEC 3 rule 3)

        var itemOne = await GetAsync(new GetStockStatusRequest { EventId = 1, ItemId = 1 });
        Assert.Equal([1, 2, 3], itemOne.Rows.Select(row => row.WarehouseId));
        Assert.Equal(new SeverityCounts { Critical = 2, Ok = 1 }, itemOne.Counts);
    }

    [Fact]
    public async Task Bad_filters_are_refused_precisely()
    {
        await GrpcAssert.FailsOnField("event_id", () => GetAsync(new GetStockStatusRequest()));
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => GetAsync(new GetStockStatusRequest { EventId = 99 }));
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => GetAsync(new GetStockStatusRequest { EventId = 2 }));
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => GetAsync(new GetStockStatusRequest { EventId = 1, WarehouseId = 99 }));
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => GetAsync(new GetStockStatusRequest { EventId = 1, WarehouseId = 4 }));
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => GetAsync(new GetStockStatusRequest { EventId = 1, ItemId = 99 }));
        await GrpcAssert.FailsOnField("warehouse_id", () => GetAsync(new GetStockStatusRequest { EventId = 1, WarehouseId = -1 }));
        await GrpcAssert.FailsOnField("severities[0]", () => GetAsync(new GetStockStatusRequest { EventId = 1, Severities = { Severity.Unspecified } }));
        await GrpcAssert.FailsOnField("page_token", () => GetAsync(new GetStockStatusRequest { EventId = 1, PageToken = "nonsense" }));
        await GrpcAssert.FailsWith(StatusCode.Unauthenticated,
            () => Client.GetStockStatusAsync(new GetStockStatusRequest { EventId = 1 }).ResponseAsync);
    }

    [Fact]
    public async Task An_inactive_item_has_no_rows()
    {
        var response = await GetAsync(new GetStockStatusRequest { EventId = 1, ItemId = 7 });

        Assert.Empty(response.Rows);
        Assert.Equal(0, response.TotalRows);
    }
}
