using System.Globalization;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Data.Workflow;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.EventPhases;

namespace Dmis.Replenishment.Server.Application.Workflow;

/// <summary>
/// The needs-list workflow (SPEC 4): adjust, submit, start review, approve, reject, return, cancel,
/// and the audit trail. Each mutation runs in the caller's transaction (<see cref="MutationRunner"/>):
/// it locks the list, checks in this order the input, the caller's role and separation of duties
/// (PERMISSION_DENIED), the expected version (ABORTED), the status (FAILED_PRECONDITION) and, for a
/// submit, the data freshness; then writes the change, its audit row and its event notification
/// together, and returns the stored list as GetNeedsList shows it. The rules are the Domain's; the SQL
/// is the Data project's.
/// </summary>
public sealed class NeedsListWorkflow(NeedsListWorkflowStore store, RecentNeedsListWrites recentWrites, TimeProvider time)
{
    /// <summary>needs_list_audit.notes_text is varchar(500).</summary>
    public const int MaxApprovalNotesLength = 500;

    public const string StatusField = "status_code";
    public const string AdjustedQtyField = "adjusted_qty";

    public async Task<StoredNeedsList> AdjustLineAsync(
        DbScope scope, Caller caller, AdjustLineCommand command, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        Positive(violations, command.NeedsListId, "needs_list_id");
        Positive(violations, command.ItemId, "item_id");
        ExpectedVersionGiven(violations, command.ExpectedVersion);
        ThrowIfAny(violations);
        var adjustment = LineAdjustment.Validate(command.AdjustedQty, command.Reason, command.Notes);

        var locked = await LockAsync(scope, command.NeedsListId, cancellationToken);
        var list = locked.List;
        var facts = Facts(locked);
        NeedsListAuthorization.EnsureAllowed(caller, NeedsListAction.Adjust, facts);
        WarehouseAuthority.EnsureMayActFor(caller, list.WarehouseId, $"adjust needs list {list.NeedsListNo}");
        EventPhaseOperations.EnsureVersion("needs list", list.NeedsListNo, command.ExpectedVersion, list.VersionNbr);
        NeedsListStateMachine.Next(facts.Status, NeedsListAction.Adjust, list.NeedsListNo);

        var lines = await NeedsListWorkflowStore.LinesAsync(scope, list.NeedsListId, cancellationToken);
        var line = lines.FirstOrDefault(candidate => candidate.ItemId == command.ItemId)
            ?? throw new NotFoundException($"needs list {list.NeedsListNo} has no line for item", command.ItemId);
        var before = LineFulfilment.TargetQty(line.GapQty, line.AdjustedQty);
        var totals = NeedsListTotals.Of(lines.Select(candidate => candidate.NeedsListItemId == line.NeedsListItemId
            ? new NeedsListTotals.Line(candidate.GapQty, adjustment.Quantity, candidate.UnitValue)
            : new NeedsListTotals.Line(candidate.GapQty, candidate.AdjustedQty, candidate.UnitValue)));
        LineAdjustment.EnsureListTotalsFit(totals.GapQty, totals.EstimatedValue);

        var now = Now();
        var written = await NeedsListWorkflowStore.AdjustLineAsync(scope, new LineAdjustmentWrite(
            list.NeedsListId, line.NeedsListItemId, command.ExpectedVersion, adjustment.Quantity,
            adjustment.Reason.ToWord(), adjustment.Notes, caller.UserId, now, totals.GapQty, totals.EstimatedValue),
            cancellationToken);
        if (!written)
        {
            throw new VersionConflictException("needs list", list.NeedsListNo, command.ExpectedVersion, null);
        }

        await NeedsListWorkflowStore.AppendAuditAsync(scope,
        [
            new NewAuditEntry(
                list.NeedsListId, line.NeedsListItemId, NeedsListAuditActions.For(NeedsListAction.Adjust), AdjustedQtyField,
                Text(before), Text(adjustment.Quantity), adjustment.Reason.ToWord(), adjustment.Notes, caller.UserId, now),
        ], cancellationToken);
        return await ReadAsync(scope, list.NeedsListId, cancellationToken);
    }

    /// <summary>
    /// DRAFT or RETURNED to PENDING_APPROVAL. The warehouse's freshness is assessed now, with the
    /// thresholds of the list's phase; when it is not HIGH the caller must have acknowledged it, and
    /// the acknowledgement goes into the SUBMITTED audit row.
    /// </summary>
    public async Task<StoredNeedsList> SubmitAsync(
        DbScope scope, Caller caller, SubmitCommand command, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        Positive(violations, command.NeedsListId, "needs_list_id");
        ExpectedVersionGiven(violations, command.ExpectedVersion);
        ThrowIfAny(violations);

        var pledges = await NeedsListWorkflowStore.LockPledgesAsync(scope, command.NeedsListId, cancellationToken);
        var locked = await LockAsync(scope, command.NeedsListId, cancellationToken);
        var list = locked.List;
        var facts = Facts(locked);
        NeedsListAuthorization.EnsureAllowed(caller, NeedsListAction.Submit, facts);
        WarehouseAuthority.EnsureMayActFor(caller, list.WarehouseId, $"submit needs list {list.NeedsListNo}");
        EventPhaseOperations.EnsureVersion("needs list", list.NeedsListNo, command.ExpectedVersion, list.VersionNbr);
        var next = NeedsListStateMachine.Next(facts.Status, NeedsListAction.Submit, list.NeedsListNo);
        if (pledges is { Draws.Count: > 0 } held)
        {
            await EnsurePledgesLeftAsync(scope, list.NeedsListId, list.NeedsListNo, held.EventId, held.Draws, cancellationToken);
        }

        var now = Now();
        var defaults = PhaseParameters.DefaultFor(facts.Phase);
        var freshness = FreshnessRules.Assess(
            list.LastSyncDtime, now,
            list.FreshnessThresholdHours ?? defaults.FreshnessThresholdHours,
            list.StaleThresholdHours ?? defaults.StaleThresholdHours);
        var acknowledgement = SubmitRules.EnsureFreshEnoughOrAcknowledged(freshness, list.WarehouseName, command.AcknowledgeStaleData);

        await ApplyAsync(scope, caller, locked, NeedsListAction.Submit, next, StatusStamp.Submitted, command.ExpectedVersion, now,
            reason: null,
            auditReasonCode: acknowledgement is null ? null : NeedsListAuditActions.StaleDataAcknowledgedReasonCode,
            auditNotes: acknowledgement,
            cancellationToken);
        return await ReadAsync(scope, list.NeedsListId, cancellationToken);
    }

    /// <summary>
    /// A submitted list holds its pledges: each of its horizon-B draws must still fit in what its pledge has
    /// left after the other open lists' draws (read under the exclusive pledge lock), else FAILED_PRECONDITION.
    /// </summary>
    private static async Task EnsurePledgesLeftAsync(
        DbScope scope, int needsListId, string needsListNo, int eventId, IReadOnlyList<PledgeDraw> draws, CancellationToken cancellationToken)
    {
        var pledges = await CalculationReader.LoadPledgesAsync(
            scope.Connection, scope.Transaction, eventId, [.. draws.Select(draw => draw.ItemId).Distinct()],
            [.. NeedsListStateMachine.HoldingAllocations.Select(status => status.ToWord())], needsListId, cancellationToken);
        var shortfalls = PledgePromises.Shortfalls(draws, pledges);
        if (shortfalls.Count > 0)
        {
            var what = string.Join("; ", shortfalls.Select(s =>
                $"donation {s.DonationId} has {s.AvailableQty} of item {s.ItemId} left, not {s.WantedQty}"));
            throw new PreconditionFailedException(
                $"needs list {needsListNo} draws on pledges that other open lists now hold ({what}): generate the list again");
        }
    }

    /// <summary>PENDING_APPROVAL to UNDER_REVIEW: an approver (the list's level, never its creator or submitter) takes it up.</summary>
    public Task<StoredNeedsList> StartReviewAsync(DbScope scope, Caller caller, DecisionCommand command, CancellationToken cancellationToken) =>
        DecideAsync(scope, caller, command, NeedsListAction.StartReview, StatusStamp.UnderReview, reason: null, notes: null, cancellationToken);

    public Task<StoredNeedsList> ApproveAsync(DbScope scope, Caller caller, DecisionCommand command, CancellationToken cancellationToken)
    {
        var notes = string.IsNullOrWhiteSpace(command.Text) ? null : command.Text.Trim();
        if (notes is { Length: > MaxApprovalNotesLength })
        {
            throw new DomainValidationException("notes", $"must be at most {MaxApprovalNotesLength} characters (got {notes.Length})");
        }

        return DecideAsync(scope, caller, command, NeedsListAction.Approve, StatusStamp.Approved, reason: null, notes, cancellationToken);
    }

    public Task<StoredNeedsList> RejectAsync(DbScope scope, Caller caller, DecisionCommand command, CancellationToken cancellationToken)
    {
        var reason = DecisionReason.Required(command.Text);
        return DecideAsync(scope, caller, command, NeedsListAction.Reject, StatusStamp.Rejected, reason, reason, cancellationToken);
    }

    public Task<StoredNeedsList> ReturnAsync(DbScope scope, Caller caller, DecisionCommand command, CancellationToken cancellationToken)
    {
        var reason = DecisionReason.Required(command.Text);
        return DecideAsync(scope, caller, command, NeedsListAction.Return, StatusStamp.Returned, reason, reason, cancellationToken);
    }

    /// <summary>The optional reason of a cancellation has no column of its own: it is kept in the CANCELLED audit row.</summary>
    public Task<StoredNeedsList> CancelAsync(DbScope scope, Caller caller, DecisionCommand command, CancellationToken cancellationToken)
    {
        var reason = DecisionReason.Optional(command.Text);
        return DecideAsync(scope, caller, command, NeedsListAction.Cancel, StatusStamp.Cancelled, reason: null, reason, cancellationToken);
    }

    /// <summary>The list's audit trail, oldest first, after <paramref name="afterAuditId"/>. Any authenticated caller.</summary>
    public async Task<IReadOnlyList<AuditEntryRow>> ListAuditAsync(
        int needsListId, long afterAuditId, int limit, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        Positive(violations, needsListId, "needs_list_id");
        ThrowIfAny(violations);
        return await store.ListAuditAsync(needsListId, afterAuditId, limit, cancellationToken)
            ?? throw new NotFoundException("needs list", needsListId);
    }

    /// <summary>WatchNeedsListEvents' filters: 0 means any, anything else must be a positive id.</summary>
    public static void EnsureWatchFilter(int eventId, int warehouseId)
    {
        var violations = new List<FieldViolation>();
        OptionalId(violations, eventId, "event_id");
        OptionalId(violations, warehouseId, "warehouse_id");
        ThrowIfAny(violations);
    }

    private async Task<StoredNeedsList> DecideAsync(
        DbScope scope, Caller caller, DecisionCommand command, NeedsListAction action, StatusStamp stamp, string? reason,
        string? notes, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        Positive(violations, command.NeedsListId, "needs_list_id");
        ExpectedVersionGiven(violations, command.ExpectedVersion);
        ThrowIfAny(violations);

        var locked = await LockAsync(scope, command.NeedsListId, cancellationToken);
        var list = locked.List;
        var facts = Facts(locked);
        NeedsListAuthorization.EnsureAllowed(caller, action, facts);
        EventPhaseOperations.EnsureVersion("needs list", list.NeedsListNo, command.ExpectedVersion, list.VersionNbr);
        var next = NeedsListStateMachine.Next(facts.Status, action, list.NeedsListNo);

        await ApplyAsync(scope, caller, locked, action, next, stamp, command.ExpectedVersion, Now(), reason,
            auditReasonCode: null, auditNotes: notes, cancellationToken);
        return await ReadAsync(scope, list.NeedsListId, cancellationToken);
    }

    /// <summary>
    /// The status change and its audit row, in the caller's transaction; the audit row is also the
    /// STATUS_CHANGED event of WatchNeedsListEvents (notified by its trigger at commit).
    /// </summary>
    private static async Task ApplyAsync(
        DbScope scope,
        Caller caller,
        LockedNeedsList locked,
        NeedsListAction action,
        NeedsListStatus next,
        StatusStamp stamp,
        int expectedVersion,
        DateTime now,
        string? reason,
        string? auditReasonCode,
        string? auditNotes,
        CancellationToken cancellationToken)
    {
        var list = locked.List;
        var changed = await NeedsListWorkflowStore.ChangeStatusAsync(scope,
            new StatusChange(list.NeedsListId, expectedVersion, next.ToWord(), stamp, caller.UserId, now, reason),
            cancellationToken);
        if (!changed)
        {
            throw new VersionConflictException("needs list", list.NeedsListNo, expectedVersion, null);
        }

        await NeedsListWorkflowStore.AppendAuditAsync(scope,
        [
            new NewAuditEntry(list.NeedsListId, null, NeedsListAuditActions.For(action), StatusField,
                list.StatusCode, next.ToWord(), auditReasonCode, auditNotes, caller.UserId, now),
        ], cancellationToken);
    }

    /// <summary>Locks the list to change it; from now on its reads on this instance go to the primary.</summary>
    private async Task<LockedNeedsList> LockAsync(DbScope scope, int needsListId, CancellationToken cancellationToken)
    {
        var locked = await NeedsListWorkflowStore.LockAsync(
            scope, needsListId, NeedsListAuditActions.Submitted, NeedsListAuditActions.EscalatedReasonCode, cancellationToken)
            ?? throw new NotFoundException("needs list", needsListId);
        recentWrites.Record(needsListId);
        return locked;
    }

    private static NeedsListFacts Facts(LockedNeedsList locked)
    {
        var list = locked.List;
        return new NeedsListFacts(
            list.NeedsListNo,
            EventPhaseWords.Parse(list.EventPhase),
            NeedsListStatusWords.Parse(list.StatusCode),
            list.CreateById,
            locked.Submitters,
            list.Escalated);
    }

    private static async Task<StoredNeedsList> ReadAsync(DbScope scope, int needsListId, CancellationToken cancellationToken) =>
        await NeedsListStore.GetAsync(
            scope.Connection, scope.Transaction, needsListId, NeedsListAuditActions.EscalatedReasonCode, cancellationToken)
        ?? throw new InvalidOperationException($"needs list {needsListId} vanished inside its own transaction");

    private DateTime Now() => time.Now();

    private static string Text(decimal quantity) => Rounding.Quantity(quantity).ToString(CultureInfo.InvariantCulture);

    private static void Positive(List<FieldViolation> violations, long id, string field)
    {
        if (id <= 0)
        {
            violations.Add(new(field, "must be a positive id"));
        }
    }

    private static void OptionalId(List<FieldViolation> violations, long id, string field)
    {
        if (id < 0)
        {
            violations.Add(new(field, "must be a positive id, or 0 for any"));
        }
    }

    private static void ExpectedVersionGiven(List<FieldViolation> violations, int expectedVersion)
    {
        if (expectedVersion <= 0)
        {
            violations.Add(new("expected_version", "is required: the version you read"));
        }
    }

    private static void ThrowIfAny(List<FieldViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }
    }
}
