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
    /// <exception cref="DomainValidationException">The input breaks a rule (see <see cref="CalculationInputValidator"/>).</exception>
    public static CalculationResult Calculate(CalculationInput input)
    {
        var violations = CalculationInputValidator.Validate(input);
        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        var target = input.Warehouse;
        var freshness = FreshnessRules.Assess(target.LastSyncDtime, input.AsOf, input.Parameters);

        var items = EvaluateItems(input, freshness.CalculationLevel, out var itemIndex, out var gapCount);

        var headerWarnings = TargetWarnings(target, freshness);
        var lines = new List<CalculatedLine>(gapCount);
        if (gapCount > 0)
        {
            var sources = EligibleSources(input, headerWarnings);
            var candidates = CollectCandidates(input, items, itemIndex, sources);
            var pipeline = PipelineByItem(input, items, itemIndex);
            foreach (var item in items)
            {
                if (item.Status.HasGap)
                {
                    lines.Add(BuildLine(input, item, candidates, pipeline));
                }
            }

            lines.Sort(CompareByUrgency);
        }

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

        var header = new CalculationHeader(
            input.AsOf,
            input.Phase,
            input.Parameters,
            target,
            freshness,
            TotalGapQty: Rounding.Quantity(totalGap),
            TotalEstimatedValue: Rounding.Quantity(totalValue),
            ItemsEvaluated: items.Length,
            SufficientCoverageCount: items.Length - gapCount,
            headerWarnings);
        return new CalculationResult(header, items, lines);
    }

    private static CalculatedItem[] EvaluateItems(
        CalculationInput input, FreshnessLevel freshness, out Dictionary<int, int> itemIndex, out int gapCount)
    {
        var items = new CalculatedItem[input.Items.Count];
        itemIndex = new Dictionary<int, int>(items.Length);
        gapCount = 0;
        for (var i = 0; i < items.Length; i++)
        {
            var item = input.Items[i];
            var figures = new StockFigures(
                item.AvailableQty,
                item.ReservedQty,
                new InboundQuantities(item.InboundTransferQty, item.InboundDonationQty, item.InboundProcurementQty),
                item.FulfilledQtyInWindow,
                item.BaselineBurnRate);
            var status = StockStatusCalculator.Evaluate(figures, freshness, input.Parameters);
            items[i] = new CalculatedItem(item, status);
            itemIndex.Add(item.ItemId, i);
            if (status.HasGap)
            {
                gapCount++;
            }
        }

        return items;
    }

    private static List<CalculationWarning> TargetWarnings(TargetWarehouse target, FreshnessAssessment freshness)
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

    private readonly record struct EligibleSource(SourceWarehouse Warehouse, FreshnessLevel Freshness, int LeadTimeHours);

    /// <summary>The sources that may give stock; active sources left out for their data are reported.</summary>
    private static Dictionary<int, EligibleSource> EligibleSources(CalculationInput input, List<CalculationWarning> headerWarnings)
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
                    var leadTime = source.RouteLeadTimeHours ?? input.LeadTimes.HorizonAHours;
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
        CalculatedItem[] items,
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

            var ownBurn = BurnRateRules.Calculate(
                stock.FulfilledQtyInWindow, parameters.DemandWindowHours, source.Freshness, item.BaselineBurnRate);
            var transferable = TransferableSurplus.Calculate(
                StockFormulas.UsableQty(stock.AvailableQty, stock.ReservedQty),
                minThreshold,
                StockFormulas.RequiredQty(ownBurn.Rate, parameters),
                stock.AllocatedOpenQty);
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

    private static Dictionary<int, decimal> PipelineByItem(
        CalculationInput input, CalculatedItem[] items, Dictionary<int, int> itemIndex)
    {
        var pipeline = new Dictionary<int, decimal>();
        foreach (var donation in input.PipelineDonations)
        {
            if (itemIndex.TryGetValue(donation.ItemId, out var index) && items[index].Status.HasGap)
            {
                pipeline[donation.ItemId] = pipeline.GetValueOrDefault(donation.ItemId) + donation.Qty;
            }
        }

        return pipeline;
    }

    private static CalculatedLine BuildLine(
        CalculationInput input,
        CalculatedItem calculated,
        Dictionary<int, List<TransferCandidate>> candidates,
        Dictionary<int, decimal> pipeline)
    {
        var (item, status) = calculated;
        var warehouseId = input.Warehouse.WarehouseId;
        var projectedStockout = status.TimeToStockoutHours is { } hours ? Hours.After(input.AsOf, hours) : null;
        var plan = HorizonWaterfall.PlanInPlace(
            status.GapQty,
            candidates.TryGetValue(item.ItemId, out var found) ? CollectionsMarshal.AsSpan(found) : [],
            pipeline.GetValueOrDefault(item.ItemId),
            input.LeadTimes,
            input.AsOf,
            projectedStockout);

        List<CalculationWarning>? warnings = null;
        var label = item.Label;
        if (status.IsBurnRateEstimated)
        {
            (warnings ??= []).Add(CalculationWarnings.EstimatedBurnRate(item.ItemId, label, warehouseId));
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

    /// <summary>Most urgent first: severity, then sooner stockout (no demand last), then item code, then id.</summary>
    private static int CompareByUrgency(CalculatedLine x, CalculatedLine y)
    {
        var bySeverity = x.Status.Severity.CompareTo(y.Status.Severity);
        if (bySeverity != 0)
        {
            return bySeverity;
        }

        var byStockout = (x.Status.TimeToStockoutHours ?? decimal.MaxValue).CompareTo(y.Status.TimeToStockoutHours ?? decimal.MaxValue);
        if (byStockout != 0)
        {
            return byStockout;
        }

        var byCode = string.CompareOrdinal(x.Item.ItemCode, y.Item.ItemCode);
        return byCode != 0 ? byCode : x.Item.ItemId.CompareTo(y.Item.ItemId);
    }
}
