using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Warnings;

namespace Dmis.Replenishment.Domain.Planning;

/// <summary>
/// SPEC 9, the network plan: every target warehouse's lines at once, with the scarce transferable
/// surplus and pledges shared among them jointly instead of going to whichever calculation claims
/// them first. A priority greedy, pure and deterministic:
/// <list type="number">
/// <item>Pools. Per (source, item): what the source can give, as a single calculation sees it
/// (<see cref="TransferableSurplus.ForSource"/>: usable stock above the larger of its effective minimum
/// threshold and its own required quantity, less what open lists already hold). Per pledge line: its
/// quantity less what open lists drew. Each pool is measured once for the whole network.</item>
/// <item>Claims. Every line (an item with a gap at a target) of every target, most urgent first:
/// severity, time to stockout (no demand last), the item's criticality, then warehouse id and item id,
/// so no two claims tie.</item>
/// <item>Each claim in turn runs the usual waterfall (<see cref="HorizonWaterfall"/>) over what the pools
/// still hold: transfer sources eligible for ITS target (never itself, never inactive, LOW or never
/// synced) by its route lead time, then larger remaining surplus, then id; then pledges oldest first,
/// then id; C takes the rest. What it takes leaves the pools at once.</item>
/// </list>
/// So a source never goes below its floor (a pool starts above it and only shrinks), no unit is
/// promised twice (to a later claim the pool holds only the rest), and a less urgent line never takes
/// what a more urgent one elsewhere needed. Quantities stay exact decimals of 2 places: the waterfall
/// takes rounded shares and the pools subtract them exactly. A target on its own gets the same lines
/// as its preview.
/// </summary>
public static class NetworkPlanner
{
    /// <exception cref="DomainValidationException">A target's input breaks a rule, or a warehouse is a target twice.</exception>
    public static NetworkPlan Plan(IReadOnlyList<PlanTarget> targets)
    {
        if (targets.Count == 0)
        {
            return new NetworkPlan([], [], [], Totals([]));
        }

        var states = Prepare(targets);
        var transfers = new TransferPool(targets, states);
        var pledges = new PledgePool(targets);

        var plannedTransfers = new List<PlannedTransfer>();
        var stockouts = new List<UnpreventedStockout>();
        foreach (var claim in Claims(targets))
        {
            var state = states[claim.TargetIndex];
            var input = targets[claim.TargetIndex].Input;
            var itemId = claim.Item.Item.ItemId;
            var line = NeedsListCalculator.BuildLine(
                input, claim.Item, transfers.CandidatesFor(itemId, claim.Item.Item, state.Sources), pledges.CandidatesFor(itemId));
            transfers.Take(itemId, line.HorizonA.Sources);
            pledges.Take(itemId, line.HorizonB.Pledges);
            state.Lines.Add(line);

            var target = input.Warehouse;
            foreach (var source in line.HorizonA.Sources)
            {
                plannedTransfers.Add(new PlannedTransfer(
                    source.WarehouseId, source.WarehouseName, target.WarehouseId, target.WarehouseName,
                    line.Item, source.Qty, source.LeadTimeHours, source.ExpectedArrival));
            }

            if (line.StockoutBeforeArrival && line.ProjectedStockout is { } stockout)
            {
                stockouts.Add(new UnpreventedStockout(
                    target.WarehouseId, target.WarehouseName, line.Item, line.Status.Severity, stockout, EarliestArrival(line)));
            }
        }

        var results = new List<CalculationResult>(targets.Count);
        for (var i = 0; i < targets.Count; i++)
        {
            results.Add(NeedsListCalculator.Assemble(targets[i].Input, targets[i].Evaluation, states[i].Lines, states[i].Warnings));
        }

        return new NetworkPlan(results, plannedTransfers, stockouts, Totals(results));
    }

    /// <summary>
    /// The network's order of claims (SPEC 3, line order, across warehouses): severity, sooner stockout
    /// (no demand last), the item's criticality, then warehouse id, then item id.
    /// </summary>
    public static int CompareClaims(int xWarehouseId, CalculatedItem x, int yWarehouseId, CalculatedItem y)
    {
        var byUrgency = NeedsListCalculator.CompareUrgency(x.Status, x.Item, y.Status, y.Item);
        if (byUrgency != 0)
        {
            return byUrgency;
        }

        var byWarehouse = xWarehouseId.CompareTo(yWarehouseId);
        return byWarehouse != 0 ? byWarehouse : x.Item.ItemId.CompareTo(y.Item.ItemId);
    }

    /// <summary>What each target's calculation gathers before its lines: header warnings and its eligible sources.</summary>
    private sealed record TargetState(
        List<CalculationWarning> Warnings,
        Dictionary<int, NeedsListCalculator.EligibleSource> Sources,
        List<CalculatedLine> Lines);

    private static TargetState[] Prepare(IReadOnlyList<PlanTarget> targets)
    {
        // The network's supply is one set, the first target's (every target carries the same lists).
        NeedsListCalculator.ThrowIfAny(CalculationInputValidator.ValidateStockAndPledges(targets[0].Input));
        var seen = new HashSet<int>();
        var states = new TargetState[targets.Count];
        for (var i = 0; i < targets.Count; i++)
        {
            var (input, evaluation) = targets[i];
            NeedsListCalculator.ThrowIfAny(CalculationInputValidator.ValidateSources(input));

            if (!seen.Add(input.Warehouse.WarehouseId))
            {
                throw new DomainValidationException(
                    $"targets[{i}].warehouse_id", $"warehouse {input.Warehouse.WarehouseId} is a target more than once");
            }

            var warnings = NeedsListCalculator.TargetWarnings(input.Warehouse, evaluation.Freshness);
            states[i] = new TargetState(
                warnings, NeedsListCalculator.EligibleSources(input, warnings), new List<CalculatedLine>(evaluation.GapItemIds.Count));
        }

        return states;
    }

    private readonly record struct Claim(int TargetIndex, int WarehouseId, CalculatedItem Item);

    private static List<Claim> Claims(IReadOnlyList<PlanTarget> targets)
    {
        var claims = new List<Claim>();
        for (var i = 0; i < targets.Count; i++)
        {
            foreach (var item in targets[i].Evaluation.Items)
            {
                if (item.Status.HasGap)
                {
                    claims.Add(new Claim(i, targets[i].Input.Warehouse.WarehouseId, item));
                }
            }
        }

        claims.Sort((x, y) => CompareClaims(x.WarehouseId, x.Item, y.WarehouseId, y.Item));
        return claims;
    }

    private static DateTime? EarliestArrival(CalculatedLine line)
    {
        DateTime? earliest = null;
        foreach (var arrival in line.HorizonA.Sources.Select(source => (DateTime?)source.ExpectedArrival)
                     .Append(line.HorizonB.ExpectedArrival)
                     .Append(line.HorizonC.ExpectedArrival))
        {
            if (arrival is { } moment && (earliest is null || moment < earliest))
            {
                earliest = moment;
            }
        }

        return earliest;
    }

    private static PlanTotals Totals(IReadOnlyList<CalculationResult> results)
    {
        decimal gap = 0m, a = 0m, b = 0m, c = 0m, value = 0m;
        var lines = 0;
        var withGap = 0;
        foreach (var result in results)
        {
            gap += result.Header.TotalGapQty;
            value += result.Header.TotalEstimatedValue;
            lines += result.Lines.Count;
            withGap += result.Lines.Count > 0 ? 1 : 0;
            foreach (var line in result.Lines)
            {
                a += line.HorizonA.Qty;
                b += line.HorizonB.Qty;
                c += line.HorizonC.Qty;
            }
        }

        return new PlanTotals(gap, a, b, c, value, withGap, lines);
    }

    /// <summary>
    /// What every (source, item) can still give. A source's pool is measured the first time a claim
    /// asks for its item, with the source's freshness and the claim's item (threshold and baseline are
    /// the item's, the same at every target).
    /// </summary>
    private sealed class TransferPool
    {
        private readonly Dictionary<int, List<SourceItemStock>> stockByItem = [];
        private readonly Dictionary<int, NeedsListCalculator.EligibleSource> networkSources = [];
        private readonly Dictionary<int, Dictionary<int, decimal>> remainingByItem = [];
        private readonly CalculationInput shared;

        public TransferPool(IReadOnlyList<PlanTarget> targets, TargetState[] states)
        {
            shared = targets[0].Input;
            foreach (var state in states)
            {
                foreach (var (id, source) in state.Sources)
                {
                    networkSources.TryAdd(id, source);
                }
            }

            foreach (var stock in shared.SourceStock)
            {
                if (!stockByItem.TryGetValue(stock.ItemId, out var rows))
                {
                    stockByItem.Add(stock.ItemId, rows = []);
                }

                rows.Add(stock);
            }
        }

        public TransferCandidate[] CandidatesFor(
            int itemId, ItemInput item, Dictionary<int, NeedsListCalculator.EligibleSource> targetSources)
        {
            var remaining = Remaining(itemId, item);
            var candidates = new List<TransferCandidate>(remaining.Count);
            foreach (var (warehouseId, qty) in remaining)
            {
                if (qty > 0m && targetSources.TryGetValue(warehouseId, out var source))
                {
                    candidates.Add(new TransferCandidate(warehouseId, source.Warehouse.WarehouseName, source.LeadTimeHours, qty));
                }
            }

            return [.. candidates];
        }

        public void Take(int itemId, IReadOnlyList<TransferAllocation> allocations)
        {
            var remaining = remainingByItem[itemId];
            foreach (var allocation in allocations)
            {
                remaining[allocation.WarehouseId] -= allocation.Qty;
            }
        }

        private Dictionary<int, decimal> Remaining(int itemId, ItemInput item)
        {
            if (remainingByItem.TryGetValue(itemId, out var remaining))
            {
                return remaining;
            }

            remaining = [];
            foreach (var stock in stockByItem.GetValueOrDefault(itemId) ?? [])
            {
                if (!networkSources.TryGetValue(stock.WarehouseId, out var source))
                {
                    continue;
                }

                var threshold = TransferableSurplus.EffectiveMinimumThreshold(item.MinStockThreshold, source.Warehouse.MinStockThreshold);
                var transferable = TransferableSurplus.ForSource(stock, item, threshold, source.Freshness, shared.Parameters, shared.AsOf);
                if (!remaining.TryAdd(stock.WarehouseId, Math.Max(0m, transferable)))
                {
                    throw new DomainValidationException(
                        "source_stock", $"warehouse {stock.WarehouseId}, item {stock.ItemId} is listed more than once");
                }
            }

            remainingByItem.Add(itemId, remaining);
            return remaining;
        }
    }

    /// <summary>What every pledge line can still give: its quantity less what open lists drew, less what earlier claims took.</summary>
    private sealed class PledgePool
    {
        private readonly Dictionary<int, List<(PledgeLine Line, decimal Remaining)>> byItem = [];

        public PledgePool(IReadOnlyList<PlanTarget> targets)
        {
            foreach (var pledge in targets[0].Input.Pledges)
            {
                if (!byItem.TryGetValue(pledge.ItemId, out var lines))
                {
                    byItem.Add(pledge.ItemId, lines = []);
                }

                lines.Add((pledge, PledgeCandidate.Available(pledge.PledgedQty, pledge.DrawnOpenQty)));
            }
        }

        public PledgeCandidate[] CandidatesFor(int itemId)
        {
            var candidates = new List<PledgeCandidate>();
            foreach (var (line, remaining) in byItem.GetValueOrDefault(itemId) ?? [])
            {
                if (remaining > 0m)
                {
                    candidates.Add(new PledgeCandidate(line.DonationId, line.Description, line.PledgedOn, remaining));
                }
            }

            return [.. candidates];
        }

        public void Take(int itemId, IReadOnlyList<PledgeAllocation> allocations)
        {
            if (allocations.Count == 0)
            {
                return;
            }

            var lines = byItem[itemId];
            for (var i = 0; i < lines.Count; i++)
            {
                foreach (var allocation in allocations)
                {
                    if (allocation.DonationId == lines[i].Line.DonationId)
                    {
                        lines[i] = (lines[i].Line, lines[i].Remaining - allocation.Qty);
                    }
                }
            }
        }
    }
}
