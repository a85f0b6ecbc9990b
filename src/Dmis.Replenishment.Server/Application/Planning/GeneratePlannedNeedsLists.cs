using System.Diagnostics;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Planning;
using Dmis.Replenishment.Server.Application.Explanations;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.Server.Calculation;
using Dmis.Replenishment.Server.Observability;
using Npgsql;

namespace Dmis.Replenishment.Server.Application.Planning;

/// <summary>GeneratePlannedNeedsLists' input; <paramref name="HasAssumptions"/>: the caller sent what-if assumptions (refused).</summary>
public sealed record GeneratePlannedCommand(int EventId, IReadOnlyList<int> WarehouseIds, EventPhase? Phase, string? Notes, bool HasAssumptions);

/// <summary>What GeneratePlannedNeedsLists did: the plan, and per planned warehouse (id order) what its generate stored or retired.</summary>
public sealed record PlannedGeneration(EventPlan Plan, IReadOnlyList<GenerateResult> Generated);

/// <summary>
/// Stores the network plan, calculated now, as one DRAFT list per warehouse with a gap, all in the caller's
/// ONE transaction: each list holds exactly the plan's splits, and each warehouse's open draft is
/// superseded (or, without a gap, cancelled) as GenerateNeedsList does (<see cref="NeedsListDraftWriter"/>).
/// Officers and managers must hold authority over every planned warehouse.
/// </summary>
public sealed class GeneratePlannedNeedsLists(
    NpgsqlDataSource dataSource,
    NeedsListDraftWriter drafts,
    CalculationGate calculationGate,
    ReplenishmentMetrics metrics,
    TimeProvider time)
{
    private const string Action = "generate needs lists";

    public async Task<PlannedGeneration> RunAsync(
        DbScope scope, Caller caller, GeneratePlannedCommand command, CancellationToken cancellationToken)
    {
        var violations = PlanRequestRules.Check(command.EventId, command.WarehouseIds);
        RequestRules.MaxLength(violations, command.Notes, NeedsListOperations.MaxNotesLength, "notes");
        RequestRules.NoAssumptions(violations, command.HasAssumptions);

        RequestRules.ThrowIfAny(violations);
        Permissions.EnsureCanPrepareNeedsLists(caller);
        foreach (var warehouseId in command.WarehouseIds)
        {
            WarehouseAuthority.EnsureMayActFor(caller, warehouseId, Action);
        }

        var asOf = time.Now();
        using var calculationSlot = await calculationGate.EnterAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var loaded = await EventPlanLoader.LoadAsync(
            scope.Connection, scope.Transaction, dataSource,
            new PlanRequest(command.EventId, command.WarehouseIds, null, asOf, WhatIfAssumptions.None),
            cancellationToken);
        if (command.Phase is { } requested && requested != loaded.Phase)
        {
            throw new PreconditionFailedException(
                $"event {command.EventId} is in phase {loaded.Phase.ToWord()}, not {requested.ToWord()}: needs lists are generated for the current phase (PlanEventReplenishment plans what-ifs)");
        }

        foreach (var target in loaded.Targets)
        {
            WarehouseAuthority.EnsureMayActFor(caller, target.Input.Warehouse.WarehouseId, Action);
        }

        var plan = NetworkPlanner.Plan(loaded.Targets);
        metrics.RecordCalculation(Stopwatch.GetElapsedTime(started));

        var inputs = loaded.Targets.ToDictionary(target => target.Input.Warehouse.WarehouseId, target => target.Input);
        var generated = new List<GenerateResult>(plan.Warehouses.Count);
        foreach (var result in plan.Warehouses)
        {
            // The evidence of what each warehouse's calculation saw; the plan's shares are the stored splits.
            var evidence = NeedsListEvidence.From(inputs[result.Header.Warehouse.WarehouseId], result);
            var (created, retired) = await drafts.StoreAsync(scope, caller, command.EventId, result, evidence, command.Notes, cancellationToken);
            generated.Add(new GenerateResult(new NeedsListCalculation(loaded.Event, result), created, retired));
        }

        return new PlannedGeneration(
            new EventPlan(loaded.Event, loaded.Phase, loaded.Parameters, asOf, plan, WhatIfAssumptions.None), generated);
    }
}
