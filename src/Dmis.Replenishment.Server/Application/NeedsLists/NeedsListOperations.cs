using System.Diagnostics;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.Explanations;
using Dmis.Replenishment.Server.Application.Workflow;
using Dmis.Replenishment.Server.Calculation;
using Dmis.Replenishment.Server.Observability;
using Npgsql;

namespace Dmis.Replenishment.Server.Application.NeedsLists;

/// <summary>A calculated (not stored) needs list: the event it is for and the Domain's result.</summary>
public sealed record NeedsListCalculation(CalculationEvent Event, CalculationResult Result);

/// <summary>GenerateNeedsList's input.</summary>
public sealed record GenerateCommand(int EventId, int WarehouseId, EventPhase? Phase, string? Notes);

/// <summary>
/// What a generate did: stored a new DRAFT (<see cref="Created"/>, superseding <see cref="Retired"/>), or,
/// with no gap anywhere, stored nothing and cancelled the open drafts (<see cref="Retired"/>) instead.
/// </summary>
public sealed record GenerateResult(
    NeedsListCalculation Calculation, StoredNeedsList? Created, IReadOnlyList<SupersedableList> Retired)
{
    public bool SufficientCoverage => Created is null;
}

/// <summary>
/// The needs-list calculation use cases: preview (no writes), generate (one transaction), and the
/// reads of stored lists. Rules live in the Domain, SQL in the Data project; this class checks the
/// input, orders the steps and names what is missing or in the wrong state.
/// </summary>
public sealed class NeedsListOperations(
    NpgsqlDataSource dataSource,
    ReadConnections reads,
    RecentNeedsListWrites recentWrites,
    NeedsListStore store,
    CalculationGate calculationGate,
    ReplenishmentMetrics metrics,
    TimeProvider time)
{
    /// <summary>The audit note of a draft a generate retires for sufficient coverage.</summary>
    public const string SufficientCoverageReason = "Recalculated: sufficient coverage";

    public const int MaxNotesLength = 2000;

    /// <summary>Computes a needs list at <paramref name="asOf"/> (default now) without writing anything. Any authenticated caller.</summary>
    public async Task<NeedsListCalculation> PreviewAsync(
        int eventId, int warehouseId, EventPhase? phase, DateTime? asOf, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var violations = new List<FieldViolation>();
        RequestRules.Positive(violations, eventId, "event_id");
        RequestRules.Positive(violations, warehouseId, "warehouse_id");
        RequestRules.NotInFuture(violations, asOf, now, "as_of");
        RequestRules.ThrowIfAny(violations);

        var moment = asOf is { } given ? RequestRules.WholeSeconds(given) : now;
        using var calculationSlot = await calculationGate.EnterAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var (connection, source) = await reads.OpenWithSourceAsync(cancellationToken);
        await using var _ = connection;
        var loaded = await CalculationInputLoader.LoadAsync(
            connection, null, source, new CalculationRequest(eventId, warehouseId, phase, moment), cancellationToken);
        var result = loaded.Calculate();
        metrics.RecordCalculation(Stopwatch.GetElapsedTime(started));
        return new NeedsListCalculation(loaded.Event, result);
    }

    /// <summary>
    /// Calculates now and stores the result as a DRAFT in the caller's transaction: header, lines,
    /// horizon-A and B splits, burn-rate snapshots, audit CREATED; the open DRAFT or RETURNED list of the
    /// same event and warehouse becomes SUPERSEDED (audited, linked to the new one). With no gap at all
    /// nothing new is stored and the open list is CANCELLED instead ("recalculated: sufficient
    /// coverage", audited). Either way the retired lists' audit rows are their stream events. Generates of one
    /// event and warehouse are serialised by an advisory lock, so there is never more than one open
    /// draft and numbers are unique.
    /// </summary>
    public async Task<GenerateResult> GenerateAsync(
        DbScope scope, Caller caller, GenerateCommand command, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        RequestRules.Positive(violations, command.EventId, "event_id");
        RequestRules.Positive(violations, command.WarehouseId, "warehouse_id");
        RequestRules.MaxLength(violations, command.Notes, MaxNotesLength, "notes");
        RequestRules.ThrowIfAny(violations);
        Permissions.EnsureCanPrepareNeedsLists(caller);
        WarehouseAuthority.EnsureMayActFor(caller, command.WarehouseId, "generate needs lists");

        var asOf = time.Now();
        using var calculationSlot = await calculationGate.EnterAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var (connection, transaction) = scope;
        var loaded = await CalculationInputLoader.LoadAsync(
            connection, transaction, dataSource, new CalculationRequest(command.EventId, command.WarehouseId, null, asOf), cancellationToken);
        if (command.Phase is { } requested && requested != loaded.Input.Phase)
        {
            throw new PreconditionFailedException(
                $"event {command.EventId} is in phase {loaded.Input.Phase.ToWord()}, not {requested.ToWord()}: a needs list is generated for the current phase (PreviewNeedsList calculates what-ifs)");
        }

        var result = loaded.Calculate();
        metrics.RecordCalculation(Stopwatch.GetElapsedTime(started));
        var calculation = new NeedsListCalculation(loaded.Event, result);

        var date = DateOnly.FromDateTime(asOf);
        var prefix = NeedsListNumber.Prefix(command.EventId, command.WarehouseId, date);
        var slot = await NeedsListStore.LockForGenerateAsync(
            scope, command.EventId, command.WarehouseId, prefix,
            NeedsListStateMachine.AllowedFrom(NeedsListAction.Supersede).Select(status => status.ToWord()).ToList(),
            cancellationToken);
        foreach (var draft in slot.OpenDrafts)
        {
            recentWrites.Record(draft.NeedsListId);
        }

        if (result.Lines.Count == 0)
        {
            var cancelled = Retirement(slot.OpenDrafts, NeedsListAction.Cancel, SufficientCoverageReason, asOf);
            await NeedsListRepository.RetireAsync(scope, cancelled, supersededById: null, caller.UserId, cancellationToken);
            return new GenerateResult(calculation, null, slot.OpenDrafts);
        }

        var seq = slot.NumbersOfTheDay.Select(number => DocumentNumber.SequenceOf(number, prefix) ?? 0).DefaultIfEmpty(0).Max() + 1;
        var number = NeedsListNumber.Format(command.EventId, command.WarehouseId, date, seq);
        var notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        var stored = await NeedsListStore.InsertAsync(
            scope, NeedsListDrafts.From(number, command.EventId, result, notes, slot.OpenDrafts) with { Evidence = NeedsListEvidence.From(loaded.Input, result) },
            Retirement(slot.OpenDrafts, NeedsListAction.Supersede, $"Superseded by {number}", asOf), caller.UserId,
            NeedsListAuditActions.EscalatedReasonCode, cancellationToken);
        recentWrites.Record(stored.Header.NeedsListId);
        metrics.NeedsListGenerated();
        return new GenerateResult(calculation, stored, slot.OpenDrafts);
    }

    /// <summary>The open drafts leaving with <paramref name="action"/> (SUPERSEDED by the new list, or CANCELLED), audited with <paramref name="notes"/>.</summary>
    private static DraftRetirement Retirement(IReadOnlyList<SupersedableList> drafts, NeedsListAction action, string notes, DateTime at) =>
        new(
            [.. drafts.Select(draft => new RetiredList(
                draft.NeedsListId,
                draft.StatusCode,
                NeedsListStateMachine.Next(NeedsListStatusWords.Parse(draft.StatusCode), action, draft.NeedsListNo).ToWord()))],
            NeedsListAuditActions.For(action),
            notes,
            at);

    public async Task<StoredNeedsList> GetAsync(int needsListId, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        RequestRules.Positive(violations, needsListId, "needs_list_id");
        RequestRules.ThrowIfAny(violations);
        return await store.GetAsync(needsListId, NeedsListAuditActions.EscalatedReasonCode, cancellationToken)
            ?? throw new NotFoundException("needs list", needsListId);
    }

    /// <summary>Headers newest first, below <paramref name="beforeId"/>.</summary>
    public Task<IReadOnlyList<NeedsListHeaderRow>> ListAsync(
        int eventId, int warehouseId, IReadOnlyList<NeedsListStatus> statuses, long beforeId, int limit,
        CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        RequestRules.OptionalId(violations, eventId, "event_id");
        RequestRules.OptionalId(violations, warehouseId, "warehouse_id");
        RequestRules.ThrowIfAny(violations);
        return store.ListAsync(
            new NeedsListFilter(eventId, warehouseId, statuses.Distinct().Select(status => status.ToWord()).ToList()),
            beforeId, limit, NeedsListAuditActions.EscalatedReasonCode, cancellationToken);
    }
}
