using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>
/// SPEC horizon A: what a source warehouse can give of an item without going below its
/// safety stock or its own needs.
/// </summary>
public static class TransferableSurplus
{
    /// <summary>The item's minimum threshold when &gt; 0, else the warehouse's.</summary>
    public static decimal EffectiveMinimumThreshold(decimal itemMinThreshold, decimal warehouseMinThreshold) =>
        itemMinThreshold > 0m ? itemMinThreshold : warehouseMinThreshold;

    /// <summary>
    /// max(0, usable - max(effective minimum threshold, own required qty)) less what open
    /// needs lists already allocated from this source for the item; never below 0.
    /// </summary>
    public static decimal Calculate(
        decimal usableQty, decimal effectiveMinThreshold, decimal ownRequiredQty, decimal allocatedOpenQty)
    {
        var keep = Math.Max(effectiveMinThreshold, ownRequiredQty);
        var surplus = Math.Max(0m, usableQty - keep);
        return Rounding.Quantity(surplus - allocatedOpenQty);
    }

    /// <summary>
    /// What <paramref name="stock"/>'s warehouse can give of <paramref name="item"/>: its own need is measured by
    /// the same burn-rate rules as any warehouse's (a stocked-out source has nothing to give whatever its need).
    /// </summary>
    public static decimal ForSource(
        SourceItemStock stock, ItemInput item, decimal effectiveMinThreshold, FreshnessLevel sourceFreshness,
        PhaseParameters parameters, DateTime asOf) =>
        Assess(stock, item, effectiveMinThreshold, sourceFreshness, parameters, asOf).TransferableQty;

    /// <summary>
    /// <see cref="ForSource"/> with the figures it is decided on (usable, threshold, own need, open allocations),
    /// so an explanation shows the numbers the calculation used.
    /// </summary>
    public static SourceAssessment Assess(
        SourceItemStock stock, ItemInput item, decimal effectiveMinThreshold, FreshnessLevel sourceFreshness,
        PhaseParameters parameters, DateTime asOf)
    {
        var usable = StockFormulas.UsableQty(stock.AvailableQty, stock.ReservedQty);
        var ownBurn = BurnRateRules.Calculate(
            new DemandFigures(stock.FulfilledQtyInWindow, 0, null), usable, parameters.DemandWindowHours, sourceFreshness,
            item.BaselineBurnRate, asOf);
        return SourceAssessment.Of(usable, effectiveMinThreshold, StockFormulas.RequiredQty(ownBurn.Rate, parameters), stock.AllocatedOpenQty);
    }
}
