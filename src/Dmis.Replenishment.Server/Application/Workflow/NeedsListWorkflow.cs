using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Data.Workflow;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Server.Application.Workflow;

/// <summary>
/// The needs-list workflow (SPEC 4): adjust, submit, start review, approve, reject, return, cancel,
/// and the audit trail. Each mutation runs in the caller's transaction (<see cref="MutationRunner"/>)
/// as load -> decide -> save: it checks the input (INVALID_ARGUMENT), loads the <see cref="NeedsListAggregate"/>
/// with its row locked, lets the aggregate decide (role and separation of duties, expected version,
/// status, and for a submit the pledges and the data's freshness), saves the change with
/// <see cref="NeedsListRepository"/> and returns the stored list as GetNeedsList shows it.
/// </summary>
public sealed class NeedsListWorkflow(NeedsListWorkflowStore store, RecentNeedsListWrites recentWrites, TimeProvider time)
{
    /// <summary>needs_list_audit.notes_text is varchar(500).</summary>
    public const int MaxApprovalNotesLength = 500;

    public Task<StoredNeedsList> AdjustLineAsync(
        DbScope scope, Caller caller, AdjustLineCommand command, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        Positive(violations, command.NeedsListId, "needs_list_id");
        Positive(violations, command.ItemId, "item_id");
        ExpectedVersionGiven(violations, command.ExpectedVersion);
        ThrowIfAny(violations);
        var adjustment = LineAdjustment.Validate(command.AdjustedQty, command.Reason, command.Notes);

        return ChangeAsync(scope, command.NeedsListId,
            list => list.Adjust(caller, command.ExpectedVersion, command.ItemId, adjustment, time.Now()), cancellationToken);
    }

    /// <summary>
    /// DRAFT or RETURNED to PENDING_APPROVAL. Under the event's pledge lock (taken before the list's row
    /// lock) the aggregate checks its horizon-B draws against what the other open lists left, and the
    /// warehouse's freshness now.
    /// </summary>
    public async Task<StoredNeedsList> SubmitAsync(
        DbScope scope, Caller caller, SubmitCommand command, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        Positive(violations, command.NeedsListId, "needs_list_id");
        ExpectedVersionGiven(violations, command.ExpectedVersion);
        ThrowIfAny(violations);

        var eventId = await NeedsListRepository.LockPledgesAsync(scope, command.NeedsListId, cancellationToken);
        var list = await LoadAsync(scope, command.NeedsListId, cancellationToken);
        var draws = list.PledgeDraws;
        var pledges = eventId is { } pledgeEvent && draws.Count > 0
            ? await CalculationReader.LoadPledgesAsync(
                scope.Connection, scope.Transaction, pledgeEvent, [.. draws.Select(draw => draw.ItemId).Distinct()],
                [.. NeedsListStateMachine.HoldingAllocations.Select(status => status.ToWord())], list.Id, cancellationToken)
            : [];
        var change = list.Submit(caller, command.ExpectedVersion, pledges, command.AcknowledgeStaleData, time.Now());
        return await SaveAsync(scope, change, cancellationToken);
    }

    /// <summary>PENDING_APPROVAL to UNDER_REVIEW: an approver (the list's level, never its creator or submitter) takes it up.</summary>
    public Task<StoredNeedsList> StartReviewAsync(DbScope scope, Caller caller, DecisionCommand command, CancellationToken cancellationToken) =>
        DecideAsync(scope, command, list => list.StartReview(caller, command.ExpectedVersion, time.Now()), cancellationToken);

    public Task<StoredNeedsList> ApproveAsync(DbScope scope, Caller caller, DecisionCommand command, CancellationToken cancellationToken)
    {
        var notes = string.IsNullOrWhiteSpace(command.Text) ? null : command.Text.Trim();
        if (notes is { Length: > MaxApprovalNotesLength })
        {
            throw new DomainValidationException("notes", $"must be at most {MaxApprovalNotesLength} characters (got {notes.Length})");
        }

        return DecideAsync(scope, command, list => list.Approve(caller, command.ExpectedVersion, notes, time.Now()), cancellationToken);
    }

    public Task<StoredNeedsList> RejectAsync(DbScope scope, Caller caller, DecisionCommand command, CancellationToken cancellationToken)
    {
        var reason = DecisionReason.Required(command.Text);
        return DecideAsync(scope, command, list => list.Reject(caller, command.ExpectedVersion, reason, time.Now()), cancellationToken);
    }

    public Task<StoredNeedsList> ReturnAsync(DbScope scope, Caller caller, DecisionCommand command, CancellationToken cancellationToken)
    {
        var reason = DecisionReason.Required(command.Text);
        return DecideAsync(scope, command, list => list.Return(caller, command.ExpectedVersion, reason, time.Now()), cancellationToken);
    }

    /// <summary>The optional reason of a cancellation has no column of its own: it is kept in the CANCELLED audit row.</summary>
    public Task<StoredNeedsList> CancelAsync(DbScope scope, Caller caller, DecisionCommand command, CancellationToken cancellationToken)
    {
        var reason = DecisionReason.Optional(command.Text);
        return DecideAsync(scope, command, list => list.Cancel(caller, command.ExpectedVersion, reason, time.Now()), cancellationToken);
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

    private Task<StoredNeedsList> DecideAsync(
        DbScope scope, DecisionCommand command, Func<NeedsListAggregate, NeedsListChange> decide, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        Positive(violations, command.NeedsListId, "needs_list_id");
        ExpectedVersionGiven(violations, command.ExpectedVersion);
        ThrowIfAny(violations);
        return ChangeAsync(scope, command.NeedsListId, decide, cancellationToken);
    }

    private async Task<StoredNeedsList> ChangeAsync(
        DbScope scope, int needsListId, Func<NeedsListAggregate, NeedsListChange> decide, CancellationToken cancellationToken)
    {
        var list = await LoadAsync(scope, needsListId, cancellationToken);
        return await SaveAsync(scope, decide(list), cancellationToken);
    }

    /// <summary>Locks the list to change it; from now on its reads on this instance go to the primary.</summary>
    private async Task<NeedsListAggregate> LoadAsync(DbScope scope, int needsListId, CancellationToken cancellationToken)
    {
        var list = await NeedsListRepository.LoadForUpdateAsync(scope, needsListId, cancellationToken);
        recentWrites.Record(needsListId);
        return list;
    }

    private static async Task<StoredNeedsList> SaveAsync(DbScope scope, NeedsListChange change, CancellationToken cancellationToken)
    {
        await NeedsListRepository.SaveAsync(scope, change, cancellationToken);
        return await NeedsListStore.GetAsync(
            scope.Connection, scope.Transaction, change.NeedsListId, NeedsListAuditActions.EscalatedReasonCode, cancellationToken)
            ?? throw new InvalidOperationException($"needs list {change.NeedsListId} vanished inside its own transaction");
    }

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
