using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Planning;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.EventPhases;
using Npgsql;

namespace Dmis.Replenishment.Server.Application.NeedsLists;

/// <summary>One calculation to load: event, target warehouse, optional phase override, moment (UTC, whole seconds), what-if assumptions (null: none).</summary>
public sealed record CalculationRequest(int EventId, int WarehouseId, EventPhase? Phase, DateTime AsOf, WhatIfAssumptions? WhatIf = null);

/// <summary>A loaded calculation: the event (for its name), the Domain's input and its target's statuses (evaluated once).</summary>
public sealed record LoadedCalculation(CalculationEvent Event, CalculationInput Input, TargetEvaluation Evaluation)
{
    /// <summary>The needs list: the waterfall over the loaded sources and pledges.</summary>
    public CalculationResult Calculate() => NeedsListCalculator.Complete(Input, Evaluation);
}

/// <summary>
/// Builds a <see cref="CalculationInput"/> from the database in at most FIVE round trips, three
/// one after another, whatever the number of items or warehouses:
/// <list type="number">
/// <item>context: event, target, candidate sources with route lead times, phase configs, default lead times;</item>
/// <item>every active item at the target: stock and demand in the window (figures only: thousands of
/// items are evaluated, few become lines); and beside it, on a second connection, their confirmed
/// inbound by source, which needs neither phase nor window;</item>
/// <item>only when some item has a gap, for those items: stock, own demand and open allocations at the
/// eligible sources, and the event's pledges with what open lists drew from them (inside a generate's
/// transaction, under the shared pledge lock); and beside it, on a second connection, unit values and labels.</item>
/// </list>
/// Stocked-out items' demand before their last dispatch (SPEC 3.3) comes with round trip 2.
/// The side reads run outside the caller's transaction: they see committed data, as every statement
/// of a READ COMMITTED transaction does.
/// The rules stay in the Domain: <see cref="NeedsListCalculator.Evaluate"/> (each item once) decides
/// which items round trip 3 asks for, source eligibility which sources; the waterfall is
/// <see cref="LoadedCalculation.Calculate"/>.
/// </summary>
public static class CalculationInputLoader
{
    /// <param name="connection">The caller's connection (and <paramref name="transaction"/>): every read but the inbound.</param>
    /// <param name="sideConnections">Where the side reads of round trips 2 and 3 take their own connection.</param>
    public static async Task<LoadedCalculation> LoadAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        NpgsqlDataSource sideConnections,
        CalculationRequest request,
        CancellationToken cancellationToken)
    {
        var (eventId, warehouseId, phaseOverride, asOf, whatIf) = request;
        whatIf ??= WhatIfAssumptions.None;
        var context = await CalculationReader.LoadContextAsync(connection, transaction, eventId, warehouseId, asOf, cancellationToken);
        var calculationEvent = EnsureEventOpen(context.Event, eventId);
        var target = context.Warehouse ?? throw new NotFoundException("warehouse", warehouseId);
        if (!target.IsActive)
        {
            throw new PreconditionFailedException(
                $"warehouse {warehouseId} ({target.WarehouseName}) is inactive: it has no needs list");
        }

        var phase = phaseOverride ?? EventPhaseWords.Parse(calculationEvent.CurrentPhase);
        var parameters = ParametersFor(eventId, phase, context.PhaseConfigs);
        var leadTimes = LeadTimesFrom(context.DefaultLeadTimes);
        var demandWindow = DemandWindow.Ending(asOf, parameters.DemandWindowHours);

        var (items, inbound) = await ReadBesideAsync(
            CalculationReader.LoadTargetItemsAsync(connection, transaction, eventId, warehouseId, demandWindow, cancellationToken),
            sideConnections,
            side => CalculationReader.LoadInboundAsync(side, null, [warehouseId], ItemSelection.All, cancellationToken),
            cancellationToken);
        var input = whatIf.ForTarget(new CalculationInput
        {
            AsOf = asOf,
            Phase = phase,
            Parameters = parameters,
            Warehouse = target,
            Items = items.Select(item => inbound.AddTo(warehouseId, item)).ToList(),
            Sources = context.Sources,
            LeadTimes = leadTimes,
        });

        var evaluation = NeedsListCalculator.Evaluate(input);
        var gapItems = evaluation.GapItemIds;
        if (gapItems.Count == 0)
        {
            return new LoadedCalculation(calculationEvent, input, evaluation);
        }

        var eligibleSources = input.Sources
            .Where(source => SourceEligibility.IsEligible(
                source.WarehouseId, warehouseId, source.IsActive,
                FreshnessRules.Assess(source.LastSyncDtime, asOf, parameters).Level))
            .Select(source => source.WarehouseId)
            .ToList();
        var ((sourceStock, pledges), details) = await ReadBesideAsync(
            CalculationReader.LoadSupplyAsync(
                connection, transaction, eventId, eligibleSources, gapItems,
                NeedsListStateMachine.HoldingAllocations.Select(status => status.ToWord()).ToList(),
                demandWindow, cancellationToken),
            sideConnections,
            side => CalculationReader.LoadItemDetailsAsync(side, null, warehouseId, gapItems, cancellationToken),
            cancellationToken);

        var (detailedItems, detailedEvaluation) = WithDetails(input, evaluation, details);
        var detailed = input with
        {
            Items = detailedItems,
            SourceStock = whatIf.ForSupply(sourceStock),
            Pledges = pledges,
        };
        return new LoadedCalculation(calculationEvent, detailed, detailedEvaluation);
    }

    /// <summary>
    /// The input's items with their details, and the evaluation over them. Labels and unit values change no
    /// status: the evaluation stands for the detailed items too. <see cref="NeedsListCalculator.Evaluate"/>
    /// answers item i for input item i, so each item is detailed once and only a detailed one is copied.
    /// </summary>
    internal static (List<ItemInput> Items, TargetEvaluation Evaluation) WithDetails(
        CalculationInput input, TargetEvaluation evaluation, ItemDetails details)
    {
        var items = new List<ItemInput>(input.Items.Count);
        var calculated = new List<CalculatedItem>(evaluation.Items.Count);
        for (var i = 0; i < input.Items.Count; i++)
        {
            var item = input.Items[i];
            var detailed = WithDetails(item, details);
            items.Add(detailed);
            var evaluated = evaluation.Items[i];
            calculated.Add(ReferenceEquals(detailed, item) ? evaluated : evaluated with { Item = detailed });
        }

        return (items, evaluation with { Items = calculated });
    }

    /// <summary>Waits for <paramref name="mainRead"/> (already running on the caller's connection) and <paramref name="sideRead"/>, run meanwhile on a connection of its own.</summary>
    internal static async Task<(TMain Main, TSide Side)> ReadBesideAsync<TMain, TSide>(
        Task<TMain> mainRead,
        NpgsqlDataSource sideConnections,
        Func<NpgsqlConnection, Task<TSide>> sideRead,
        CancellationToken cancellationToken)
    {
        var besideRead = ReadOnSideAsync(sideConnections, sideRead, cancellationToken);
        await Task.WhenAll(mainRead, besideRead);
        return (await mainRead, await besideRead);
    }

    private static async Task<T> ReadOnSideAsync<T>(
        NpgsqlDataSource sideConnections, Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var side = await sideConnections.OpenConnectionAsync(cancellationToken);
        return await read(side);
    }

    /// <summary>A gap item's labels and unit value (the average of its active batches, to the cent).</summary>
    internal static ItemInput WithDetails(ItemInput item, ItemDetails details)
    {
        if (details.Labels.TryGetValue(item.ItemId, out var label))
        {
            item = item with
            {
                ItemCode = label.ItemCode,
                ItemName = label.ItemName,
                UomCode = label.UomCode,
                Criticality = label.Criticality,
            };
        }

        return details.UnitValues.TryGetValue(item.ItemId, out var value) ? item with { UnitValue = Rounding.Quantity(value) } : item;
    }

    public static CalculationEvent EnsureEventOpen(CalculationEvent? calculationEvent, int eventId)
    {
        if (calculationEvent is null)
        {
            throw new NotFoundException("event", eventId);
        }

        if (!calculationEvent.IsActive)
        {
            throw new PreconditionFailedException(
                $"event {eventId} ({calculationEvent.EventName}) is closed: nothing is calculated for it any more");
        }

        return calculationEvent;
    }

    /// <summary>The event's active configuration of the phase, else the SPEC defaults; a configuration the Domain refuses is a precondition failure.</summary>
    public static PhaseParameters ParametersFor(int eventId, EventPhase phase, IReadOnlyList<PhaseConfigRow> configs)
    {
        var row = configs.FirstOrDefault(config => config.IsActive && EventPhaseWords.TryParse(config.Phase, out var p) && p == phase);
        var parameters = row is null ? PhaseParameters.DefaultFor(phase) : PhaseConfiguration.From(row).Parameters;
        var violations = parameters.Validate();
        if (violations.Count > 0)
        {
            throw new PreconditionFailedException(
                $"the {phase.ToWord()} configuration of event {eventId} is not usable ({string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"))}); fix it with UpsertPhaseConfig");
        }

        return parameters;
    }

    internal static HorizonLeadTimes LeadTimesFrom(IReadOnlyList<DefaultLeadTime> defaults)
    {
        int Hours(string horizon, int fallback) =>
            defaults.FirstOrDefault(row => row.Horizon.Trim() == horizon)?.LeadTimeHours ?? fallback;

        var fallback = HorizonLeadTimes.Defaults;
        return new HorizonLeadTimes(
            Hours("A", fallback.HorizonAHours), Hours("B", fallback.HorizonBHours), Hours("C", fallback.HorizonCHours));
    }

}
