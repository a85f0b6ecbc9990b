using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Planning;
using static Dmis.Replenishment.Domain.Tests.TestData;

namespace Dmis.Replenishment.Domain.Tests.Planning;

/// <summary>A network of SURGE targets sharing one set of source stock and pledges.</summary>
internal static class NetworkTestData
{
    /// <summary>Item 10 at a target burning 100/h (required 9,000), with <paramref name="available"/> on the shelf.</summary>
    public static ItemInput Water(decimal available, string criticality = "CRITICAL") =>
        Item(available: available) with { Criticality = criticality };

    /// <summary>The calculation input of target <paramref name="warehouseId"/>; every other warehouse of <paramref name="network"/> is a source.</summary>
    public static CalculationInput TargetInput(
        int warehouseId,
        IReadOnlyList<int> network,
        IReadOnlyList<SourceItemStock> stock,
        IReadOnlyList<PledgeLine> pledges,
        params ItemInput[] items) =>
        Input(items) with
        {
            Warehouse = Target() with { WarehouseId = warehouseId, WarehouseName = $"Warehouse {warehouseId}" },
            Sources = network.Where(id => id != warehouseId).Select(id => Source(id)).ToList(),
            SourceStock = stock,
            Pledges = pledges,
        };

    public static PlanTarget Planned(CalculationInput input) => new(input, NeedsListCalculator.Evaluate(input));

    public static CalculatedLine LineOf(NetworkPlan plan, int warehouseId) =>
        Assert.Single(plan.Warehouses.Single(result => result.Header.Warehouse.WarehouseId == warehouseId).Lines);
}
