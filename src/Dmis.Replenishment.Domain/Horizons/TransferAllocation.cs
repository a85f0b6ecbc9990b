namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>One source warehouse's share of a line's horizon A.</summary>
public sealed record TransferAllocation(
    int WarehouseId,
    string WarehouseName,
    decimal Qty,
    int LeadTimeHours,
    DateTime ExpectedArrival);
