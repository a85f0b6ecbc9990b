namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>An eligible source warehouse for one item, with its lead time resolved (route, else the horizon-A default).</summary>
public readonly record struct TransferCandidate(
    int WarehouseId,
    string WarehouseName,
    int LeadTimeHours,
    decimal TransferableQty);
