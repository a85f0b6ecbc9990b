using System.Runtime.InteropServices;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.Warnings;

namespace Dmis.Replenishment.Domain.NeedsLists;

/// <summary>
/// SPEC section 3 for one target warehouse and all its items: statuses, lines with the
/// three-horizon waterfall, header totals and warnings. Pure and O(items + source rows).
/// </summary>
public static class NeedsListCalculator
{
    /// <summary>Both steps at once: <see cref="Evaluate"/>, then <see cref="Complete"/>.</summary>
    /// <exception cref="DomainValidationException">The input breaks a rule (see <see cref="CalculationInputValidator"/>).</exception>
    public static CalculationResult Calculate(CalculationInput input) => Complete(input, Evaluate(input));

    /// <summary>
    /// Step 1: every item's status at the target (each item evaluated once per calculation). Needs the
    /// target's items only; its <see cref="TargetEvaluation.GapItemIds"/> say which items the waterfall
    /// needs sources and pledges for.
    /// </summary>
    /// <exception cref="DomainValidationException">Parameters, lead times or items break a rule.</exception>
    public static TargetEvaluation Evaluate(CalculationInput input)
    {
        ThrowIfAny(CalculationInputValidator.ValidateTarget(input));
        var freshness = FreshnessRules.Assess(input.Warehouse.LastSyncDtime, input.AsOf, input.Parameters);
        var items = new CalculatedItem[input.Items.Count];
        var gapItemIds = new List<int>();
        for (var i = 0; i < items.Length; i++)
        {
            var item = input.Items[i];
            var status = StockStatusCalculator.Evaluate(item.Figures, freshness.CalculationLevel, input.Parameters, input.AsOf);
            items[i] = new CalculatedItem(item, status);
            if (status.HasGap)
            {
                gapItemIds.Add(item.ItemId);
            }
        }

        return new TargetEvaluation(freshness, items, gapItemIds);
    }

    /// <summary>
    /// Step 2: the lines of the items with a gap, with the three-horizon waterfall over the input's
    /// sources and pledges, and the header. <paramref name="evaluation"/> is <see cref="Evaluate"/>'s
    /// answer for the same target items.
    /// </summary>
    /// <exception cref="DomainValidationException">Sources, their stock or pledges break a rule.</exception>
    public static CalculationResult Complete(CalculationInput input, TargetEvaluation evaluation)
    {
        ThrowIfAny(CalculationInputValidator.ValidateSupply(input));
        var items = evaluation.Items;
        var gapCount = evaluation.GapItemIds.Count;

        var headerWarnings = TargetWarnings(input.Warehouse, evaluation.Freshness);
        var lines = new List<CalculatedLine>(gapCount);
        if (gapCount > 0)
        {
            var itemIndex = new Dictionary<int, int>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                itemIndex.Add(items[i].Item.ItemId, i);
            }

            var sources = EligibleSources(input, headerWarnings);
            var candidates = CollectCandidates(input, items, itemIndex, sources);
            var pledges = PledgesByItem(input, items, itemIndex);
            foreach (var item in items)
            {
                if (item.Status.HasGap)
                {
                    lines.Add(BuildLine(
                        input,
                        item,
                        candidates.TryGetValue(item.Item.ItemId, out var found) ? CollectionsMarshal.AsSpan(found) : [],
                        pledges.TryGetValue(item.Item.ItemId, out var drawable) ? CollectionsMarshal.AsSpan(drawable) : []));
                }
            }
        }

        return Assemble(input, evaluation, lines, headerWarnings);
    }

    /// <summary>
    /// The result from its lines (any order: sorted here, most urgent first) and the header warnings
    /// gathered so far: totals, counts, and the missing-unit-value warning.
    /// </summary>
    internal static CalculationResult Assemble(
        CalculationInput input, TargetEvaluation evaluation, List<CalculatedLine> lines, List<CalculationWarning> headerWarnings)
    {
        lines.Sort(CompareByUrgency);
        var totalGap = 0m;
        var totalValue = 0m;
        var withoutUnitValue = 0;
        foreach (var line in lines)
        {
            totalGap += line.Status.GapQty;
            if (line.EstimatedValue is { } value)
            {
                totalValue += value;
            }
            else
            {
                withoutUnitValue++;
            }
        }

        if (withoutUnitValue > 0)
        {
            headerWarnings.Add(CalculationWarnings.UnitValueMissing(withoutUnitValue));
        }

        var items = evaluation.Items;
        var header = new CalculationHeader(
            input.AsOf,
            input.Phase,
            input.Parameters,
            input.Warehouse,
            evaluation.Freshness,
            TotalGapQty: Rounding.Quantity(totalGap),
            TotalEstimatedValue: Rounding.Quantity(totalValue),
            ItemsEvaluated: items.Count,
            SufficientCoverageCount: items.Count - evaluation.GapItemIds.Count,
            headerWarnings);
        return new CalculationResult(header, items, lines);
    }

    internal static void ThrowIfAny(IReadOnlyList<FieldViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }
    }

    internal static List<CalculationWarning> TargetWarnings(TargetWarehouse target, FreshnessAssessment freshness)
    {
        var warnings = new List<CalculationWarning>();
        if (freshness.NeverSynced)
        {
            warnings.Add(CalculationWarnings.NeverSynced(target.WarehouseId, target.WarehouseName));
        }
        else if (freshness.Level != FreshnessLevel.High)
        {
            warnings.Add(CalculationWarnings.StaleData(target.WarehouseId, target.WarehouseName, freshness.AgeHours ?? 0m));
        }

        if (!target.IsActive)
        {
            warnings.Add(CalculationWarnings.WarehouseInactive(target.WarehouseId, target.WarehouseName));
        }

        return warnings;
    }

    /// <summary>A source a target may draw on: its freshness (for its own need) and its lead time to that target.</summary>
    internal readonly record struct EligibleSource(SourceWarehouse Warehouse, FreshnessLevel Freshness, int LeadTimeHours);

    /// <summary>The sources that may give stock; active sources left out for their data are reported.</summary>
    internal static Dictionary<int, EligibleSource> EligibleSources(CalculationInput input, List<CalculationWarning> headerWarnings)
    {
        var eligible = new Dictionary<int, EligibleSource>(input.Sources.Count);
        foreach (var source in input.Sources)
        {
            var freshness = FreshnessRules.Assess(source.LastSyncDtime, input.AsOf, input.Parameters);
            var exclusion = SourceEligibility.Check(
                source.WarehouseId, input.Warehouse.WarehouseId, source.IsActive, freshness.Level);
            switch (exclusion)
            {
                case SourceExclusion.None:
                    var leadTime = source.LeadTimeHours(input.LeadTimes);
                    eligible.Add(source.WarehouseId, new EligibleSource(source, freshness.Level, leadTime));
                    break;
                case SourceExclusion.StaleData:
                    headerWarnings.Add(CalculationWarnings.SourceStale(source.WarehouseId, source.WarehouseName, freshness.AgeHours ?? 0m));
                    break;
                case SourceExclusion.NeverSynced:
                    headerWarnings.Add(CalculationWarnings.SourceNeverSynced(source.WarehouseId, source.WarehouseName));
                    break;
            }
        }

        return eligible;
    }

    /// <summary>
    /// Transferable surplus per eligible source, for the items that have a gap. Each
    /// (source, item) surplus is used by that item's line only, so no cross-item bookkeeping.
    /// </summary>
    private static Dictionary<int, List<TransferCandidate>> CollectCandidates(
        CalculationInput input,
        IReadOnlyList<CalculatedItem> items,
        Dictionary<int, int> itemIndex,
        Dictionary<int, EligibleSource> sources)
    {
        var candidates = new Dictionary<int, List<TransferCandidate>>();
        if (sources.Count == 0)
        {
            return candidates;
        }

        var parameters = input.Parameters;
        foreach (var stock in input.SourceStock)
        {
            if (!sources.TryGetValue(stock.WarehouseId, out var source)
                || !itemIndex.TryGetValue(stock.ItemId, out var index)
                || !items[index].Status.HasGap)
            {
                continue;
            }

            var item = items[index].Item;
            var minThreshold = TransferableSurplus.EffectiveMinimumThreshold(item.MinStockThreshold, source.Warehouse.MinStockThreshold);
            if (stock.AvailableQty - stock.ReservedQty - minThreshold - stock.AllocatedOpenQty <= 0m)
            {
                continue; // Nothing above the threshold: its own need cannot make that more.
            }

            var transferable = TransferableSurplus.ForSource(stock, item, minThreshold, source.Freshness, parameters, input.AsOf);
            if (transferable <= 0m)
            {
                continue;
            }

            if (!candidates.TryGetValue(stock.ItemId, out var list))
            {
                list = new List<TransferCandidate>(sources.Count);
                candidates.Add(stock.ItemId, list);
            }
            else if (ContainsWarehouse(list, stock.WarehouseId))
            {
                throw new DomainValidationException(
                [
                    new FieldViolation(
                        "source_stock",
                        $"warehouse {stock.WarehouseId}, item {stock.ItemId} is listed more than once"),
                ]);
            }

            list.Add(new TransferCandidate(
                stock.WarehouseId, source.Warehouse.WarehouseName, source.LeadTimeHours, transferable));
        }

        return candidates;
    }

    private static bool ContainsWarehouse(List<TransferCandidate> list, int warehouseId)
    {
        foreach (var candidate in list)
        {
            if (candidate.WarehouseId == warehouseId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Each gap item's pledges with what they have left; pledges with nothing left are dropped.</summary>
    private static Dictionary<int, List<PledgeCandidate>> PledgesByItem(
        CalculationInput input, IReadOnlyList<CalculatedItem> items, Dictionary<int, int> itemIndex)
    {
        var pledges = new Dictionary<int, List<PledgeCandidate>>();
        foreach (var pledge in input.Pledges)
        {
            var available = PledgeCandidate.Available(pledge.PledgedQty, pledge.DrawnOpenQty);
            if (available <= 0m || !itemIndex.TryGetValue(pledge.ItemId, out var index) || !items[index].Status.HasGap)
            {
                continue;
            }

            if (!pledges.TryGetValue(pledge.ItemId, out var list))
            {
                list = [];
                pledges.Add(pledge.ItemId, list);
            }

            list.Add(new PledgeCandidate(pledge.DonationId, pledge.Description, pledge.PledgedOn, available));
        }

        return pledges;
    }

    /// <summary>A line of <paramref name="calculated"/> (an item with a gap): its waterfall over <paramref name="candidates"/> and <paramref name="pledges"/> (sorted in place), and its warnings.</summary>
    internal static CalculatedLine BuildLine(
        CalculationInput input,
        CalculatedItem calculated,
        Span<TransferCandidate> candidates,
        Span<PledgeCandidate> pledges)
    {
        var (item, status) = calculated;
        var warehouseId = input.Warehouse.WarehouseId;
        var projectedStockout = status.TimeToStockoutHours is { } hours ? Hours.After(input.AsOf, hours) : null;
        var plan = HorizonWaterfall.PlanInPlace(
            status.GapQty,
            candidates,
            pledges,
            input.LeadTimes,
            input.AsOf,
            projectedStockout);

        List<CalculationWarning>? warnings = null;
        var label = item.Label;
        if (status.IsStockedOut && status.HasDemand)
        {
            (warnings ??= []).Add(CalculationWarnings.StockedOut(
                item.ItemId, label, warehouseId, input.Parameters.DemandWindowHours, status.Burn.StockedOutWindowEnd));
        }

        if (status.IsBurnRateEstimated)
        {
            (warnings ??= []).Add(CalculationWarnings.EstimatedBurnRate(item.ItemId, label, warehouseId, status.IsStockedOut));
        }

        if (plan.StockoutBeforeArrival && projectedStockout is { } stockout && plan.EarliestArrival is { } arrival)
        {
            (warnings ??= []).Add(CalculationWarnings.StockoutBeforeArrival(item.ItemId, label, warehouseId, stockout, arrival));
        }

        if (!plan.HorizonA.HasQty)
        {
            (warnings ??= []).Add(CalculationWarnings.NoTransferSource(item.ItemId, label, warehouseId));
        }

        return new CalculatedLine(
            item,
            status,
            projectedStockout,
            plan.HorizonA,
            plan.HorizonB,
            plan.HorizonC,
            plan.MainSourceWarehouseId,
            plan.StockoutBeforeArrival,
            EstimatedValue: item.UnitValue is { } unitValue ? Rounding.Quantity(status.GapQty * unitValue) : null,
            Warnings: warnings is null ? [] : warnings);
    }

    /// <summary>
    /// Most urgent first (SPEC 3, line order): severity, then sooner stockout (no demand last), then the
    /// item's criticality (CRITICAL, HIGH, NORMAL, LOW), then item id.
    /// </summary>
    public static int CompareByUrgency(CalculatedLine x, CalculatedLine y)
    {
        var byUrgency = CompareUrgency(x.Status, x.Item, y.Status, y.Item);
        return byUrgency != 0 ? byUrgency : x.Item.ItemId.CompareTo(y.Item.ItemId);
    }

    /// <summary>Severity, then sooner stockout (no demand last), then the item's criticality; 0 when equally urgent.</summary>
    public static int CompareUrgency(StockStatus x, ItemInput xItem, StockStatus y, ItemInput yItem)
    {
        // Enum.CompareTo boxes both values; a sort of thousands of lines calls this ~60,000 times.
        var bySeverity = ((int)x.Severity).CompareTo((int)y.Severity);
        if (bySeverity != 0)
        {
            return bySeverity;
        }

        var byStockout = (x.TimeToStockoutHours ?? decimal.MaxValue).CompareTo(y.TimeToStockoutHours ?? decimal.MaxValue);
        return byStockout != 0 ? byStockout : ((int)xItem.CriticalityLevel).CompareTo((int)yItem.CriticalityLevel);
    }
}
