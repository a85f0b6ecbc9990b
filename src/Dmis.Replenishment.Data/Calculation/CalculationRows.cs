using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Domain.NeedsLists;

namespace Dmis.Replenishment.Data.Calculation;

/// <summary>The event a calculation is for.</summary>
public sealed record CalculationEvent(int EventId, string EventName, string StatusCode, string CurrentPhase)
{
    public bool IsActive => StatusCode == "A";
}

/// <summary>A default lead time of lead_time_config (horizon A, B or C), effective at the calculation moment.</summary>
public sealed record DefaultLeadTime(string Horizon, int LeadTimeHours);

/// <summary>
/// What a calculation needs before it reads stock: the event, the target warehouse, the other
/// active warehouses (candidate sources, with their route lead time to the target), the event's
/// active phase configurations and the default lead times. Event or warehouse null: not found.
/// </summary>
public sealed record CalculationContext(
    CalculationEvent? Event,
    TargetWarehouse? Warehouse,
    IReadOnlyList<SourceWarehouse> Sources,
    IReadOnlyList<PhaseConfigRow> PhaseConfigs,
    IReadOnlyList<DefaultLeadTime> DefaultLeadTimes);

/// <summary>The unit values and labels of the items that have a gap.</summary>
public sealed record ItemDetails(
    IReadOnlyDictionary<int, decimal> UnitValues,
    IReadOnlyDictionary<int, ItemLabel> Labels);

/// <summary>How an item is named on a line: code, name, the target's unit, criticality.</summary>
public sealed record ItemLabel(int ItemId, string ItemCode, string ItemName, string UomCode, string Criticality);

/// <summary>Confirmed inbound of one warehouse x item, by source (SPEC 3.8).</summary>
public sealed record InboundRow(int WarehouseId, int ItemId, decimal TransferQty, decimal DonationQty, decimal ProcurementQty);

/// <summary>The confirmed inbound of the warehouse x items that have some.</summary>
public sealed class InboundStock(IEnumerable<InboundRow> rows)
{
    private readonly Dictionary<(int WarehouseId, int ItemId), InboundRow> byWarehouseItem =
        rows.ToDictionary(row => (row.WarehouseId, row.ItemId));

    /// <summary>The item's figures at the warehouse with its inbound (unchanged when it has none).</summary>
    public ItemInput AddTo(int warehouseId, ItemInput item) =>
        byWarehouseItem.TryGetValue((warehouseId, item.ItemId), out var inbound)
            ? item with
            {
                InboundTransferQty = inbound.TransferQty,
                InboundDonationQty = inbound.DonationQty,
                InboundProcurementQty = inbound.ProcurementQty,
            }
            : item;
}

/// <summary>One warehouse x item of the dashboard: the item's figures at that warehouse.</summary>
public sealed record WarehouseItem(int WarehouseId, ItemInput Item);

/// <summary>A warehouse as the dashboard and the freshness view show it.</summary>
public sealed record WarehouseRow(
    int WarehouseId,
    string WarehouseName,
    bool IsActive,
    DateTime? LastSyncDtime,
    string? SyncStatus);

/// <summary>What the stock-status dashboard needs before it reads stock; event null: not found.</summary>
public sealed record DashboardContext(
    CalculationEvent? Event,
    IReadOnlyList<PhaseConfigRow> PhaseConfigs,
    IReadOnlyList<WarehouseRow> Warehouses,
    bool ItemExists);

/// <summary>Which items a read covers: all, one (<paramref name="ItemId"/>), and/or only those after an id (<paramref name="AfterItemId"/>, for paging).</summary>
public sealed record ItemSelection(int? ItemId = null, int? AfterItemId = null)
{
    public static ItemSelection All { get; } = new();

    /// <summary>The parameters the reads' SQL takes: @fulfilmentItemIds (null: every item) and @afterItemId.</summary>
    internal object Parameters => new { fulfilmentItemIds = ItemId is { } id ? new[] { id } : null, afterItemId = AfterItemId };
}
