using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Tests;

/// <summary>Shared fixtures: a SURGE calculation at a fixed moment for warehouse 1.</summary>
internal static class TestData
{
    public static readonly DateTime AsOf = new(2025, 9, 1, 12, 0, 0, DateTimeKind.Utc);

    public static readonly PhaseParameters Surge = PhaseParameters.DefaultFor(EventPhase.Surge);

    public static TargetWarehouse Target(double syncedHoursAgo = 0.5, bool active = true) => new()
    {
        WarehouseId = 1,
        WarehouseName = "Kingston Hub",
        LastSyncDtime = AsOf.AddHours(-syncedHoursAgo),
        IsActive = active,
    };

    public static SourceWarehouse Source(
        int id, double syncedHoursAgo = 0.5, bool active = true, decimal minThreshold = 0m, int? leadTime = null) => new()
        {
            WarehouseId = id,
            WarehouseName = $"Warehouse {id}",
            LastSyncDtime = AsOf.AddHours(-syncedHoursAgo),
            IsActive = active,
            MinStockThreshold = minThreshold,
            RouteLeadTimeHours = leadTime,
        };

    /// <summary>An item burning 100/h in SURGE (600 in 6 h): required 9,000. Unit value 10.</summary>
    public static ItemInput Item(int id = 10, decimal available = 500m, decimal fulfilled = 600m) => new()
    {
        ItemId = id,
        ItemCode = $"ITEM-{id}",
        ItemName = $"ITEM {id}",
        UomCode = "EA",
        Criticality = "CRITICAL",
        AvailableQty = available,
        FulfilledQtyInWindow = fulfilled,
        FulfillmentCount = 3,
        UnitValue = 10m,
    };

    public static SourceItemStock Stock(int warehouseId, int itemId, decimal available, decimal fulfilled = 0m, decimal allocated = 0m) => new()
    {
        WarehouseId = warehouseId,
        ItemId = itemId,
        AvailableQty = available,
        FulfilledQtyInWindow = fulfilled,
        AllocatedOpenQty = allocated,
    };

    /// <summary>A pledge (donation line) of the event for <paramref name="itemId"/>, pledged <paramref name="daysAgo"/> days before as_of.</summary>
    public static PledgeLine Pledge(int donationId, int itemId, decimal qty, int daysAgo = 1, decimal drawn = 0m) => new()
    {
        DonationId = donationId,
        ItemId = itemId,
        Description = $"Donation {donationId}",
        PledgedOn = AsOf.Date.AddDays(-daysAgo),
        PledgedQty = qty,
        DrawnOpenQty = drawn,
    };

    public static CalculationInput Input(params ItemInput[] items) => new()
    {
        AsOf = AsOf,
        Phase = EventPhase.Surge,
        Parameters = Surge,
        Warehouse = Target(),
        Items = items,
    };
}
