using System.Net;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Fulfilment;

/// <summary>
/// DispatchTransfer and ReceiveTransfer: what the DMIS main application does (status, who and when, the
/// stock at both ends), with the same fulfilment result as its plain UPDATEs, and every refusal.
/// </summary>
public sealed class TransferMovementTests(TransferMovementTests.Fixture fixture) : IClassFixture<TransferMovementTests.Fixture>
{
    public sealed class Fixture : FulfilmentFixture;

    private ProcurementService.ProcurementServiceClient Client => fixture.Procurements;

    private Task<decimal> UsableAsync(int warehouseId, int itemId) => fixture.ScalarAsync<decimal>(
        "select usable_qty from inventory where inventory_id = @warehouseId and item_id = @itemId", new { warehouseId, itemId });

    private Task<V1.Transfer> DispatchAsync(V1.Transfer transfer, Metadata? caller = null, string requestId = "") =>
        Client.DispatchTransferAsync(
            new DispatchTransferRequest { TransferId = transfer.TransferId, ExpectedVersion = transfer.Version, RequestId = requestId },
            caller ?? Callers.Officer).ResponseAsync;

    private Task<V1.Transfer> ReceiveAsync(V1.Transfer transfer, Metadata? caller = null) =>
        Client.ReceiveTransferAsync(
            new ReceiveTransferRequest { TransferId = transfer.TransferId, ExpectedVersion = transfer.Version },
            caller ?? Callers.Officer).ResponseAsync;

    [Fact]
    public async Task Dispatch_and_receive_move_the_stock_and_the_last_receipt_fulfils_the_list_as_the_main_applications_would()
    {
        var scenario = await fixture.ScenarioAsync(3);
        var list = await fixture.ApprovedListAsync(scenario);
        var transfers = (await Client.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = list.NeedsListId }, Callers.Officer)).Transfers;
        var water = transfers.Single(t => t.FromWarehouseId == scenario.WaterHub);
        var rice = transfers.Single(t => t.FromWarehouseId == scenario.RiceHub);
        await fixture.ReceiveWaterAsync(scenario, await fixture.ShippedProcurementAsync(list), 2800m);
        await fixture.MainApplicationVerifiesIntakeAsync(scenario.PledgeId, scenario.Depot);
        var depotBefore = await UsableAsync(scenario.Depot, scenario.Water);

        var dispatched = await DispatchAsync(water);
        Assert.Equal(("D", Callers.OfficerUser, 2), (dispatched.StatusCode, dispatched.DispatchedBy, dispatched.Version));
        Assert.NotNull(dispatched.DispatchedAt);
        Assert.Equal(0m, await UsableAsync(scenario.WaterHub, scenario.Water));
        Assert.Equal(0m, await fixture.ScalarAsync<decimal>(
            "select usable_qty from itembatch where batch_id = @batchId", new { batchId = water.Lines.Single().BatchId }));

        var received = await ReceiveAsync(dispatched);
        Assert.Equal(("C", Callers.OfficerUser, 3), (received.StatusCode, received.ReceivedBy, received.Version));
        Assert.Equal(depotBefore + 1000m, await UsableAsync(scenario.Depot, scenario.Water));
        Assert.Equal(
            (1000m, 5m),
            Assert.Single(await fixture.QueryAsync<(decimal, decimal)>(
                "select usable_qty, avg_unit_value from itembatch where inventory_id = @depot and item_id = @item and batch_no = @batchNo",
                new { depot = scenario.Depot, item = scenario.Water, batchNo = $"B-{scenario.WaterHub}-{scenario.Water}" })));

        // The same per-horizon result as the main application's UPDATEs give (FulfilmentTests).
        var afterWater = await fixture.GetAsync(list.NeedsListId);
        var waterLine = afterWater.Lines.Single(line => line.ItemId == scenario.Water);
        Assert.Equal(("1000.00", "1000.00", FulfillmentStatus.Fulfilled),
            (waterLine.HorizonA.TargetQty.Value, waterLine.HorizonA.FulfilledQty.Value, waterLine.HorizonA.FulfillmentStatus));
        Assert.Equal((FulfillmentStatus.Fulfilled, NeedsListStatus.InProgress), (waterLine.FulfillmentStatus, afterWater.Status));

        // RICE is the last receipt: the call itself completes the list, in its own transaction.
        await ReceiveAsync(await DispatchAsync(rice));

        Assert.Equal(
            ("IN_PROGRESS", "FULFILLED", Callers.OfficerUser),
            Assert.Single(await fixture.QueryAsync<(string, string, string)>(
                "select old_value, new_value, actor_user_id from needs_list_audit where needs_list_id = @id and new_value = 'FULFILLED'",
                new { id = list.NeedsListId })));
    }

    [Fact]
    public async Task Transfer_steps_are_refused_when_missing_in_the_wrong_state_stale_short_of_stock_or_without_authority()
    {
        var scenario = await fixture.ScenarioAsync(4);
        var (hub, depot) = (scenario.WaterHub, scenario.Depot);
        await new Seed(fixture).TransferAsync(hub, depot, scenario.Water, 100m, status: "P", eventId: 4);
        var pending = new V1.Transfer { TransferId = await fixture.ScalarAsync<int>("select max(transfer_id) from transfer"), Version = 1 };

        await GrpcAssert.FailsWith(StatusCode.NotFound, () => DispatchAsync(new V1.Transfer { TransferId = 999999, Version = 1 }));
        await GrpcAssert.FailsOnField("transfer_id", () => DispatchAsync(new V1.Transfer { Version = 1 }));
        await GrpcAssert.FailsOnField("expected_version", () => DispatchAsync(new V1.Transfer { TransferId = pending.TransferId }));
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => ReceiveAsync(pending));
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => DispatchAsync(new V1.Transfer { TransferId = pending.TransferId, Version = 2 }));
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => DispatchAsync(pending, Callers.ReadOnly));
        var onlyDepot = Bearer(TokenFor("depot-officer", [depot], "LOGISTICS_OFFICER"));
        var denied = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => DispatchAsync(pending, onlyDepot));
        Assert.Contains($"warehouse {hub}", denied.Status.Detail);
        Assert.Equal("P", await fixture.ScalarAsync<string>("select status_code from transfer where transfer_id = @id", new { id = pending.TransferId }));

        var dispatched = await DispatchAsync(pending, requestId: "dispatch-1");
        Assert.Equal(dispatched, await DispatchAsync(pending, requestId: "dispatch-1"));
        Assert.Equal(900m, await UsableAsync(hub, scenario.Water));
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => DispatchAsync(dispatched));
        var onlyHub = Bearer(TokenFor("hub-officer", [hub], "LOGISTICS_OFFICER"));
        var notHere = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => ReceiveAsync(dispatched, onlyHub));
        Assert.Contains($"warehouse {depot}", notHere.Status.Detail);

        // Over HTTP/JSON, as the destination's officer.
        using var http = fixture.Factory.CreateClient();
        var reply = await HttpJsonReply.SendAsync(
            http, HttpMethod.Post, $"/api/v1/transfers/{dispatched.TransferId}:receive", """{"expected_version":2}""", onlyDepot.Single().Value[7..]);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("C", reply.Json.GetProperty("statusCode").GetString());

        // More than the batch holds: refused, nothing moved.
        await new Seed(fixture).TransferAsync(hub, depot, scenario.Water, 5000m, status: "P", eventId: 4);
        var tooMuch = new V1.Transfer { TransferId = await fixture.ScalarAsync<int>("select max(transfer_id) from transfer"), Version = 1 };
        var short_ = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => DispatchAsync(tooMuch));
        Assert.Contains("holds 900.00 free", short_.Status.Detail);
        Assert.Equal(900m, await UsableAsync(hub, scenario.Water));
    }
}
