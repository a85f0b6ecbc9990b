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
}
