using System.Globalization;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;
using ProcurementStatus = Dmis.Replenishment.V1.ProcurementStatus;

namespace Dmis.Replenishment.IntegrationTests.Procurement;

/// <summary>
/// CreateTransfersFromNeedsList next to procurement. Event 1 in SURGE. Depot 11 burns 50 WATER/h on 200
/// usable (gap 4,300); warehouse 2 gives 1,300 WATER (a batch of 300 expiring in 10 days, one of 1,000 in
/// a year). Depot 13 burns RICE, which only warehouse 3 can give (1,000).
/// </summary>
public sealed class ProcurementTransferTests(ProcurementTransferTests.Fixture fixture) : IClassFixture<ProcurementTransferTests.Fixture>
{
    private const int Water = 1, Rice = 2, Tarp = 3;

    public sealed class Fixture : DatabaseFixture
    {
        public int EarlyBatchId { get; private set; }

        public int LateBatchId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.ItemAsync(Water, "WATER");
            await seed.ItemAsync(Rice, "RICE");
            await seed.WarehouseAsync(2, "MONTEGO BAY HUB");
            await seed.StockAsync(2, Water, 1000, unitValue: 850);
            LateBatchId = await ScalarAsync<int>("select batch_id from itembatch where inventory_id = 2 and item_id = 1");
            EarlyBatchId = await ScalarAsync<int>(
                """
                update inventory set usable_qty = 1300 where inventory_id = 2 and item_id = 1;
                insert into itembatch (inventory_id, item_id, batch_no, expiry_date, usable_qty, reserved_qty, uom_code,
                                       avg_unit_value, status_code, create_by_id, update_by_id)
                values (2, 1, 'EARLY', current_date + 10, 300, 0, 'EA', 850, 'A', 'SEED', 'SEED')
                returning batch_id;
                """);
            await seed.WarehouseAsync(3, "MANDEVILLE HUB");
            await seed.StockAsync(3, Rice, 1000, unitValue: 120);

            await seed.WarehouseAsync(11, "DEPOT 11");
            await seed.StockAsync(11, Water, 200, unitValue: 850);
            await seed.FulfilmentAsync(1, 11, Water, 300, hoursAgo: 1);
            await seed.WarehouseAsync(13, "DEPOT 13");
            await seed.StockAsync(13, Rice, 200, unitValue: 120);
            await seed.FulfilmentAsync(1, 13, Rice, 300, hoursAgo: 1);

            // Depots 14-16: TARP that nobody can give (all horizon C).
            await seed.ItemAsync(Tarp, "TARP");
            for (var warehouseId = 14; warehouseId <= 16; warehouseId++)
            {
                await seed.WarehouseAsync(warehouseId, $"DEPOT {warehouseId}", minThreshold: 100000);
                await seed.StockAsync(warehouseId, Tarp, 100, unitValue: 40);
                await seed.FulfilmentAsync(1, warehouseId, Tarp, 300, hoursAgo: 1);
            }

            await ExecuteAsync(
                """
                insert into supplier (supplier_id, supplier_code, supplier_name, status_code, create_by_id, update_by_id)
                overriding system value values (1, 'SUP-A', 'SUPPLIER A', 'A', 'SEED', 'SEED')
                """);
        }
    }

    private static readonly Metadata Officer = Bearer(Token("tanya", "LOGISTICS_OFFICER"));
    private static readonly Metadata Manager = Bearer(Token("kemar", "LOGISTICS_MANAGER"));

    private ProcurementService.ProcurementServiceClient Client => new(fixture.Factory.CreateChannel());

    private NeedsListService.NeedsListServiceClient NeedsLists => new(fixture.Factory.CreateChannel());

    private async Task<NeedsList> ApprovedListAsync(int warehouseId)
    {
        var list = await NeedsLists.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 1, WarehouseId = warehouseId }, Officer);
        await fixture.ExecuteAsync(
            "update needs_list set status_code = 'APPROVED', approved_by = 'dg', approved_at = (now() at time zone 'UTC') where needs_list_id = @id",
            new { id = list.NeedsListId });
        return list;
    }

    private async Task<decimal> PreviewGapAsync(int warehouseId, int itemId)
    {
        var preview = await NeedsLists.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = warehouseId }, Officer);
        return decimal.Parse(preview.Lines.Single(l => l.ItemId == itemId).GapQty.Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Approved_list_becomes_transfers_and_a_procurement_and_the_shipped_order_shrinks_the_gap()
    {
        var list = await ApprovedListAsync(11);
        Assert.Equal("1300.00", list.Lines.Single(l => l.ItemId == Water).HorizonA.Qty.Value);

        var created = await Client.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = list.NeedsListId, RequestId = "tr-1" }, Officer);

        var transfer = Assert.Single(created.Transfers);
        Assert.Equal((2, 11, 1, list.NeedsListId, "P"), (transfer.FromWarehouseId, transfer.ToWarehouseId, transfer.EventId, transfer.NeedsListId, transfer.StatusCode));
        Assert.Equal(
            [(Water, fixture.EarlyBatchId, "300.00"), (Water, fixture.LateBatchId, "1000.00")],
            transfer.Lines.Select(l => (l.ItemId, l.BatchId, l.Qty.Value)));
        var stored = await fixture.QueryAsync<(int, int, int, string, DateTime)>(
            "select fr_inventory_id, to_inventory_id, eligible_event_id, status_code, transfer_date from transfer where needs_list_id = @id",
            new { id = list.NeedsListId });
        Assert.Equal([(2, 11, 1, "P", DateTime.UtcNow.Date)], stored);
        Assert.Equal(created, await Client.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = list.NeedsListId, RequestId = "tr-1" }, Officer));
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Client.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = list.NeedsListId }, Officer).ResponseAsync);

        // The procurement takes the rest (horizon C); the list moved to IN_PROGRESS once, with the first action.
        var draft = await Client.CreateProcurementFromNeedsListAsync(new CreateProcurementFromNeedsListRequest
        {
            NeedsListId = list.NeedsListId, SupplierId = 1, Method = ProcurementMethod.Rfq,
        }, Officer);
        Assert.Equal(("3000.00", "2550000.00"), (draft.Lines.Single().OrderedQty.Value, draft.TotalValue.Value));
        Assert.Equal(
            [("STATUS_CHANGED", "APPROVED", "IN_PROGRESS")],
            await fixture.QueryAsync<(string, string, string)>(
                "select action_type, old_value, new_value from needs_list_audit where needs_list_id = @id and field_name = 'status_code'",
                new { id = list.NeedsListId }));
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Client.CreateProcurementFromNeedsListAsync(
            new CreateProcurementFromNeedsListRequest { NeedsListId = list.NeedsListId, Method = ProcurementMethod.Rfq }, Officer).ResponseAsync);

        var submitted = await Client.SubmitProcurementAsync(new ProcurementActionRequest { ProcurementId = draft.ProcurementId, ExpectedVersion = draft.Version }, Officer);
        var approved = await Client.ApproveProcurementAsync(new ProcurementActionRequest { ProcurementId = draft.ProcurementId, ExpectedVersion = submitted.Version }, Manager);
        var ordered = await Client.MarkOrderedAsync(new MarkOrderedRequest { ProcurementId = draft.ProcurementId, PoNumber = "PO-1", ExpectedVersion = approved.Version }, Officer);
        var gapBefore = await PreviewGapAsync(11, Water);
        var shipped = await Client.MarkShippedAsync(new MarkShippedRequest
        {
            ProcurementId = draft.ProcurementId, ExpectedArrival = Timestamp.FromDateTime(DateTime.UtcNow.Date.AddDays(7)), ExpectedVersion = ordered.Version,
        }, Officer);
        Assert.Equal(ProcurementStatus.Shipped, shipped.Status);
        Assert.Equal(gapBefore - 3000m, await PreviewGapAsync(11, Water));
    }

    [Fact]
    public async Task Transfers_are_refused_when_the_source_surplus_is_gone_and_nothing_is_written()
    {
        var list = await ApprovedListAsync(13);
        Assert.Equal("1000.00", list.Lines.Single(l => l.ItemId == Rice).HorizonA.Qty.Value);
        await fixture.ExecuteAsync(
            """
            update itembatch set usable_qty = 400 where inventory_id = 3 and item_id = 2;
            update inventory set usable_qty = 400 where inventory_id = 3 and item_id = 2;
            """);

        var error = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Client.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = list.NeedsListId }, Officer).ResponseAsync);

        Assert.Contains("MANDEVILLE HUB", error.Status.Detail);
        Assert.Contains("400", error.Status.Detail);
        Assert.Equal(0, await fixture.ScalarAsync<int>("select count(*)::int from transfer where needs_list_id = @id", new { id = list.NeedsListId }));
        Assert.Equal("APPROVED", await fixture.ScalarAsync<string>("select status_code from needs_list where needs_list_id = @id", new { id = list.NeedsListId }));
    }

    [Fact]
    public async Task Concurrent_procurements_of_one_event_get_unique_numbers_and_one_list_is_never_ordered_twice()
    {
        var lists = await Task.WhenAll(Enumerable.Range(14, 3).Select(ApprovedListAsync));

        // Four at once: one per list, and a second one for the first list.
        var outcomes = await Task.WhenAll(lists.Append(lists[0]).Select(async list =>
        {
            try
            {
                var procurement = await Client.CreateProcurementFromNeedsListAsync(
                    new CreateProcurementFromNeedsListRequest { NeedsListId = list.NeedsListId, Method = ProcurementMethod.Rfq }, Officer);
                return (StatusCode.OK, procurement.ProcurementNo);
            }
            catch (RpcException e)
            {
                return (e.StatusCode, "");
            }
        }));

        var today = DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var numbers = outcomes.Where(o => o.Item1 == StatusCode.OK).Select(o => o.Item2).ToList();
        Assert.Equal(3, numbers.Distinct().Count());
        Assert.All(numbers, number => Assert.StartsWith($"PR-1-{today}-", number));
        Assert.Equal(StatusCode.FailedPrecondition, Assert.Single(outcomes, o => o.Item1 != StatusCode.OK).Item1);
        Assert.Equal(1, await fixture.ScalarAsync<int>(
            "select count(*)::int from procurement where needs_list_id = @id", new { id = lists[0].NeedsListId }));
    }
}
