using System.Diagnostics;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Planning;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.Explanations;
using Dmis.Replenishment.Server.Application.Workflow;
using Dmis.Replenishment.Server.Calculation;
using Dmis.Replenishment.Server.Observability;
using Npgsql;

namespace Dmis.Replenishment.Server.Application.NeedsLists;

/// <summary>A calculated (not stored) needs list: the event it is for, the Domain's result, and the what-if assumptions it was calculated under.</summary>
public sealed record NeedsListCalculation(CalculationEvent Event, CalculationResult Result, WhatIfAssumptions? WhatIf = null);

/// <summary>GenerateNeedsList's input.</summary>
/// <param name="HasAssumptions">The caller sent what-if assumptions: refused.</param>
public sealed record GenerateCommand(int EventId, int WarehouseId, EventPhase? Phase, string? Notes, bool HasAssumptions = false);

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
    NeedsListStore store,
    NeedsListDraftWriter drafts,
    CalculationGate calculationGate,
    ReplenishmentMetrics metrics,
    TimeProvider time)
{
    public const int MaxNotesLength = 2000;

    /// <summary>Computes a needs list at <paramref name="asOf"/> (default now) without writing anything. Any authenticated caller.</summary>
    /// <param name="whatIf">Assumptions to calculate under (what-if), or <see cref="WhatIfAssumptions.None"/>.</param>
    public async Task<NeedsListCalculation> PreviewAsync(
        int eventId, int warehouseId, EventPhase? phase, DateTime? asOf, WhatIfAssumptions whatIf, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var violations = new List<FieldViolation>();
        RequestRules.Positive(violations, eventId, "event_id");
        RequestRules.Positive(violations, warehouseId, "warehouse_id");
        RequestRules.NotInFuture(violations, asOf, now, "as_of");
        violations.AddRange(whatIf.Validate("assumptions"));
        RequestRules.ThrowIfAny(violations);

        var moment = asOf is { } given ? RequestRules.WholeSeconds(given) : now;
        using var calculationSlot = await calculationGate.EnterAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var (connection, source) = await reads.OpenWithSourceAsync(cancellationToken);
        await using var _ = connection;
        var loaded = await CalculationInputLoader.LoadAsync(
            connection, null, source, new CalculationRequest(eventId, warehouseId, phase, moment, whatIf), cancellationToken);
        var result = loaded.Calculate();
        metrics.RecordCalculation(Stopwatch.GetElapsedTime(started));
        return new NeedsListCalculation(loaded.Event, result, whatIf);
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
        RequestRules.NoAssumptions(violations, command.HasAssumptions);
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

        var (created, retired) = await drafts.StoreAsync(scope, caller, command.EventId, result, NeedsListEvidence.From(loaded.Input, result), command.Notes, cancellationToken);
        return new GenerateResult(calculation, created, retired);
    }

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
