using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.NeedsLists;

/// <summary>A line's adjustment as stored: the validated change, who made it and the split it re-ran to.</summary>
public sealed record LineAdjustmentState(LineAdjustment Adjustment, LineSplit Split);

/// <summary>
/// A stored needs-list line as the aggregate decides on it: the calculated gap and split, the adjustment
/// (null when none), the item's unit value (null when unknown) and how far it has been delivered.
/// </summary>
public sealed record NeedsListItem(
    int LineId,
    int ItemId,
    decimal GapQty,
    LineSplit Calculated,
    LineAdjustmentState? Adjusted,
    decimal? UnitValue,
    decimal FulfilledQty,
    FulfillmentStatus FulfillmentStatus)
{
    /// <summary>What is asked for: the adjusted quantity when adjusted, else the gap.</summary>
    public decimal TargetQty => LineFulfilment.TargetQty(GapQty, Adjusted?.Adjustment.Quantity);

    /// <summary>The split the list holds at sources and pledges, transfers and procurement come from.</summary>
    public LineSplit Held => Adjusted?.Split ?? Calculated;
}
