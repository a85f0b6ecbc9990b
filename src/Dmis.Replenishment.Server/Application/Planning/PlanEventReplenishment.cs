using System.Diagnostics;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Planning;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.Server.Calculation;
using Dmis.Replenishment.Server.Observability;

namespace Dmis.Replenishment.Server.Application.Planning;

/// <summary>PlanEventReplenishment's input: the event, the warehouses to plan (empty: every active one), phase override, moment (null: now), assumptions.</summary>
public sealed record PlanCommand(int EventId, IReadOnlyList<int> WarehouseIds, EventPhase? Phase, DateTime? AsOf, WhatIfAssumptions WhatIf);

/// <summary>A network plan with what it was calculated for: event, phase, parameters, moment, assumptions.</summary>
public sealed record EventPlan(
    CalculationEvent Event, EventPhase Phase, PhaseParameters Parameters, DateTime AsOf, NetworkPlan Plan, WhatIfAssumptions WhatIf);

/// <summary>
/// The network plan of an event (SPEC 9): every planned warehouse's calculation at once, its scarce
/// supply shared by <see cref="NetworkPlanner"/>. Writes nothing; any authenticated caller.
/// </summary>
public sealed class PlanEventReplenishment(
    ReadConnections reads, CalculationGate calculationGate, ReplenishmentMetrics metrics, TimeProvider time)
{
    public async Task<EventPlan> RunAsync(PlanCommand command, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var violations = PlanRequestRules.Check(command.EventId, command.WarehouseIds);
        RequestRules.NotInFuture(violations, command.AsOf, now, "as_of");
        violations.AddRange(command.WhatIf.Validate("assumptions"));
        RequestRules.ThrowIfAny(violations);

        var asOf = command.AsOf is { } given ? RequestRules.WholeSeconds(given) : now;
        using var calculationSlot = await calculationGate.EnterAsync(cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var (connection, source) = await reads.OpenWithSourceAsync(cancellationToken);
        await using var _ = connection;
        var loaded = await EventPlanLoader.LoadAsync(
            connection, null, source,
            new PlanRequest(command.EventId, command.WarehouseIds, command.Phase, asOf, command.WhatIf),
            cancellationToken);
        var plan = NetworkPlanner.Plan(loaded.Targets);
        metrics.RecordCalculation(Stopwatch.GetElapsedTime(started));
        return new EventPlan(loaded.Event, loaded.Phase, loaded.Parameters, asOf, plan, command.WhatIf);
    }
}

/// <summary>The input checks both plan use cases share.</summary>
public static class PlanRequestRules
{
    public static List<FieldViolation> Check(int eventId, IReadOnlyList<int> warehouseIds)
    {
        var violations = new List<FieldViolation>();
        RequestRules.Positive(violations, eventId, "event_id");
        for (var i = 0; i < warehouseIds.Count; i++)
        {
            RequestRules.Positive(violations, warehouseIds[i], $"warehouse_ids[{i}]");
        }

        return violations;
    }
}
