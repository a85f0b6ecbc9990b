using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>WatchNeedsListEvents: fed by PostgreSQL LISTEN/NOTIFY, so every instance streams every committed change.</summary>
public sealed class WatchNeedsListEventsTests(WatchNeedsListEventsTests.Fixture fixture) : IClassFixture<WatchNeedsListEventsTests.Fixture>
{
    public sealed class Fixture : WorkflowFixture
    {
        /// <summary>A second replica on the same database.</summary>
        public ReplenishmentServerFactory SecondInstance { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            SecondInstance = new ReplenishmentServerFactory(ConnectionString);
            _ = SecondInstance.Server;
        }

        public override async Task DisposeAsync()
        {
            await SecondInstance.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private NeedsListService.NeedsListServiceClient First => new(fixture.Factory.CreateChannel());

    private NeedsListService.NeedsListServiceClient Second => new(fixture.SecondInstance.CreateChannel());

    [Fact]
    public async Task A_change_made_through_one_instance_reaches_a_subscriber_of_the_other()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT", warehouseId: ThirdFreshWarehouse);
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = Second.WatchNeedsListEvents(
            new WatchNeedsListEventsRequest { WarehouseId = ThirdFreshWarehouse }, Callers.ReadOnly, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        var submitted = await First.SubmitNeedsListAsync(new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.Officer);

        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        var received = stream.ResponseStream.Current;
        Assert.Equal(NeedsListEventType.StatusChanged, received.Type);
        Assert.Equal(id, received.NeedsListId);
        Assert.Equal(submitted.NeedsListNo, received.NeedsListNo);
        Assert.Equal(Surge, received.EventId);
        Assert.Equal(ThirdFreshWarehouse, received.WarehouseId);
        Assert.Equal(NeedsListStatus.Draft, received.FromStatus);
        Assert.Equal(NeedsListStatus.PendingApproval, received.ToStatus);
        Assert.Equal(Callers.OfficerUser, received.ActorUserId);
        Assert.Equal(submitted.SubmittedAt, received.OccurredAt);
        Assert.Equal("SENIOR_DIRECTOR", received.ApproverRole);
        Assert.Contains(submitted.NeedsListNo, received.Message);
    }

    [Fact]
    public async Task A_subscriber_filtering_by_warehouse_receives_only_that_warehouses_events()
    {
        var elsewhere = await fixture.Lists.NeedsListAsync("DRAFT", warehouseId: FreshWarehouse);
        var mine = await fixture.Lists.NeedsListAsync("DRAFT", warehouseId: OtherFreshWarehouse);
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = First.WatchNeedsListEvents(
            new WatchNeedsListEventsRequest { WarehouseId = OtherFreshWarehouse }, Callers.ReadOnly, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        await Second.CancelNeedsListAsync(new CancelNeedsListRequest { NeedsListId = elsewhere, ExpectedVersion = 1 }, Callers.Officer);
        await Second.CancelNeedsListAsync(new CancelNeedsListRequest { NeedsListId = mine, ExpectedVersion = 1 }, Callers.Officer);

        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(mine, stream.ResponseStream.Current.NeedsListId);
        Assert.Equal(NeedsListStatus.Cancelled, stream.ResponseStream.Current.ToStatus);
    }

    [Fact]
    public async Task A_subscriber_filtering_by_event_and_warehouse_receives_only_matching_events()
    {
        var otherEvent = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", eventId: Surge, warehouseId: FreshWarehouse);
        var otherWarehouse = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", eventId: Baseline, phase: "BASELINE", warehouseId: OtherFreshWarehouse);
        var mine = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", eventId: Baseline, phase: "BASELINE", warehouseId: FreshWarehouse);
        using var cancel = new CancellationTokenSource(Patience);
        using var byEvent = Second.WatchNeedsListEvents(
            new WatchNeedsListEventsRequest { EventId = Baseline }, Callers.ReadOnly, cancellationToken: cancel.Token);
        using var byBoth = Second.WatchNeedsListEvents(
            new WatchNeedsListEventsRequest { EventId = Baseline, WarehouseId = FreshWarehouse }, Callers.ReadOnly, cancellationToken: cancel.Token);
        await Task.WhenAll(byEvent.ResponseHeadersAsync, byBoth.ResponseHeadersAsync);

        foreach (var id in new[] { otherEvent, otherWarehouse, mine })
        {
            await First.StartReviewAsync(new StartReviewRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.DirectorGeneral);
        }

        Assert.True(await byEvent.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(otherWarehouse, byEvent.ResponseStream.Current.NeedsListId);
        Assert.True(await byEvent.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(mine, byEvent.ResponseStream.Current.NeedsListId);
        Assert.True(await byBoth.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(mine, byBoth.ResponseStream.Current.NeedsListId);
        Assert.Equal(NeedsListStatus.UnderReview, byBoth.ResponseStream.Current.ToStatus);
        Assert.Equal("LOGISTICS_MANAGER", byBoth.ResponseStream.Current.ApproverRole);
    }

    [Fact]
    public async Task A_refused_change_streams_nothing()
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", eventId: Stabilized, phase: "STABILIZED", warehouseId: MediumWarehouse);
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = First.WatchNeedsListEvents(
            new WatchNeedsListEventsRequest { EventId = Stabilized, WarehouseId = MediumWarehouse }, Callers.ReadOnly, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Second.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = 9 }, Callers.DirectorGeneral).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => Second.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.Manager).ResponseAsync);
        await Second.RejectNeedsListAsync(new RejectNeedsListRequest { NeedsListId = id, Reason = "no", ExpectedVersion = 1 }, Callers.DirectorGeneral);

        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(NeedsListStatus.Rejected, stream.ResponseStream.Current.ToStatus);
    }

    [Fact]
    public async Task A_subscriber_resuming_after_an_event_gets_the_missed_events_in_order_then_the_live_ones()
    {
        var lists = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            lists.Add(await fixture.Lists.NeedsListAsync("DRAFT", eventId: Baseline, phase: "BASELINE", warehouseId: StaleWarehouse));
        }

        await First.CancelNeedsListAsync(new CancelNeedsListRequest { NeedsListId = lists[0], ExpectedVersion = 1 }, Callers.Officer);
        await Second.CancelNeedsListAsync(new CancelNeedsListRequest { NeedsListId = lists[1], ExpectedVersion = 1 }, Callers.Officer);
        var seen = await StatusAuditIdAsync(lists[0]);
        var missed = await StatusAuditIdAsync(lists[1]);
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = Second.WatchNeedsListEvents(
            new WatchNeedsListEventsRequest { WarehouseId = StaleWarehouse, AfterAuditId = seen }, Callers.ReadOnly, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        await First.CancelNeedsListAsync(new CancelNeedsListRequest { NeedsListId = lists[2], ExpectedVersion = 1 }, Callers.Officer);

        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        var replayed = stream.ResponseStream.Current;
        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        var live = stream.ResponseStream.Current;
        Assert.Equal((missed, lists[1], NeedsListStatus.Draft, NeedsListStatus.Cancelled), (replayed.AuditId, replayed.NeedsListId, replayed.FromStatus, replayed.ToStatus));
        Assert.Equal((await StatusAuditIdAsync(lists[2]), lists[2]), (live.AuditId, live.NeedsListId));
        Assert.Equal(NeedsListEventType.StatusChanged, replayed.Type);
        Assert.Equal("LOGISTICS_MANAGER", replayed.ApproverRole);
    }

    [Fact]
    public async Task Resuming_from_an_unknown_audit_id_fails_with_FAILED_PRECONDITION()
    {
        using var stream = First.WatchNeedsListEvents(new WatchNeedsListEventsRequest { AfterAuditId = 987654321 }, Callers.ReadOnly);

        var refused = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => stream.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("after_audit_id 987654321", refused.Status.Detail);
    }

    [Fact]
    public async Task A_negative_resume_point_names_the_field()
    {
        using var stream = First.WatchNeedsListEvents(new WatchNeedsListEventsRequest { AfterAuditId = -1 }, Callers.ReadOnly);

        await GrpcAssert.FailsOnField("after_audit_id", () => stream.ResponseStream.MoveNext(CancellationToken.None));
    }

    private Task<long> StatusAuditIdAsync(int needsListId) => fixture.ScalarAsync<long>(
        "select max(audit_id) from needs_list_audit where needs_list_id = @needsListId and field_name = 'status_code'", new { needsListId });

    [Fact]
    public async Task A_negative_filter_names_the_field()
    {
        using var stream = First.WatchNeedsListEvents(new WatchNeedsListEventsRequest { WarehouseId = -1 }, Callers.ReadOnly);

        await GrpcAssert.FailsOnField("warehouse_id", () => stream.ResponseStream.MoveNext(CancellationToken.None));
    }

    [Fact]
    public async Task Watching_without_a_token_is_unauthenticated()
    {
        using var stream = First.WatchNeedsListEvents(new WatchNeedsListEventsRequest());

        await GrpcAssert.FailsWith(StatusCode.Unauthenticated, () => stream.ResponseStream.MoveNext(CancellationToken.None));
    }
}
