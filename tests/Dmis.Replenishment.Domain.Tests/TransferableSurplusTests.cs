using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;

namespace Dmis.Replenishment.Domain.Tests;

public class TransferableSurplusTests
{
    [Fact]
    public void A_source_keeps_its_own_need_when_that_is_above_its_threshold()
    {
        Assert.Equal(700m, TransferableSurplus.Calculate(usableQty: 1_000m, effectiveMinThreshold: 200m, ownRequiredQty: 300m, allocatedOpenQty: 0m));
    }

    [Fact]
    public void A_source_keeps_its_threshold_when_that_is_above_its_own_need()
    {
        Assert.Equal(600m, TransferableSurplus.Calculate(usableQty: 1_000m, effectiveMinThreshold: 400m, ownRequiredQty: 300m, allocatedOpenQty: 0m));
    }

    [Fact]
    public void The_item_threshold_overrides_the_warehouse_threshold_when_positive()
    {
        Assert.Equal(50m, TransferableSurplus.EffectiveMinimumThreshold(itemMinThreshold: 50m, warehouseMinThreshold: 200m));
        Assert.Equal(500m, TransferableSurplus.EffectiveMinimumThreshold(itemMinThreshold: 500m, warehouseMinThreshold: 200m));
    }

    [Fact]
    public void The_warehouse_threshold_applies_when_the_item_has_none()
    {
        Assert.Equal(200m, TransferableSurplus.EffectiveMinimumThreshold(itemMinThreshold: 0m, warehouseMinThreshold: 200m));
    }

    [Fact]
    public void Open_allocations_are_netted_from_the_surplus()
    {
        Assert.Equal(450m, TransferableSurplus.Calculate(1_000m, 200m, 300m, allocatedOpenQty: 250m));
    }

    [Fact]
    public void Transferable_surplus_never_goes_below_zero()
    {
        Assert.Equal(0m, TransferableSurplus.Calculate(1_000m, 200m, 300m, allocatedOpenQty: 800m));
        Assert.Equal(0m, TransferableSurplus.Calculate(100m, 200m, 0m, allocatedOpenQty: 0m));
    }

    [Theory]
    [InlineData(2, true, FreshnessLevel.High, SourceExclusion.None)]
    [InlineData(2, true, FreshnessLevel.Medium, SourceExclusion.None)]
    [InlineData(2, true, FreshnessLevel.Low, SourceExclusion.StaleData)]
    [InlineData(2, true, FreshnessLevel.Unknown, SourceExclusion.NeverSynced)]
    [InlineData(2, false, FreshnessLevel.High, SourceExclusion.Inactive)]
    [InlineData(1, true, FreshnessLevel.High, SourceExclusion.IsTarget)]
    public void Only_other_active_warehouses_with_data_that_is_not_low_are_sources(
        int sourceId, bool active, FreshnessLevel freshness, SourceExclusion expected)
    {
        Assert.Equal(expected, SourceEligibility.Check(sourceId, targetWarehouseId: 1, active, freshness));
        Assert.Equal(expected == SourceExclusion.None, SourceEligibility.IsEligible(sourceId, 1, active, freshness));
    }
}
