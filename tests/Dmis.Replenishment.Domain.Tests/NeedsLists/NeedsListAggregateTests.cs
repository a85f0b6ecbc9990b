using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Tests.Workflow;
using Dmis.Replenishment.Domain.Workflow;
using static Dmis.Replenishment.Domain.Workflow.NeedsListStatus;

namespace Dmis.Replenishment.Domain.Tests.NeedsLists;

/// <summary>The needs-list aggregate's decisions: who, which version, which status, and what each change holds.</summary>
public class NeedsListAggregateTests
{
    private const string Creator = "kemar";
    private const string Submitter = "andrea";
    private const int Warehouse = 2;
    private static readonly DateTime Now = new(2025, 9, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Caller Officer = TestCallers.With("olivia", Role.LogisticsOfficer) with { WarehouseIds = new HashSet<int> { Warehouse } };
    private static readonly Caller SeniorDirector = TestCallers.SeniorDirector;
    private static readonly Caller DirectorGeneral = TestCallers.DirectorGeneral;

    // Item 10: A 300 (source 7: 200, source 9: 100), B 150 (pledge 41: 100, pledge 42: 50), C 250; unit value 2.
    // Item 11: C only, 100.
    private static NeedsListItem WaterLine(LineAdjustmentState? adjusted = null, decimal fulfilled = 0m) => new(
        101, 10, 700m,
        new LineSplit([new SourceShare(7, 200m), new SourceShare(9, 100m)], [new PledgeShare(41, 100m), new PledgeShare(42, 50m)], 250m),
        adjusted, 2m, fulfilled, fulfilled > 0m ? FulfillmentStatus.Partial : FulfillmentStatus.Pending);

    private static NeedsListItem TarpLine(decimal fulfilled = 0m) => new(
        102, 11, 100m, new LineSplit([], [], 100m), null, null, fulfilled, FulfillmentStatus.Pending);

    private static NeedsListAggregate List(
        NeedsListStatus status,
        EventPhase phase = EventPhase.Surge,
        DateTime? submittedAt = null,
        EscalationHistory? escalation = null,
        DateTime? lastSync = null,
        IReadOnlyList<NeedsListItem>? lines = null) =>
        new(5, "NL-1-2-20250901-001", 1, Warehouse, phase, status, Creator,
            status is Draft ? [] : [Submitter], status is Draft ? null : submittedAt ?? Now.AddHours(-1),
            escalation ?? EscalationHistory.None, 3,
            new ListWarehouse("Kingston Central", lastSync ?? Now.AddMinutes(-30), null, null),
            lines ?? [WaterLine(), TarpLine()]);

    private static LineAdjustment Adjustment(decimal qty) => new(qty, AdjustmentReason.DemandAdjusted, null);

    [Theory]
    [InlineData(Draft)]
    [InlineData(Returned)]
    public void Adjust_keeps_the_status_re_splits_the_line_and_audits_old_and_new(NeedsListStatus status)
    {
        var change = List(status).Adjust(Officer, 3, 10, Adjustment(380m), Now);

        Assert.False(change.ChangesStatus);
        Assert.True(change.ChangesList);
        Assert.Equal(101, change.Adjusted!.LineId);
        Assert.Equal([200m, 100m], change.Adjusted.Split.Sources.Select(s => s.Qty));
        Assert.Equal([80m, 0m], change.Adjusted.Split.Pledges.Select(p => p.Qty));
        Assert.Equal(0m, change.Adjusted.Split.HorizonCQty);
        Assert.Equal(new NeedsListTotals.Totals(480m, 760m), change.Totals);
        var audit = Assert.Single(change.Audit);
        Assert.Equal(
            new NeedsListAuditEntry(101, "QUANTITY_ADJUSTED", "adjusted_qty", "700.00", "380.00", "DEMAND_ADJUSTED", null), audit);
    }

    [Theory]
    [InlineData(PendingApproval)]
    [InlineData(Approved)]
    [InlineData(InProgress)]
    public void Adjust_is_refused_once_the_list_has_left_its_preparers(NeedsListStatus status)
    {
        var error = Assert.Throws<PreconditionFailedException>(() => List(status).Adjust(Officer, 3, 10, Adjustment(1m), Now));
        Assert.Contains("it cannot be adjusted (allowed from DRAFT, RETURNED)", error.Message);
    }

    [Fact]
    public void Adjust_of_an_item_the_list_does_not_have_is_not_found()
    {
        Assert.Throws<NotFoundException>(() => List(Draft).Adjust(Officer, 3, 99, Adjustment(1m), Now));
    }

    [Fact]
    public void Adjust_by_an_officer_of_another_warehouse_is_denied()
    {
        var elsewhere = Officer with { WarehouseIds = new HashSet<int> { 9 } };
        var error = Assert.Throws<PermissionDeniedException>(() => List(Draft).Adjust(elsewhere, 3, 10, Adjustment(1m), Now));
        Assert.Contains("for warehouse 2", error.Message);
    }

    [Fact]
    public void Adjust_at_an_old_version_is_a_version_conflict()
    {
        Assert.Throws<VersionConflictException>(() => List(Draft).Adjust(Officer, 2, 10, Adjustment(1m), Now));
    }

    [Fact]
    public void Submit_moves_a_draft_to_pending_approval_with_a_submitted_audit_row()
    {
        var change = List(Draft).Submit(Officer, 3, Pledges(100m, 50m), acknowledgeStaleData: false, Now);

        Assert.Equal((Draft, PendingApproval), (change.From, change.To));
        Assert.Equal(new NeedsListAuditEntry(null, "SUBMITTED", "status_code", "DRAFT", "PENDING_APPROVAL", null, null), Assert.Single(change.Audit));
    }

    [Fact]
    public void Submit_with_stale_data_needs_the_acknowledgement_and_audits_it()
    {
        var stale = List(Draft, lastSync: Now.AddHours(-7));

        var error = Assert.Throws<PreconditionFailedException>(() => stale.Submit(Officer, 3, Pledges(100m, 50m), false, Now));
        Assert.StartsWith("Data for Kingston Central is 7 hours old", error.Message);

        var audit = Assert.Single(stale.Submit(Officer, 3, Pledges(100m, 50m), true, Now).Audit);
        Assert.Equal("STALE_DATA_ACKNOWLEDGED", audit.ReasonCode);
        Assert.Equal("Data for Kingston Central is 7 hours old; acknowledged at submit", audit.Notes);
    }

    [Fact]
    public void Submit_is_refused_when_other_open_lists_now_hold_its_pledges()
    {
        var error = Assert.Throws<PreconditionFailedException>(() => List(Draft).Submit(Officer, 3, Pledges(100m, 20m), false, Now));
        Assert.Matches(@"donation 42 has 20(\.00)? of item 10 left, not 50(\.00)?\)", error.Message);
        Assert.DoesNotContain("donation 41", error.Message);
    }

    [Fact]
    public void Submit_checks_the_adjusted_draws_so_a_pledge_cut_away_is_not_needed()
    {
        var adjusted = WaterLine(new LineAdjustmentState(Adjustment(380m), WaterLine().Calculated.Resplit(380m)));

        var change = List(Draft, lines: [adjusted]).Submit(Officer, 3, Pledges(80m, 0m), false, Now);

        Assert.Equal(PendingApproval, change.To);
    }

    /// <summary>Who may decide a SURGE list (Senior Director and above, never its creator or submitter) and where each decision leads.</summary>
    public static TheoryData<NeedsListStatus, string, NeedsListStatus, string> Decisions => new()
    {
        { PendingApproval, "StartReview", UnderReview, "STATUS_CHANGED" },
        { PendingApproval, "Approve", Approved, "APPROVED" },
        { UnderReview, "Approve", Approved, "APPROVED" },
        { UnderReview, "Reject", Rejected, "REJECTED" },
        { PendingApproval, "Return", Returned, "RETURNED" },
        { Approved, "Cancel", Cancelled, "CANCELLED" },
        { Draft, "Cancel", Cancelled, "CANCELLED" },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void A_decision_moves_the_list_and_writes_one_status_audit_row(
        NeedsListStatus from, string decision, NeedsListStatus to, string auditAction)
    {
        var change = Decide(List(from), decision, SeniorDirector, 3);

        Assert.Equal((from, to), (change.From, change.To));
        var audit = Assert.Single(change.Audit);
        Assert.Equal((auditAction, "status_code", from.ToWord(), to.ToWord()), (audit.ActionType, audit.FieldName, audit.OldValue, audit.NewValue));
    }

    [Theory]
    [InlineData("Reject")]
    [InlineData("Return")]
    public void Reject_and_return_keep_their_reason_for_the_list_and_the_audit(string decision)
    {
        var change = Decide(List(UnderReview), decision, SeniorDirector, 3);

        Assert.Equal("Because", change.DecisionReason);
        Assert.Equal("Because", Assert.Single(change.Audit).Notes);
    }

    [Theory]
    [InlineData(Draft, "Approve")]
    [InlineData(Approved, "Approve")]
    [InlineData(Rejected, "Cancel")]
    [InlineData(UnderReview, "StartReview")]
    public void A_decision_in_the_wrong_status_fails_its_precondition(NeedsListStatus from, string decision)
    {
        Assert.Throws<PreconditionFailedException>(() => Decide(List(from), decision, SeniorDirector, 3));
    }

    [Fact]
    public void A_decision_at_an_old_version_is_a_version_conflict()
    {
        Assert.Throws<VersionConflictException>(() => Decide(List(PendingApproval), "Approve", SeniorDirector, 2));
    }

    [Fact]
    public void The_submitter_may_not_approve_the_list()
    {
        var submitter = TestCallers.With(Submitter, Role.DirectorGeneral);
        var error = Assert.Throws<PermissionDeniedException>(() => Decide(List(PendingApproval), "Approve", submitter, 3));
        Assert.Equal("andrea submitted this needs list and may not approve it", error.Message);
    }

    [Fact]
    public void A_list_escalated_since_its_submission_needs_the_raised_level()
    {
        var submitted = Now.AddHours(-9);
        var escalated = List(PendingApproval, submittedAt: submitted, escalation: new(submitted.AddHours(4), submitted.AddHours(8)));

        var error = Assert.Throws<PermissionDeniedException>(() => Decide(escalated, "Approve", SeniorDirector, 3));
        Assert.Contains("it was escalated and now needs the DIRECTOR_GENERAL role or above", error.Message);
        Assert.Equal(Approved, Decide(escalated, "Approve", DirectorGeneral, 3).To);
    }

    [Fact]
    public void An_escalation_before_the_latest_submission_no_longer_counts()
    {
        var list = List(PendingApproval, submittedAt: Now.AddHours(-1), escalation: new(null, Now.AddHours(-20)));

        Assert.False(list.Escalated);
        Assert.Equal(Approved, Decide(list, "Approve", SeniorDirector, 3).To);
    }

    [Fact]
    public void The_first_downstream_action_takes_an_approved_list_into_progress()
    {
        var change = List(Approved).StartFulfilment(Officer, DownstreamWork.Transfers, 3, Now);

        Assert.Equal((Approved, InProgress), (change.From, change.To));
        var audit = Assert.Single(change.Audit);
        Assert.Equal(("STATUS_CHANGED", "APPROVED", "IN_PROGRESS"), (audit.ActionType, audit.OldValue, audit.NewValue));
    }

    [Fact]
    public void A_further_downstream_action_changes_nothing()
    {
        var change = List(InProgress).StartFulfilment(Officer, DownstreamWork.Procurement, 0, Now);

        Assert.False(change.ChangesList);
        Assert.Empty(change.Audit);
    }

    [Fact]
    public void A_downstream_action_checks_the_version_only_when_one_is_given()
    {
        Assert.Equal(InProgress, List(Approved).StartFulfilment(Officer, DownstreamWork.Transfers, 0, Now).To);
        Assert.Throws<VersionConflictException>(() => List(Approved).StartFulfilment(Officer, DownstreamWork.Transfers, 2, Now));
    }

    [Theory]
    [InlineData(Draft)]
    [InlineData(PendingApproval)]
    [InlineData(Cancelled)]
    public void A_downstream_action_needs_an_approved_list(NeedsListStatus status)
    {
        Assert.Throws<PreconditionFailedException>(() => List(status).StartFulfilment(Officer, DownstreamWork.Procurement, 0, Now));
    }

    [Fact]
    public void A_downstream_action_for_another_warehouse_is_denied()
    {
        var elsewhere = Officer with { WarehouseIds = new HashSet<int>() };
        var error = Assert.Throws<PermissionDeniedException>(
            () => List(Approved).StartFulfilment(elsewhere, DownstreamWork.Procurement, 0, Now));
        Assert.Contains("may not create procurement for needs list NL-1-2-20250901-001 for warehouse 2", error.Message);
    }

    [Fact]
    public void A_partial_receipt_advances_the_line_and_leaves_the_list_in_progress()
    {
        var change = List(InProgress).RecordFulfilment(new Dictionary<int, decimal> { [102] = 40m }, "procurement PR-1", "olivia", Now);

        Assert.False(change.ChangesStatus);
        Assert.Equal(new LineFulfilled(102, 40m, FulfillmentStatus.Partial), Assert.Single(change.Fulfilled));
        Assert.Equal(
            new NeedsListAuditEntry(102, "STATUS_CHANGED", "fulfilled_qty", "0.00", "40.00", null, "Received on procurement PR-1"),
            Assert.Single(change.Audit));
    }

    [Fact]
    public void A_receipt_measures_the_line_against_the_adjusted_quantity_and_leaves_completion_to_complete()
    {
        var adjusted = WaterLine(new LineAdjustmentState(Adjustment(300m), WaterLine().Calculated.Resplit(300m)), fulfilled: 250m);
        var list = List(InProgress, lines: [adjusted, TarpLine(fulfilled: 100m) with { FulfillmentStatus = FulfillmentStatus.Fulfilled }]);

        var change = list.RecordFulfilment(new Dictionary<int, decimal> { [101] = 50m }, "procurement PR-1", "olivia", Now);

        Assert.False(change.ChangesStatus);
        Assert.Equal(new LineFulfilled(101, 300m, FulfillmentStatus.Fulfilled), Assert.Single(change.Fulfilled));
        Assert.Equal(["STATUS_CHANGED"], change.Audit.Select(entry => entry.ActionType));
    }

    [Fact]
    public void A_list_in_progress_with_every_line_received_is_fulfilled()
    {
        var change = List(InProgress).Complete(everyLineReceived: true, "last receipt on procurement PR-1", "SYSTEM", Now);

        Assert.NotNull(change);
        Assert.Equal((InProgress, Fulfilled), (change.From, change.To));
        var entry = Assert.Single(change.Audit);
        Assert.Equal(("FULFILLED", "Every line fulfilled (last receipt on procurement PR-1)"), (entry.ActionType, entry.Notes));
    }

    [Fact]
    public void Nothing_completes_while_a_line_is_outstanding_or_the_list_is_not_in_progress()
    {
        Assert.Null(List(InProgress).Complete(everyLineReceived: false, "sweep", "SYSTEM", Now));
        Assert.Null(List(Approved).Complete(everyLineReceived: true, "sweep", "SYSTEM", Now));
    }

    [Fact]
    public void Nothing_is_due_for_a_list_waiting_four_hours_or_less()
    {
        Assert.Null(List(PendingApproval, submittedAt: Now.AddHours(-4)).Escalate("SYSTEM", Now));
    }

    [Fact]
    public void A_list_waiting_over_four_hours_gets_one_reminder()
    {
        var list = List(PendingApproval, submittedAt: Now.AddHours(-5));

        var audit = Assert.Single(list.Escalate("SYSTEM", Now)!.Audit);
        Assert.Equal(("COMMENT_ADDED", "REMINDER"), (audit.ActionType, audit.ReasonCode));
        Assert.Null(List(PendingApproval, submittedAt: Now.AddHours(-5), escalation: new(Now.AddHours(-0.5), null)).Escalate("SYSTEM", Now));
    }

    [Fact]
    public void A_list_waiting_over_eight_hours_is_escalated_once_without_changing_the_list()
    {
        var change = List(UnderReview, submittedAt: Now.AddHours(-9)).Escalate("SYSTEM", Now)!;

        Assert.False(change.ChangesList);
        var audit = Assert.Single(change.Audit);
        Assert.Equal(("approver_role", "SENIOR_DIRECTOR", "DIRECTOR_GENERAL", "ESCALATED"),
            (audit.FieldName, audit.OldValue, audit.NewValue, audit.ReasonCode));
        Assert.Null(List(UnderReview, submittedAt: Now.AddHours(-9), escalation: new(null, Now.AddHours(-1))).Escalate("SYSTEM", Now));
    }

    private static IReadOnlyList<PledgeLine> Pledges(decimal left41, decimal left42) =>
    [
        new PledgeLine { DonationId = 41, ItemId = 10, PledgedQty = left41 },
        new PledgeLine { DonationId = 42, ItemId = 10, PledgedQty = left42 },
    ];

    private static NeedsListChange Decide(NeedsListAggregate list, string decision, Caller caller, int version) => decision switch
    {
        "StartReview" => list.StartReview(caller, version, Now),
        "Approve" => list.Approve(caller, version, null, Now),
        "Reject" => list.Reject(caller, version, "Because", Now),
        "Return" => list.Return(caller, version, "Because", Now),
        "Cancel" => list.Cancel(caller, version, null, Now),
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
    };
}
