namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>
/// What a source warehouse can give of an item and the figures that decide it (SPEC horizon A): it keeps
/// <see cref="FloorQty"/> (the larger of its effective minimum threshold and its own required quantity) and
/// what open needs lists already hold there (<see cref="HeldQty"/>); the rest is <see cref="TransferableQty"/>.
/// </summary>
public sealed record SourceAssessment(
    decimal UsableQty, decimal MinThresholdQty, decimal OwnRequiredQty, decimal HeldQty, decimal TransferableQty)
{
    /// <summary>What the source keeps for itself: max(threshold, own required).</summary>
    public decimal FloorQty => Math.Max(MinThresholdQty, OwnRequiredQty);

    /// <summary>What it could give were no open list holding any of it: max(0, usable - floor).</summary>
    public decimal SurplusQty => Math.Max(0m, UsableQty - FloorQty);

    public static SourceAssessment Of(decimal usableQty, decimal minThresholdQty, decimal ownRequiredQty, decimal heldQty) =>
        new(usableQty, minThresholdQty, ownRequiredQty, heldQty,
            TransferableSurplus.Calculate(usableQty, minThresholdQty, ownRequiredQty, heldQty));
}
