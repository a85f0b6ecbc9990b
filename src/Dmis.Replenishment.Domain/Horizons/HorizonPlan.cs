namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>
/// One horizon of a line. A horizon with no quantity has no lead time and no arrival.
/// <see cref="Sources"/> is the horizon-A split in allocation order (empty for B and C);
/// <see cref="Pledges"/> the horizon-B split per pledge in drawing order (empty for A and C).
/// </summary>
public sealed record HorizonPlan(
    decimal Qty,
    int? LeadTimeHours,
    DateTime? ExpectedArrival,
    bool ArrivesAfterStockout,
    IReadOnlyList<TransferAllocation> Sources,
    IReadOnlyList<PledgeAllocation> Pledges)
{
    public static readonly HorizonPlan Empty = new(0m, null, null, false, [], []);

    public bool HasQty => Qty > 0m;
}
