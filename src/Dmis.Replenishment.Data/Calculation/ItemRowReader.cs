using System.Data.Common;
using Dmis.Replenishment.Domain.NeedsLists;

namespace Dmis.Replenishment.Data.Calculation;

/// <summary>
/// Maps <see cref="CalculationReader"/>'s item rows (warehouse_id, then <see cref="ItemInput"/>'s columns)
/// with typed getters on ordinals resolved once: a network plan reads 100,000 of them, and a generic
/// mapper costs more than the statement itself.
/// </summary>
internal sealed class ItemRowReader(DbDataReader reader)
{
    private readonly int warehouseId = reader.GetOrdinal("warehouse_id");
    private readonly int itemId = reader.GetOrdinal("item_id");
    private readonly int itemCode = reader.GetOrdinal("item_code");
    private readonly int itemName = reader.GetOrdinal("item_name");
    private readonly int uomCode = reader.GetOrdinal("uom_code");
    private readonly int criticality = reader.GetOrdinal("criticality");
    private readonly int availableQty = reader.GetOrdinal("available_qty");
    private readonly int reservedQty = reader.GetOrdinal("reserved_qty");
    private readonly int fulfilledQtyInWindow = reader.GetOrdinal("fulfilled_qty_in_window");
    private readonly int fulfillmentCount = reader.GetOrdinal("fulfillment_count");
    private readonly int baselineBurnRate = reader.GetOrdinal("baseline_burn_rate");
    private readonly int minStockThreshold = reader.GetOrdinal("min_stock_threshold");
    private readonly int lastDispatchDtime = reader.GetOrdinal("last_dispatch_dtime");
    private readonly int fulfilledQtyBeforeLastDispatch = reader.GetOrdinal("fulfilled_qty_before_last_dispatch");
    private readonly int fulfillmentCountBeforeLastDispatch = reader.GetOrdinal("fulfillment_count_before_last_dispatch");

    /// <summary>Every row, in the statement's order.</summary>
    public static async Task<List<WarehouseItem>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var rows = new ItemRowReader(reader);
        var items = new List<WarehouseItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(rows.Current());
        }

        return items;
    }

    private WarehouseItem Current() => new(reader.GetInt32(warehouseId), new ItemInput
    {
        ItemId = reader.GetInt32(itemId),
        ItemCode = reader.GetString(itemCode),
        ItemName = reader.GetString(itemName),
        UomCode = reader.GetString(uomCode),
        Criticality = reader.GetString(criticality),
        AvailableQty = reader.GetDecimal(availableQty),
        ReservedQty = reader.GetDecimal(reservedQty),
        FulfilledQtyInWindow = reader.GetDecimal(fulfilledQtyInWindow),
        FulfillmentCount = reader.GetInt32(fulfillmentCount),
        BaselineBurnRate = reader.GetDecimal(baselineBurnRate),
        MinStockThreshold = reader.GetDecimal(minStockThreshold),
        LastDispatchDtime = reader.IsDBNull(lastDispatchDtime) ? null : reader.GetDateTime(lastDispatchDtime),
        FulfilledQtyBeforeLastDispatch = reader.GetDecimal(fulfilledQtyBeforeLastDispatch),
        FulfillmentCountBeforeLastDispatch = reader.GetInt32(fulfillmentCountBeforeLastDispatch),
    });
}
