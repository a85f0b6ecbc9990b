namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>
/// One horizon of a line. A horizon with no quantity has no lead time and no arrival.
/// <see cref="Sources"/> is the horizon-A split in allocation order (empty for B and C).
/// </summary>
public sealed record HorizonPlan(
    decimal Qty,
    int? LeadTimeHours,
    DateTime? ExpectedArrival,
    bool ArrivesAfterStockout,
    IReadOnlyList<TransferAllocation> Sources)
{
    public static readonly HorizonPlan Empty = new(0m, null, null, false, []);

    public bool HasQty => Qty > 0m;
}
