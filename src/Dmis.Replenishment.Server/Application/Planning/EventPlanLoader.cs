using System.Runtime.ExceptionServices;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Planning;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Npgsql;

namespace Dmis.Replenishment.Server.Application.Planning;

/// <summary>A network plan to load: event, the warehouses to plan (empty: every active one), optional phase override, moment, assumptions.</summary>
public sealed record PlanRequest(int EventId, IReadOnlyList<int> WarehouseIds, EventPhase? Phase, DateTime AsOf, WhatIfAssumptions WhatIf);

/// <summary>A loaded network: the event, its phase and parameters, and every target ready for <see cref="NetworkPlanner.Plan"/>.</summary>
public sealed record LoadedNetwork(CalculationEvent Event, EventPhase Phase, PhaseParameters Parameters, IReadOnlyList<PlanTarget> Targets);

/// <summary>
/// Builds the network plan's input in three round trips one after another, whatever the number of
/// warehouses (as <see cref="CalculationInputLoader"/> does for one): the context (event, warehouses,
/// routes, configurations); every target's items (figures only) and beside it their confirmed inbound;
/// then, for the items with a gap anywhere, the network's source stock and pledges and beside it the
/// gap positions' labels and unit values. Each target's input shares the one source stock and pledge
/// list; its sources are every other active warehouse with the route's lead time to it.
/// </summary>
public static class EventPlanLoader
{
    public static async Task<LoadedNetwork> LoadAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        NpgsqlDataSource sideConnections,
        PlanRequest request,
        CancellationToken cancellationToken)
    {
        var (eventId, warehouseIds, phaseOverride, asOf, whatIf) = request;
        var context = await CalculationReader.LoadNetworkContextAsync(connection, transaction, eventId, asOf, cancellationToken);
        var calculationEvent = CalculationInputLoader.EnsureEventOpen(context.Event, eventId);
        var phase = phaseOverride ?? EventPhaseWords.Parse(calculationEvent.CurrentPhase);
        var parameters = CalculationInputLoader.ParametersFor(eventId, phase, context.PhaseConfigs);
        var leadTimes = CalculationInputLoader.LeadTimesFrom(context.DefaultLeadTimes);
        var window = DemandWindow.Ending(asOf, parameters.DemandWindowHours);

        var active = context.Warehouses.Where(warehouse => warehouse.IsActive).ToList();
        var targets = Targets(context.Warehouses, warehouseIds);
        var targetIds = targets.Select(target => target.WarehouseId).ToList();
        var (items, inbound) = await CalculationInputLoader.ReadBesideAsync(
            CalculationReader.LoadTargetsItemsAsync(connection, transaction, eventId, targetIds, window, cancellationToken),
            sideConnections,
            side => CalculationReader.LoadInboundAsync(side, null, targetIds, ItemSelection.All, cancellationToken),
            cancellationToken);

        var routes = context.Routes.ToDictionary(route => (route.FromWarehouseId, route.ToWarehouseId), route => route.LeadTimeHours);
        var itemsByWarehouse = items.ToLookup(row => row.WarehouseId, row => inbound.AddTo(row.WarehouseId, row.Item));
        var inputs = new List<CalculationInput>(targets.Count);
        foreach (var target in targets)
        {
            var input = whatIf.ForTarget(new CalculationInput
            {
                AsOf = asOf,
                Phase = phase,
                Parameters = parameters,
                Warehouse = new TargetWarehouse
                {
                    WarehouseId = target.WarehouseId,
                    WarehouseName = target.WarehouseName,
                    LastSyncDtime = target.LastSyncDtime,
                    IsActive = target.IsActive,
                },
                Items = itemsByWarehouse[target.WarehouseId].ToList(),
                Sources = active
                    .Where(source => source.WarehouseId != target.WarehouseId)
                    .Select(source => source with
                    {
                        RouteLeadTimeHours = routes.TryGetValue((source.WarehouseId, target.WarehouseId), out var hours) ? hours : null,
                    })
                    .ToList(),
                LeadTimes = leadTimes,
            });
            inputs.Add(input);
        }

        var evaluations = EvaluateAll(inputs);

        var positions = inputs
            .Zip(evaluations, (input, evaluation) => evaluation.GapItemIds.Select(itemId => (input.Warehouse.WarehouseId, itemId)))
            .SelectMany(gaps => gaps)
            .ToList();
        if (positions.Count == 0)
        {
            return new LoadedNetwork(calculationEvent, phase, parameters, [.. inputs.Zip(evaluations, (i, e) => new PlanTarget(i, e))]);
        }

        var gapItems = positions.Select(position => position.Item2).Distinct().Order().ToList();
        var ((sourceStock, pledges), details) = await CalculationInputLoader.ReadBesideAsync(
            CalculationReader.LoadSupplyAsync(
                connection, transaction, eventId, EligibleSources(inputs, asOf, parameters), gapItems,
                NeedsListStateMachine.HoldingAllocations.Select(status => status.ToWord()).ToList(),
                window, cancellationToken),
            sideConnections,
            side => CalculationReader.LoadPositionDetailsAsync(side, positions, cancellationToken),
            cancellationToken);

        var stock = whatIf.ForSupply(sourceStock);
        var planTargets = new List<PlanTarget>(targets.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            var (input, evaluation) = (inputs[i], evaluations[i]);
            if (!details.TryGetValue(input.Warehouse.WarehouseId, out var found))
            {
                planTargets.Add(new PlanTarget(input with { SourceStock = stock, Pledges = pledges }, evaluation));
                continue;
            }

            var (detailedItems, detailedEvaluation) = CalculationInputLoader.WithDetails(input, evaluation, found);
            planTargets.Add(new PlanTarget(
                input with { Items = detailedItems, SourceStock = stock, Pledges = pledges },
                detailedEvaluation));
        }

        return new LoadedNetwork(calculationEvent, phase, parameters, planTargets);
    }

    /// <summary>
    /// Every target's evaluation, on as many cores as there are: each is pure and stands alone. A failure
    /// is the first failing target's, thrown as itself (not wrapped), as when they run one after another.
    /// </summary>
    private static TargetEvaluation[] EvaluateAll(List<CalculationInput> inputs)
    {
        var evaluations = new TargetEvaluation[inputs.Count];
        var failures = new ExceptionDispatchInfo?[inputs.Count];
        Parallel.For(0, inputs.Count, i =>
        {
            try
            {
                evaluations[i] = NeedsListCalculator.Evaluate(inputs[i]);
            }
            catch (Exception failure)
            {
                failures[i] = ExceptionDispatchInfo.Capture(failure);
            }
        });
        Array.Find(failures, failure => failure is not null)?.Throw();
        return evaluations;
    }

    /// <summary>The asked warehouses (each must exist and be active), else every active one; in id order.</summary>
    private static List<SourceWarehouse> Targets(IReadOnlyList<SourceWarehouse> warehouses, IReadOnlyList<int> asked)
    {
        if (asked.Count == 0)
        {
            return warehouses.Where(warehouse => warehouse.IsActive).ToList();
        }

        var byId = warehouses.ToDictionary(warehouse => warehouse.WarehouseId);
        var targets = new List<SourceWarehouse>(asked.Count);
        foreach (var id in asked.Distinct().Order())
        {
            var warehouse = byId.GetValueOrDefault(id) ?? throw new NotFoundException("warehouse", id);
            if (!warehouse.IsActive)
            {
                throw new PreconditionFailedException($"warehouse {id} ({warehouse.WarehouseName}) is inactive: it has no needs list");
            }

            targets.Add(warehouse);
        }

        return targets;
    }

    /// <summary>Every warehouse some target may draw on (active, data not LOW, not offline), in id order.</summary>
    private static List<int> EligibleSources(IReadOnlyList<CalculationInput> inputs, DateTime asOf, PhaseParameters parameters) =>
        inputs
            .SelectMany(input => input.Sources
                .Where(source => SourceEligibility.IsEligible(
                    source.WarehouseId, input.Warehouse.WarehouseId, source.IsActive,
                    FreshnessRules.Assess(source.LastSyncDtime, asOf, parameters).Level))
                .Select(source => source.WarehouseId))
            .Distinct()
            .Order()
            .ToList();
}
