using Dmis.Replenishment.IntegrationTests.Infrastructure;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// A database for workflow tests: event 1 in SURGE, 2 in BASELINE, 3 in STABILIZED; warehouses whose
/// data is fresh (1, 5, 6), 3 h old (2: MEDIUM), 10 h old (3: LOW) or never synced (4); items 1-3.
/// Needs lists are inserted directly (<see cref="WorkflowSeed"/>), in whatever status a test starts from.
/// </summary>
public class WorkflowFixture : DatabaseFixture
{
    public const int Surge = 1, Baseline = 2, Stabilized = 3;
    public const int FreshWarehouse = 1, MediumWarehouse = 2, StaleWarehouse = 3, NeverSyncedWarehouse = 4;
    public const int OtherFreshWarehouse = 5, ThirdFreshWarehouse = 6;
    public const int Water = 1, Rice = 2, Tarpaulin = 3;

    public const string FreshWarehouseName = "KINGSTON DEPOT";
    public const string MediumWarehouseName = "MONTEGO BAY HUB";
    public const string StaleWarehouseName = "OCHO RIOS STORE";
    public const string NeverSyncedWarehouseName = "PORT ANTONIO SHED";

    public WorkflowSeed Lists => new(this);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var seed = new Seed(this);
        await seed.EventAsync(Surge, "SURGE", name: "HURRICANE MELISSA");
        await seed.EventAsync(Baseline, "BASELINE", name: "FLOOD BASELINE");
        await seed.EventAsync(Stabilized, "STABILIZED", name: "STORM STABILIZED");
        await seed.WarehouseAsync(FreshWarehouse, FreshWarehouseName, syncedHoursAgo: 0.5);
        await seed.WarehouseAsync(MediumWarehouse, MediumWarehouseName, syncedHoursAgo: 3);
        await seed.WarehouseAsync(StaleWarehouse, StaleWarehouseName, syncedHoursAgo: 10);
        await seed.WarehouseAsync(NeverSyncedWarehouse, NeverSyncedWarehouseName, syncedHoursAgo: null);
        await seed.WarehouseAsync(OtherFreshWarehouse, "SPANISH TOWN DEPOT", syncedHoursAgo: 0.5);
        await seed.WarehouseAsync(ThirdFreshWarehouse, "MANDEVILLE DEPOT", syncedHoursAgo: 0.5);
        await seed.ItemAsync(Water, "WATER", criticality: "CRITICAL");
        await seed.ItemAsync(Rice, "RICE");
        await seed.ItemAsync(Tarpaulin, "TARPAULIN");
    }
}
