using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Server.Application.Workflow;
using Dmis.Replenishment.Server.Workflow;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// Reminders after 4 h and escalation after 8 h, on two server instances sharing one database and one
/// fake clock: each step is audited once and streamed once, however many instances sweep.
/// Each test works in a warehouse of its own, so streams and sweeps of one test do not see another's lists.
/// </summary>
public sealed class EscalationTests(EscalationTests.Fixture fixture) : IClassFixture<EscalationTests.Fixture>
{
    public class Fixture : WorkflowFixture
    {
        /// <summary>The instances' background sweep interval; 0 (off) here, so tests run the sweeps themselves.</summary>
        protected virtual int SweepSeconds => 0;

        /// <summary>The clock of both instances; tests move it forward.</summary>
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        public ReplenishmentServerFactory First { get; private set; } = null!;

        public ReplenishmentServerFactory Second { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            First = Instance(SweepSeconds);
            Second = Instance(SweepSeconds);
            _ = First.Server;
            _ = Second.Server;
        }

        public override async Task DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
            await base.DisposeAsync();
        }

        /// <summary>
        /// An instance on this database with the fake clock. With <paramref name="sweepSeconds"/> 0 its
        /// background sweep is off and only the test's explicit sweeps run, so a test knows when a sweep is over.
        /// </summary>
        public ReplenishmentServerFactory Instance(int sweepSeconds) =>
            new(ConnectionString, services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.PostConfigure<WorkflowOptions>(options => options.EscalationSweepSeconds = sweepSeconds);
            });

        public async Task<int> WarehouseAsync(int warehouseId)
        {
            await new Seed(this).WarehouseAsync(warehouseId, $"ESCALATION DEPOT {warehouseId}", syncedHoursAgo: 0.5);
            return warehouseId;
        }

        /// <summary>One sweep on each instance at the same time.</summary>
        public async Task<EscalationSweepResult> SweepBothAsync()
        {
            var results = await Task.WhenAll(
                First.Services.GetRequiredService<EscalationSweeper>().SweepOnceAsync(CancellationToken.None),
                Second.Services.GetRequiredService<EscalationSweeper>().SweepOnceAsync(CancellationToken.None));
            return results[0].Plus(results[1]);
        }
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private NeedsListService.NeedsListServiceClient On(ReplenishmentServerFactory instance) => new(instance.CreateChannel());

    [Fact]
    public async Task Two_instances_remind_once_after_4_hours_and_escalate_once_after_8_hours()
    {
        var warehouse = await fixture.WarehouseAsync(21);
        var id = await fixture.Lists.NeedsListAsync("DRAFT", warehouseId: warehouse);
        using var cancel = new CancellationTokenSource(Patience * 3);
        using var onFirst = On(fixture.First).WatchNeedsListEvents(new WatchNeedsListEventsRequest { WarehouseId = warehouse }, Callers.ReadOnly, cancellationToken: cancel.Token);
        using var onSecond = On(fixture.Second).WatchNeedsListEvents(new WatchNeedsListEventsRequest { WarehouseId = warehouse }, Callers.ReadOnly, cancellationToken: cancel.Token);
        await Task.WhenAll(onFirst.ResponseHeadersAsync, onSecond.ResponseHeadersAsync);

        var submitted = await On(fixture.First).SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = id, AcknowledgeStaleData = true, ExpectedVersion = 1 }, Callers.Officer);
        Assert.Equal(fixture.Clock.GetUtcNow().UtcDateTime.AddTicks(-(fixture.Clock.GetUtcNow().UtcDateTime.Ticks % TimeSpan.TicksPerSecond)),
            submitted.SubmittedAt.ToDateTime());
        await ExpectAsync(onFirst, onSecond, cancel.Token, NeedsListEventType.StatusChanged);

        // 4 h: nothing yet (the reminder is due strictly after 4 hours).
        fixture.Clock.Advance(TimeSpan.FromHours(4));
        await fixture.SweepBothAsync();
        Assert.Equal(0, await fixture.Lists.AuditCountAsync(id, "COMMENT_ADDED"));

        fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        await fixture.SweepBothAsync();
        await fixture.SweepBothAsync();
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id, "COMMENT_ADDED", "REMINDER"));
        var reminder = await ExpectAsync(onFirst, onSecond, cancel.Token, NeedsListEventType.Reminder);
        Assert.Equal("SENIOR_DIRECTOR", reminder.ApproverRole);
        Assert.Equal("SYSTEM", reminder.ActorUserId);
        Assert.Contains("has waited 4.02 hours", reminder.Message);

        fixture.Clock.Advance(TimeSpan.FromHours(4));
        await fixture.SweepBothAsync();
        await fixture.SweepBothAsync();
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id, "COMMENT_ADDED", "REMINDER"));
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id, "COMMENT_ADDED", "ESCALATED"));
        var escalated = await ExpectAsync(onFirst, onSecond, cancel.Token, NeedsListEventType.Escalated);
        Assert.Equal("DIRECTOR_GENERAL", escalated.ApproverRole);
        Assert.Contains("escalated from SENIOR_DIRECTOR to DIRECTOR_GENERAL", escalated.Message);

        var audit = await fixture.QueryAsync<(string Field, string Old, string New, string Actor, DateTime At)>(
            """
            select field_name, old_value, new_value, actor_user_id, action_dtime from needs_list_audit
             where needs_list_id = @id and reason_code = 'ESCALATED'
            """, new { id });
        Assert.Equal(("approver_role", "SENIOR_DIRECTOR", "DIRECTOR_GENERAL", "SYSTEM"), (audit[0].Field, audit[0].Old, audit[0].New, audit[0].Actor));
        Assert.Equal(escalated.OccurredAt.ToDateTime(), DateTime.SpecifyKind(audit[0].At, DateTimeKind.Utc));

        // After the escalation only the raised level decides; later sweeps have nothing more to do.
        var list = await On(fixture.Second).GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = id }, Callers.ReadOnly);
        Assert.Equal("DIRECTOR_GENERAL", list.ApproverRole);
        var denied = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => On(fixture.First).ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = list.Version }, Callers.SeniorDirector).ResponseAsync);
        Assert.Contains("escalated", denied.Status.Detail);
        fixture.Clock.Advance(TimeSpan.FromHours(10));
        Assert.Equal(EscalationSweepResult.None, await fixture.SweepBothAsync());

        var approved = await On(fixture.Second).ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = list.Version }, Callers.DirectorGeneral);
        Assert.Equal(NeedsListStatus.Approved, approved.Status);

        // The next event on both streams is the approval: no reminder or escalation was streamed twice.
        var approval = await ExpectAsync(onFirst, onSecond, cancel.Token, NeedsListEventType.StatusChanged);
        Assert.Equal(NeedsListStatus.Approved, approval.ToStatus);
    }

    [Fact]
    public async Task A_list_first_seen_after_8_hours_is_escalated_without_a_reminder()
    {
        var warehouse = await fixture.WarehouseAsync(22);
        var id = await fixture.Lists.NeedsListAsync("UNDER_REVIEW", warehouseId: warehouse,
            submittedAt: fixture.Clock.GetUtcNow().UtcDateTime.AddHours(-9));

        var result = await fixture.SweepBothAsync();

        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id, "COMMENT_ADDED", "ESCALATED"));
        Assert.Equal(0, await fixture.Lists.AuditCountAsync(id, "COMMENT_ADDED", "REMINDER"));
        Assert.True(result.Escalations >= 1);
        await CloseAsync(id);
    }

    [Fact]
    public async Task A_baseline_list_escalates_from_the_logistics_manager_to_the_senior_director()
    {
        var warehouse = await fixture.WarehouseAsync(23);
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", eventId: WorkflowFixture.Baseline, phase: "BASELINE",
            warehouseId: warehouse, submittedAt: fixture.Clock.GetUtcNow().UtcDateTime.AddHours(-8).AddSeconds(-30));

        await fixture.SweepBothAsync();

        var list = await On(fixture.First).GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = id }, Callers.ReadOnly);
        Assert.Equal("SENIOR_DIRECTOR", list.ApproverRole);
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => On(fixture.First).StartReviewAsync(
            new StartReviewRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.Manager).ResponseAsync);
        var reviewing = await On(fixture.Second).StartReviewAsync(new StartReviewRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.SeniorDirector);
        Assert.Equal(NeedsListStatus.UnderReview, reviewing.Status);
        Assert.Equal("SENIOR_DIRECTOR", reviewing.ApproverRole);
        await CloseAsync(id);
    }

    [Fact]
    public async Task Resubmitting_a_returned_list_starts_the_clock_again()
    {
        var warehouse = await fixture.WarehouseAsync(24);
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", warehouseId: warehouse,
            submittedAt: fixture.Clock.GetUtcNow().UtcDateTime.AddHours(-9));
        await fixture.SweepBothAsync();
        var returned = await On(fixture.First).ReturnNeedsListAsync(
            new ReturnNeedsListRequest { NeedsListId = id, Reason = "recount", ExpectedVersion = 1 }, Callers.DirectorGeneral);
        var resubmitted = await On(fixture.First).SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = id, AcknowledgeStaleData = true, ExpectedVersion = returned.Version }, Callers.Officer);
        Assert.Equal("SENIOR_DIRECTOR", resubmitted.ApproverRole);

        fixture.Clock.Advance(TimeSpan.FromHours(5));
        await fixture.SweepBothAsync();

        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id, "COMMENT_ADDED", "ESCALATED"));
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id, "COMMENT_ADDED", "REMINDER"));
        await CloseAsync(id);
    }

    [Theory]
    [InlineData("DRAFT", 31)]
    [InlineData("RETURNED", 32)]
    [InlineData("APPROVED", 33)]
    [InlineData("REJECTED", 34)]
    public async Task Lists_not_waiting_for_approval_are_never_reminded(string status, int warehouseId)
    {
        var id = await fixture.Lists.NeedsListAsync(status, warehouseId: await fixture.WarehouseAsync(warehouseId),
            submittedAt: fixture.Clock.GetUtcNow().UtcDateTime.AddHours(-12));

        await fixture.SweepBothAsync();

        Assert.Equal(0, await fixture.Lists.AuditCountAsync(id));
    }

    /// <summary>Cancels a list so later tests' sweeps leave it alone.</summary>
    private async Task CloseAsync(int id)
    {
        var list = await On(fixture.First).GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = id }, Callers.ReadOnly);
        await On(fixture.First).CancelNeedsListAsync(new CancelNeedsListRequest { NeedsListId = id, ExpectedVersion = list.Version }, Callers.DirectorGeneral);
    }

    /// <summary>The next event of both streams, which must be the same and of <paramref name="type"/>.</summary>
    private static async Task<NeedsListEvent> ExpectAsync(
        AsyncServerStreamingCall<NeedsListEvent> first, AsyncServerStreamingCall<NeedsListEvent> second, CancellationToken cancel,
        NeedsListEventType type)
    {
        Assert.True(await first.ResponseStream.MoveNext(cancel));
        Assert.True(await second.ResponseStream.MoveNext(cancel));
        Assert.Equal(first.ResponseStream.Current, second.ResponseStream.Current);
        Assert.Equal(type, first.ResponseStream.Current.Type);
        return first.ResponseStream.Current;
    }
}
