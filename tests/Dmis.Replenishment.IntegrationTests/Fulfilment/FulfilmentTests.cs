using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.V1;
using static Dmis.Replenishment.IntegrationTests.Fulfilment.FulfilmentFixture;

namespace Dmis.Replenishment.IntegrationTests.Fulfilment;

/// <summary>
/// SPEC 4, "Fulfilment, every horizon": a list with horizon A, B and C quantities goes from generation to
/// FULFILLED; the DMIS main application's plain UPDATEs receive A (transfers) and B (the pledge's intake),
/// the API receives C; each change is on WatchNeedsListEvents; the sweep finishes lists nobody told the service about.
/// </summary>
public sealed class FulfilmentTests(FulfilmentTests.Fixture fixture) : IClassFixture<FulfilmentTests.Fixture>
{
    public sealed class Fixture : FulfilmentFixture;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static (string Target, string Fulfilled, FulfillmentStatus Status) Of(Horizon horizon) =>
        (horizon.TargetQty.Value, horizon.FulfilledQty.Value, horizon.FulfillmentStatus);

    [Fact]
    public async Task A_list_with_a_b_and_c_quantities_is_fulfilled_by_the_main_applications_receipts_and_the_apis()
    {
        var scenario = await fixture.ScenarioAsync(1);
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = fixture.NeedsLists.WatchNeedsListEvents(
            new WatchNeedsListEventsRequest { WarehouseId = scenario.Depot }, Callers.ReadOnly, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        var list = await fixture.ApprovedListAsync(scenario);
        var water = list.Lines.Single(line => line.ItemId == scenario.Water);
        var rice = list.Lines.Single(line => line.ItemId == scenario.Rice);
        Assert.Equal(("1000.00", "500.00", "2800.00"), (water.HorizonA.Qty.Value, water.HorizonB.Qty.Value, water.HorizonC.Qty.Value));
        Assert.Equal(("700.00", "0.00", "0.00"), (rice.HorizonA.Qty.Value, rice.HorizonB.Qty.Value, rice.HorizonC.Qty.Value));
        Assert.Equal(("1000.00", "0.00", FulfillmentStatus.Pending), Of(water.HorizonA));
        Assert.Equal(FulfillmentStatus.Pending, water.FulfillmentStatus);

        var transfers = (await fixture.Procurements.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = list.NeedsListId }, Callers.Officer)).Transfers;
        var procurement = await fixture.ShippedProcurementAsync(list);

        // The main application receives the WATER transfer: horizon A of WATER is in, the line is partial.
        await fixture.MainApplicationReceivesTransferAsync(transfers.Single(t => t.FromWarehouseId == scenario.WaterHub).TransferId);
        var afterWater = await fixture.GetAsync(list.NeedsListId);
        water = afterWater.Lines.Single(line => line.ItemId == scenario.Water);
        Assert.Equal(("1000.00", "1000.00", FulfillmentStatus.Fulfilled), Of(water.HorizonA));
        Assert.Equal(("500.00", "0.00", FulfillmentStatus.Pending), Of(water.HorizonB));
        Assert.Equal(("1000.00", FulfillmentStatus.Partial), (water.FulfilledQty.Value, water.FulfillmentStatus));
        Assert.Equal(FulfillmentStatus.Pending, afterWater.Lines.Single(line => line.ItemId == scenario.Rice).FulfillmentStatus);

        // ... then RICE's transfer, and it verifies the pledge's intake at the depot: A and B are complete.
        await fixture.MainApplicationReceivesTransferAsync(transfers.Single(t => t.FromWarehouseId == scenario.RiceHub).TransferId);
        await fixture.MainApplicationVerifiesIntakeAsync(scenario.PledgeId, scenario.Depot);
        var afterPledge = await fixture.GetAsync(list.NeedsListId);
        water = afterPledge.Lines.Single(line => line.ItemId == scenario.Water);
        Assert.Equal(("500.00", "500.00", FulfillmentStatus.Fulfilled), Of(water.HorizonB));
        Assert.Equal(FulfillmentStatus.Fulfilled, afterPledge.Lines.Single(line => line.ItemId == scenario.Rice).FulfillmentStatus);
        Assert.Equal(NeedsListStatus.InProgress, afterPledge.Status);

        // The API receives C: part of it first (still in progress), then the rest (FULFILLED at once).
        var partly = await fixture.ReceiveWaterAsync(scenario, procurement, 1000m);
        water = (await fixture.GetAsync(list.NeedsListId)).Lines.Single(line => line.ItemId == scenario.Water);
        Assert.Equal(("2800.00", "1000.00", FulfillmentStatus.Partial), Of(water.HorizonC));
        Assert.Equal(("2500.00", FulfillmentStatus.Partial), (water.FulfilledQty.Value, water.FulfillmentStatus));
        Assert.Equal("IN_PROGRESS", await fixture.StatusAsync(list.NeedsListId));
        await fixture.ReceiveWaterAsync(scenario, partly, 1800m);

        var done = await fixture.GetAsync(list.NeedsListId);
        Assert.Equal(NeedsListStatus.Fulfilled, done.Status);
        Assert.All(done.Lines, line => Assert.Equal(FulfillmentStatus.Fulfilled, line.FulfillmentStatus));
        Assert.Equal(
            [
                (NeedsListStatus.Draft, NeedsListStatus.PendingApproval),
                (NeedsListStatus.PendingApproval, NeedsListStatus.Approved),
                (NeedsListStatus.Approved, NeedsListStatus.InProgress),
                (NeedsListStatus.InProgress, NeedsListStatus.Fulfilled),
            ],
            await StatusChangesUntilFulfilledAsync(stream.ResponseStream, list.NeedsListId, cancel.Token));
    }

    [Fact]
    public async Task The_sweep_fulfils_a_list_whose_last_receipt_the_main_application_wrote_within_its_interval()
    {
        var scenario = await fixture.ScenarioAsync(2);
        var list = await fixture.ApprovedListAsync(scenario);
        var transfers = (await fixture.Procurements.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = list.NeedsListId }, Callers.Officer)).Transfers;
        var procurement = await fixture.ShippedProcurementAsync(list);
        await fixture.ReceiveWaterAsync(scenario, procurement, 2800m);
        await fixture.MainApplicationVerifiesIntakeAsync(scenario.PledgeId, scenario.Depot);
        await fixture.MainApplicationReceivesTransferAsync(transfers[0].TransferId);
        Assert.Equal("IN_PROGRESS", await fixture.StatusAsync(list.NeedsListId));
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = fixture.NeedsLists.WatchNeedsListEvents(
            new WatchNeedsListEventsRequest { WarehouseId = scenario.Depot }, Callers.ReadOnly, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        // The last transfer arrives through the main application alone: nothing calls the service.
        await fixture.MainApplicationReceivesTransferAsync(transfers[1].TransferId);

        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        var fulfilled = stream.ResponseStream.Current;
        Assert.Equal(
            (list.NeedsListId, NeedsListStatus.InProgress, NeedsListStatus.Fulfilled, "SYSTEM"),
            (fulfilled.NeedsListId, fulfilled.FromStatus, fulfilled.ToStatus, fulfilled.ActorUserId));
        Assert.Equal("FULFILLED", await fixture.StatusAsync(list.NeedsListId));
        Assert.Equal(1, await fixture.ScalarAsync<int>(
            "select count(*)::int from needs_list_audit where needs_list_id = @id and new_value = 'FULFILLED'", new { id = list.NeedsListId }));
    }

    /// <summary>The status changes of the list on the stream, in order, up to and including FULFILLED.</summary>
    private static async Task<List<(NeedsListStatus From, NeedsListStatus To)>> StatusChangesUntilFulfilledAsync(
        Grpc.Core.IAsyncStreamReader<NeedsListEvent> events, int needsListId, CancellationToken cancellationToken)
    {
        var changes = new List<(NeedsListStatus, NeedsListStatus)>();
        while (await events.MoveNext(cancellationToken))
        {
            var change = events.Current;
            if (change.NeedsListId != needsListId || change.Type != NeedsListEventType.StatusChanged || change.FromStatus == NeedsListStatus.Unspecified)
            {
                continue;
            }

            changes.Add((change.FromStatus, change.ToStatus));
            if (change.ToStatus == NeedsListStatus.Fulfilled)
            {
                break;
            }
        }

        return changes;
    }
}
