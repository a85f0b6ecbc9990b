using Dmis.Replenishment.Domain.Freshness;

namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>Why a warehouse cannot be a horizon-A transfer source (None: it can).</summary>
public enum SourceExclusion
{
    None,
    IsTarget,
    Inactive,
    StaleData,
    NeverSynced,
}

/// <summary>
/// SPEC horizon A: sources are other active warehouses whose data is not LOW
/// (offline or never-synced warehouses are never sources).
/// </summary>
public static class SourceEligibility
{
    public static SourceExclusion Check(int sourceWarehouseId, int targetWarehouseId, bool isActive, FreshnessLevel freshness) =>
        sourceWarehouseId == targetWarehouseId ? SourceExclusion.IsTarget
        : !isActive ? SourceExclusion.Inactive
        : freshness == FreshnessLevel.Unknown ? SourceExclusion.NeverSynced
        : freshness == FreshnessLevel.Low ? SourceExclusion.StaleData
        : SourceExclusion.None;

    public static bool IsEligible(int sourceWarehouseId, int targetWarehouseId, bool isActive, FreshnessLevel freshness) =>
        Check(sourceWarehouseId, targetWarehouseId, isActive, freshness) == SourceExclusion.None;
}
