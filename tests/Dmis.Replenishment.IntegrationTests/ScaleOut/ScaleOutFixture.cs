using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;

namespace Dmis.Replenishment.IntegrationTests.ScaleOut;

/// <summary>
/// A workflow database (<see cref="WorkflowFixture"/>) on the primary of <see cref="ScaleOutCluster"/>,
/// plus <paramref name="depots"/> warehouses from 11 on, each with 200 WATER usable and 300 fulfilled
/// in the last hour: a gap of 4,300 in SURGE.
/// </summary>
public abstract class ScaleOutFixture(int depots) : WorkflowFixture
{
    public const int FirstDepot = 11;

    public string DatabaseName { get; private set; } = "";

    protected override async Task<string> CreateDatabaseAsync()
    {
        (DatabaseName, var connectionString) = await ScaleOutCluster.CreateMigratedDatabaseAsync(GetType().Name);
        return connectionString;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var seed = new Seed(this);
        for (var warehouseId = FirstDepot; warehouseId < FirstDepot + depots; warehouseId++)
        {
            await seed.WarehouseAsync(warehouseId, $"DEPOT {warehouseId}", syncedHoursAgo: 0.5);
            await seed.StockAsync(warehouseId, Water, 200, unitValue: 850);
            await seed.FulfilmentAsync(Surge, warehouseId, Water, 300, hoursAgo: 1);
        }
    }
}
