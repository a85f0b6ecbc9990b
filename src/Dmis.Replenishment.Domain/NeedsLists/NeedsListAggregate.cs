using System.Globalization;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.NeedsLists;

/// <summary>The list's warehouse as a submit judges its data: name, last sync, and its phase's thresholds (null: the defaults).</summary>
public sealed record ListWarehouse(string Name, DateTime? LastSyncDtime, int? FreshnessThresholdHours, int? StaleThresholdHours);

/// <summary>When the list was last reminded and escalated (null: never), from its audit trail.</summary>
public sealed record EscalationHistory(DateTime? LastReminderAt, DateTime? LastEscalationAt)
{
    public static readonly EscalationHistory None = new(null, null);

    /// <summary>
    /// Escalated since the latest submission (<paramref name="submittedAt"/>): a later submission starts
    /// again. The one place this rule lives; the aggregate and the lists' read model both ask it.
    /// </summary>
    public bool EscalatedSince(DateTime? submittedAt) => After(submittedAt, LastEscalationAt);

    /// <summary>Reminded since the latest submission, as <see cref="EscalatedSince"/>.</summary>
    public bool RemindedSince(DateTime? submittedAt) => After(submittedAt, LastReminderAt);

    private static bool After(DateTime? submittedAt, DateTime? moment) => submittedAt is { } submitted && moment > submitted;
}

/// <summary>What a list becomes busy with when it goes from APPROVED to IN_PROGRESS.</summary>
public enum DownstreamWork
{
    Transfers,
    Procurement,
}

/// <summary>
/// A stored needs list and the one owner of its life (SPEC 4): header, lines with their calculated and
/// adjusted splits, who submitted it, its escalation history and its version. Each method checks who
/// may do it (role, separation of duties, warehouse authority), the expected version and the status, in
/// that order, and returns the <see cref="NeedsListChange"/> to save; it never changes the list itself.
/// A load -> decide -> save use case reads it locked, calls one method and saves what it returns.
/// </summary>
public sealed record NeedsListAggregate(
    int Id,
    string Number,
    int EventId,
    int WarehouseId,
    EventPhase Phase,
    NeedsListStatus Status,
    string CreatedBy,
    IReadOnlyList<string> Submitters,
    DateTime? SubmittedAt,
    EscalationHistory Escalation,
    int Version,
    ListWarehouse Warehouse,
    IReadOnlyList<NeedsListItem> Lines)
{
    /// <summary>Escalated since the latest submission: a later submission starts again.</summary>
    public bool Escalated => Escalation.EscalatedSince(SubmittedAt);

    /// <summary>Reminded since the latest submission.</summary>
    public bool Reminded => Escalation.RemindedSince(SubmittedAt);

    /// <summary>What the permission rules need to know of it.</summary>
    public NeedsListFacts Facts => new(Number, Phase, Status, CreatedBy, Submitters, Escalated);

    /// <summary>What its horizon B holds at pledges (the adjusted split where adjusted), in drawing order.</summary>
    public IReadOnlyList<PledgeDraw> PledgeDraws =>
        [.. Lines.SelectMany(line => line.Held.Pledges
            .Where(pledge => pledge.Qty > 0m)
            .Select(pledge => new PledgeDraw(pledge.DonationId, line.ItemId, pledge.Qty)))];

    /// <summary>SPEC 4, Adjust: a line's new quantity, re-split over its own sources and pledges; the status stays.</summary>
    public NeedsListChange Adjust(Caller caller, int expectedVersion, int itemId, LineAdjustment adjustment, DateTime now)
    {
        EnsureMayPrepare(caller, NeedsListAction.Adjust);
        EnsureVersion(expectedVersion);
        NeedsListStateMachine.Next(Status, NeedsListAction.Adjust, Number);
        var line = Lines.FirstOrDefault(candidate => candidate.ItemId == itemId)
            ?? throw new NotFoundException($"needs list {Number} has no line for item", itemId);

        var totals = NeedsListTotals.Of(Lines.Select(other => new NeedsListTotals.Line(
            other.GapQty, other.LineId == line.LineId ? adjustment.Quantity : other.Adjusted?.Adjustment.Quantity, other.UnitValue)));
        LineAdjustment.EnsureListTotalsFit(totals.GapQty, totals.EstimatedValue);

        return Change(Status, now, caller.UserId,
        [
            new(line.LineId, NeedsListAuditActions.For(NeedsListAction.Adjust), NeedsListAuditActions.AdjustedQtyField,
                Text(line.TargetQty), Text(adjustment.Quantity), adjustment.Reason.ToWord(), adjustment.Notes),
        ]) with
        {
            Adjusted = new LineAdjusted(line.LineId, adjustment, line.Calculated.Resplit(adjustment.Quantity)),
            Totals = totals,
        };
    }

    /// <summary>
    /// DRAFT or RETURNED to PENDING_APPROVAL. Its horizon-B draws must still fit in what their pledges have
    /// left after the other open lists (<paramref name="pledges"/>, read under the pledge lock), and its
    /// warehouse's data must be HIGH now or acknowledged (the acknowledgement goes into the audit row).
    /// </summary>
    public NeedsListChange Submit(
        Caller caller, int expectedVersion, IReadOnlyList<PledgeLine> pledges, bool acknowledgeStaleData, DateTime now)
    {
        EnsureMayPrepare(caller, NeedsListAction.Submit);
        EnsureVersion(expectedVersion);
        var next = NeedsListStateMachine.Next(Status, NeedsListAction.Submit, Number);
        var shortfalls = PledgePromises.Shortfalls(PledgeDraws, pledges);
        if (shortfalls.Count > 0)
        {
            var what = string.Join("; ", shortfalls.Select(s =>
                $"donation {s.DonationId} has {s.AvailableQty} of item {s.ItemId} left, not {s.WantedQty}"));
            throw new PreconditionFailedException(
                $"needs list {Number} draws on pledges that other open lists now hold ({what}): generate the list again");
        }

        var defaults = PhaseParameters.DefaultFor(Phase);
        var freshness = FreshnessRules.Assess(
            Warehouse.LastSyncDtime, now,
            Warehouse.FreshnessThresholdHours ?? defaults.FreshnessThresholdHours,
            Warehouse.StaleThresholdHours ?? defaults.StaleThresholdHours);
        var acknowledgement = SubmitRules.EnsureFreshEnoughOrAcknowledged(freshness, Warehouse.Name, acknowledgeStaleData);
        return StatusChange(NeedsListAction.Submit, next, caller.UserId, now,
            acknowledgement is null ? null : NeedsListAuditActions.StaleDataAcknowledgedReasonCode, acknowledgement);
    }

    /// <summary>PENDING_APPROVAL to UNDER_REVIEW: an approver of its level takes it up.</summary>
    public NeedsListChange StartReview(Caller caller, int expectedVersion, DateTime now) =>
        Decide(caller, NeedsListAction.StartReview, expectedVersion, now, notes: null);

    /// <param name="notes">The approval's notes, validated (null: none).</param>
    public NeedsListChange Approve(Caller caller, int expectedVersion, string? notes, DateTime now) =>
        Decide(caller, NeedsListAction.Approve, expectedVersion, now, notes);

    /// <param name="reason">The validated reason: stored on the list and in the audit row.</param>
    public NeedsListChange Reject(Caller caller, int expectedVersion, string reason, DateTime now) =>
        Decide(caller, NeedsListAction.Reject, expectedVersion, now, reason) with { DecisionReason = reason };

    /// <param name="reason">The validated reason: stored on the list and in the audit row.</param>
    public NeedsListChange Return(Caller caller, int expectedVersion, string reason, DateTime now) =>
        Decide(caller, NeedsListAction.Return, expectedVersion, now, reason) with { DecisionReason = reason };

    /// <param name="reason">The validated, optional reason: it has no column, the audit row keeps it.</param>
    public NeedsListChange Cancel(Caller caller, int expectedVersion, string? reason, DateTime now) =>
        Decide(caller, NeedsListAction.Cancel, expectedVersion, now, reason);

    /// <summary>
    /// The first downstream action (transfers or procurement created) takes an APPROVED list to
    /// IN_PROGRESS; on an IN_PROGRESS list nothing changes. <paramref name="expectedVersion"/> 0: no check.
    /// </summary>
    public NeedsListChange StartFulfilment(Caller caller, DownstreamWork work, int expectedVersion, DateTime now)
    {
        var activity = work == DownstreamWork.Transfers ? "create transfers" : "create procurement";
        NeedsListAuthorization.EnsureAllowed(caller, NeedsListAction.StartFulfilment, Facts);
        WarehouseAuthority.EnsureMayActFor(caller, WarehouseId, $"{activity} for needs list {Number}");
        if (expectedVersion != 0)
        {
            EnsureVersion(expectedVersion);
        }

        var next = NeedsListStateMachine.Next(Status, NeedsListAction.StartFulfilment, Number);
        return next == Status
            ? Change(Status, now, caller.UserId, [])
            : StatusChange(NeedsListAction.StartFulfilment, next, caller.UserId, now, null,
                work == DownstreamWork.Transfers ? "Transfers created from horizon A" : "Procurement created from horizon C");
    }

    /// <summary>
    /// Procurement receipts against its lines (quantity per line id; lines not named received nothing):
    /// each line's horizon-C fulfilled quantity and status, audited. Whether the list is then complete
    /// depends on every horizon's receipts: <see cref="Complete"/> decides that.
    /// </summary>
    /// <param name="receipt">What was received, for the audit ("procurement PR-...").</param>
    public NeedsListChange RecordFulfilment(
        IReadOnlyDictionary<int, decimal> receivedByLine, string receipt, string actor, DateTime now)
    {
        var fulfilled = new List<LineFulfilled>();
        var audit = new List<NeedsListAuditEntry>();
        foreach (var line in Lines)
        {
            var status = line.FulfillmentStatus;
            if (receivedByLine.TryGetValue(line.LineId, out var qty) && status != FulfillmentStatus.Cancelled)
            {
                var total = LineFulfilment.AddReceived(line.FulfilledQty, qty);
                status = LineFulfilment.StatusOf(total, line.TargetQty);
                fulfilled.Add(new LineFulfilled(line.LineId, total, status));
                audit.Add(new(line.LineId, NeedsListAuditActions.StatusChanged, NeedsListAuditActions.FulfilledQtyField,
                    Text(line.FulfilledQty), Text(total), null, $"Received on {receipt}"));
            }
        }

        return Change(Status, now, actor, audit) with { Fulfilled = fulfilled };
    }

    /// <summary>
    /// IN_PROGRESS -> FULFILLED once every line with a quantity has received it on every horizon
    /// (<paramref name="everyLineReceived"/>, measured from transfers, verified pledges and procurement
    /// receipts); null when the list is not in progress or something is still outstanding.
    /// </summary>
    /// <param name="cause">What completed it, for the audit ("last receipt on procurement PR-...").</param>
    public NeedsListChange? Complete(bool everyLineReceived, string cause, string actor, DateTime now)
    {
        if (!everyLineReceived || !NeedsListStateMachine.CanApply(Status, NeedsListAction.Fulfil))
        {
            return null;
        }

        var next = NeedsListStateMachine.Next(Status, NeedsListAction.Fulfil, Number);
        return StatusChange(NeedsListAction.Fulfil, next, actor, now, null, $"Every line fulfilled ({cause})");
    }

    /// <summary>
    /// SPEC 4, Escalation (<see cref="EscalationPolicy"/>): the reminder or escalation due now, as an audit
    /// row (COMMENT_ADDED, reason REMINDER or ESCALATED) that changes nothing else; null when nothing is due.
    /// </summary>
    public NeedsListChange? Escalate(string actor, DateTime now)
    {
        if (SubmittedAt is not { } submittedAt)
        {
            return null;
        }

        var decision = EscalationPolicy.Decide(Number, Status, Phase, submittedAt, now, Reminded, Escalated);
        NeedsListAuditEntry? entry = decision.Step switch
        {
            EscalationStep.Reminder => new(null, NeedsListAuditActions.CommentAdded, null, null, null,
                NeedsListAuditActions.ReminderReasonCode, AuditNotes(decision.Message)),
            EscalationStep.Escalate => new(null, NeedsListAuditActions.CommentAdded, NeedsListAuditActions.ApproverRoleField,
                decision.CurrentApproverRole.ToName(), (decision.NewApproverRole ?? decision.CurrentApproverRole).ToName(),
                NeedsListAuditActions.EscalatedReasonCode, AuditNotes(decision.Message)),
            _ => null,
        };
        return entry is null ? null : Change(Status, now, actor, [entry]);
    }

    private NeedsListChange Decide(Caller caller, NeedsListAction action, int expectedVersion, DateTime now, string? notes)
    {
        NeedsListAuthorization.EnsureAllowed(caller, action, Facts);
        EnsureVersion(expectedVersion);
        var next = NeedsListStateMachine.Next(Status, action, Number);
        return StatusChange(action, next, caller.UserId, now, null, notes);
    }

    /// <summary>Generate, adjust and submit: role first, then the warehouse the list is for.</summary>
    private void EnsureMayPrepare(Caller caller, NeedsListAction action)
    {
        NeedsListAuthorization.EnsureAllowed(caller, action, Facts);
        WarehouseAuthority.EnsureMayActFor(caller, WarehouseId, $"{action.Verb()} needs list {Number}");
    }

    private void EnsureVersion(int expectedVersion)
    {
        if (expectedVersion != Version)
        {
            throw new VersionConflictException("needs list", Number, expectedVersion, Version);
        }
    }

    private NeedsListChange StatusChange(
        NeedsListAction action, NeedsListStatus next, string actor, DateTime now, string? reasonCode, string? notes) =>
        Change(next, now, actor,
            [new(null, NeedsListAuditActions.For(action), NeedsListAuditActions.StatusField, Status.ToWord(), next.ToWord(), reasonCode, notes)]);

    private NeedsListChange Change(NeedsListStatus next, DateTime now, string actor, IReadOnlyList<NeedsListAuditEntry> audit) =>
        new(Id, Number, Version, Status, next, actor, now, audit);

    private static string Text(decimal quantity) => Rounding.Quantity(quantity).ToString(CultureInfo.InvariantCulture);

    /// <summary>needs_list_audit.notes_text is varchar(500).</summary>
    private static string AuditNotes(string message) => message.Length <= 500 ? message : message[..500];
}
