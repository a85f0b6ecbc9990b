using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Procurement;

/// <summary>
/// A needs list's life through its one owner: the adjusted split is what it holds and moves, the
/// create-from-list calls check the version, and every change reaches the stream in order. Event 1 in
/// SURGE. WATER: warehouse 2 can give 1,300; depots 11 and 12 each burn 50/h on 200 (gap 4,300).
/// RICE: warehouse 3 gives depot 13. SOAP: warehouse 4 gives depot 15. TARP: depot 16, nobody gives (all C).
/// </summary>
public sealed class NeedsListOwnerTests(NeedsListOwnerTests.Fixture fixture) : IClassFixture<NeedsListOwnerTests.Fixture>
{
    private const int Water = 1, Rice = 2, Soap = 4, Tarp = 5;

    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.ItemAsync(Water, "WATER");
            await seed.ItemAsync(Rice, "RICE");
            await seed.ItemAsync(Soap, "SOAP");
            await seed.ItemAsync(Tarp, "TARP");
            await seed.WarehouseAsync(2, "MONTEGO BAY HUB");
            await seed.StockAsync(2, Water, 1300, unitValue: 850);
            await seed.WarehouseAsync(3, "MANDEVILLE HUB");
            await seed.StockAsync(3, Rice, 1000, unitValue: 120);
            await seed.WarehouseAsync(4, "OCHO RIOS HUB");
            await seed.StockAsync(4, Soap, 1000, unitValue: 60);
            foreach (var (depot, item) in new[] { (11, Water), (12, Water), (13, Rice), (15, Soap), (16, Tarp) })
            {
                await seed.WarehouseAsync(depot, $"DEPOT {depot}");
                await seed.StockAsync(depot, item, 200, unitValue: 100);
                await seed.FulfilmentAsync(1, depot, item, 300, hoursAgo: 1);
            }
        }
    }

    private static readonly Metadata Preparer = Bearer(Token("sasha", "SENIOR_DIRECTOR"));
    private static readonly Metadata Approver = Bearer(Token("desmond", "DIRECTOR_GENERAL"));

    private NeedsListService.NeedsListServiceClient NeedsLists => new(fixture.Factory.CreateChannel());

    private ProcurementService.ProcurementServiceClient Procurement => new(fixture.Factory.CreateChannel());

    private async Task<NeedsList> ApprovedAsync(NeedsList list)
    {
        var submitted = await NeedsLists.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = list.NeedsListId, ExpectedVersion = list.Version }, Preparer);
        return await NeedsLists.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = list.NeedsListId, ExpectedVersion = submitted.Version }, Approver);
    }

    private Task<NeedsList> GenerateAsync(int warehouseId) =>
        NeedsLists.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 1, WarehouseId = warehouseId }, Preparer).ResponseAsync;

    private Task<NeedsList> AdjustAsync(NeedsList list, int itemId, string qty) =>
        NeedsLists.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
        {
            NeedsListId = list.NeedsListId, ItemId = itemId, AdjustedQty = new() { Value = qty },
            Reason = AdjustmentReason.DemandAdjusted, ExpectedVersion = list.Version,
        }, Preparer).ResponseAsync;

    [Fact]
    public async Task Adjusting_a_line_to_zero_creates_no_transfer_and_frees_the_source_for_another_warehouse()
    {
        var generated = await GenerateAsync(11);
        Assert.Equal("1300.00", generated.Lines.Single(line => line.ItemId == Water).HorizonA.Qty.Value);

        var adjusted = await AdjustAsync(generated, Water, "0");
        var approved = await ApprovedAsync(adjusted);

        var water = approved.Lines.Single(line => line.ItemId == Water);
        Assert.Equal(("1300.00", "0.00", "0.00"), (water.HorizonA.Qty.Value, water.AdjustedHorizonA.Qty.Value, water.AdjustedHorizonC.Qty.Value));
        Assert.Equal(["0.00"], water.AdjustedHorizonA.Sources.Select(source => source.Qty.Value));
        var preview = await NeedsLists.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 12 }, Preparer);
        Assert.Equal("1300.00", preview.Lines.Single(line => line.ItemId == Water).HorizonA.Qty.Value);

        var error = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Procurement.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = approved.NeedsListId }, Preparer).ResponseAsync);
        Assert.Contains("no horizon A quantity to transfer", error.Status.Detail);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("select count(*) from transfer where needs_list_id = @id", new { id = approved.NeedsListId }));
    }

    [Fact]
    public async Task A_cut_below_horizon_A_moves_only_the_adjusted_quantity_and_procures_nothing()
    {
        var approved = await ApprovedAsync(await AdjustAsync(await GenerateAsync(15), Soap, "400"));

        var created = await Procurement.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = approved.NeedsListId, ExpectedVersion = approved.Version }, Preparer);

        Assert.Equal(["400.00"], Assert.Single(created.Transfers).Lines.Select(line => line.Qty.Value));
        var error = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Procurement.CreateProcurementFromNeedsListAsync(
            new CreateProcurementFromNeedsListRequest { NeedsListId = approved.NeedsListId, Method = ProcurementMethod.Rfq }, Preparer).ResponseAsync);
        Assert.Contains("no horizon C quantity left to procure", error.Status.Detail);
    }

    [Fact]
    public async Task Create_from_list_with_a_version_the_list_has_left_is_aborted_and_changes_nothing()
    {
        var approved = await ApprovedAsync(await GenerateAsync(13));

        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Procurement.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = approved.NeedsListId, ExpectedVersion = approved.Version - 1 }, Preparer).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Procurement.CreateProcurementFromNeedsListAsync(new CreateProcurementFromNeedsListRequest
        {
            NeedsListId = approved.NeedsListId, Method = ProcurementMethod.Rfq, ExpectedVersion = approved.Version + 1,
        }, Preparer).ResponseAsync);
        var bad = await GrpcAssert.FailsWith(StatusCode.InvalidArgument, () => Procurement.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = approved.NeedsListId, ExpectedVersion = -1 }, Preparer).ResponseAsync);
        Assert.Contains("expected_version", bad.Status.Detail);
        Assert.Equal(0L, await fixture.ScalarAsync<long>(
            "select count(*) from transfer where needs_list_id = @id", new { id = approved.NeedsListId }));

        var unchanged = await NeedsLists.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = approved.NeedsListId }, Preparer);
        Assert.Equal((NeedsListStatus.Approved, approved.Version), (unchanged.Status, unchanged.Version));
        await Procurement.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = approved.NeedsListId, ExpectedVersion = approved.Version }, Preparer);
        var started = await NeedsLists.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = approved.NeedsListId }, Preparer);
        Assert.Equal((NeedsListStatus.InProgress, approved.Version + 1), (started.Status, started.Version));
    }

    [Fact]
    public async Task Every_change_of_a_list_reaches_the_stream_in_order()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = NeedsLists.WatchNeedsListEvents(
            new WatchNeedsListEventsRequest { WarehouseId = 16 }, Preparer, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        var generated = await GenerateAsync(16);
        var approved = await ApprovedAsync(await AdjustAsync(generated, Tarp, "5000"));
        await Procurement.CreateProcurementFromNeedsListAsync(new CreateProcurementFromNeedsListRequest
        {
            NeedsListId = approved.NeedsListId, Method = ProcurementMethod.Rfq, ExpectedVersion = approved.Version,
        }, Preparer);

        var seen = new List<(NeedsListEventType, NeedsListStatus, NeedsListStatus)>();
        while (seen.Count < 5 && await stream.ResponseStream.MoveNext(cancel.Token))
        {
            var pushed = stream.ResponseStream.Current;
            Assert.Equal(generated.NeedsListId, pushed.NeedsListId);
            seen.Add((pushed.Type, pushed.FromStatus, pushed.ToStatus));
        }

        Assert.Equal(
        [
            (NeedsListEventType.Generated, NeedsListStatus.Unspecified, NeedsListStatus.Draft),
            (NeedsListEventType.LineAdjusted, NeedsListStatus.Draft, NeedsListStatus.Draft),
            (NeedsListEventType.StatusChanged, NeedsListStatus.Draft, NeedsListStatus.PendingApproval),
            (NeedsListEventType.StatusChanged, NeedsListStatus.PendingApproval, NeedsListStatus.Approved),
            (NeedsListEventType.StatusChanged, NeedsListStatus.Approved, NeedsListStatus.InProgress),
        ], seen);
    }
}
