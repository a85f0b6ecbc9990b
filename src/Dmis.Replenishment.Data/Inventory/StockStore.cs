using Dapper;
using Dmis.Replenishment.Data.Infrastructure;

namespace Dmis.Replenishment.Data.Inventory;

/// <summary>Stock arriving at a warehouse: one new batch per line.</summary>
public sealed record StockInLine(int ItemId, decimal Qty, string UomCode, decimal UnitValue, string? BatchNo, DateOnly? ExpiryDate);

/// <summary>A quantity leaving a batch of a warehouse.</summary>
public sealed record StockOutLine(int InventoryId, int ItemId, int BatchId, decimal Qty);

/// <summary>Stock movements in the legacy inventory and itembatch tables, inside the caller's transaction.</summary>
public static class StockStore
{
    /// <summary>
    /// Adds the lines to the warehouse's inventory (a row per item, created when missing) and writes one
    /// batch per line, dated <paramref name="now"/>.
    /// </summary>
    public static Task StockInAsync(
        DbScope scope, int warehouseId, IReadOnlyList<StockInLine> lines, string actor, DateTime now, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            with inventory_rows as (
                insert into inventory (inventory_id, item_id, usable_qty, reserved_qty, defective_qty, expired_qty, uom_code,
                                       status_code, create_by_id, create_dtime, update_by_id, update_dtime)
                select @warehouseId, s.item_id, sum(s.qty), 0, 0, 0, min(s.uom_code), 'A', @actor, @now, @actor, @now
                  from unnest(@itemIds, @qtys, @uomCodes) as s(item_id, qty, uom_code)
                 group by s.item_id
                on conflict (inventory_id, item_id) do update
                   set usable_qty = inventory.usable_qty + excluded.usable_qty,
                       update_by_id = @actor, update_dtime = @now, version_nbr = inventory.version_nbr + 1
                returning item_id
            )
            insert into itembatch (inventory_id, item_id, batch_no, batch_date, expiry_date, usable_qty, reserved_qty, uom_code,
                                   avg_unit_value, status_code, create_by_id, create_dtime, update_by_id, update_dtime)
            select @warehouseId, s.item_id, left(s.batch_no, 20), @now::date, s.expiry_date, s.qty, 0, s.uom_code,
                   least(s.unit_value, 99999999.99), 'A', @actor, @now, @actor, @now
              from unnest(@itemIds, @qtys, @uomCodes, @unitValues, @batchNos, @expiryDates)
                   as s(item_id, qty, uom_code, unit_value, batch_no, expiry_date)
              join inventory_rows r on r.item_id = s.item_id
            """,
            new
            {
                warehouseId,
                actor,
                now,
                itemIds = lines.Select(l => l.ItemId).ToArray(),
                qtys = lines.Select(l => l.Qty).ToArray(),
                uomCodes = lines.Select(l => l.UomCode).ToArray(),
                unitValues = lines.Select(l => l.UnitValue).ToArray(),
                batchNos = lines.Select(l => l.BatchNo).ToArray(),
                expiryDates = lines.Select(l => l.ExpiryDate).ToArray(),
            },
            scope.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>Takes the lines out of their batches and out of their warehouses' inventory rows.</summary>
    public static Task StockOutAsync(DbScope scope, IReadOnlyList<StockOutLine> lines, string actor, DateTime now, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            with batches as (
                update itembatch b
                   set usable_qty = b.usable_qty - s.qty, update_by_id = @actor, update_dtime = @now, version_nbr = b.version_nbr + 1
                  from (select batch_id, sum(qty) as qty from unnest(@batchIds, @qtys) as l(batch_id, qty) group by batch_id) s
                 where b.batch_id = s.batch_id
                returning b.batch_id
            )
            update inventory i
               set usable_qty = i.usable_qty - s.qty, update_by_id = @actor, update_dtime = @now, version_nbr = i.version_nbr + 1
              from (select inventory_id, item_id, sum(qty) as qty
                      from unnest(@inventoryIds, @itemIds, @qtys) as l(inventory_id, item_id, qty)
                     group by inventory_id, item_id) s
             where i.inventory_id = s.inventory_id and i.item_id = s.item_id
            """,
            new
            {
                actor,
                now,
                inventoryIds = lines.Select(l => l.InventoryId).ToArray(),
                itemIds = lines.Select(l => l.ItemId).ToArray(),
                batchIds = lines.Select(l => l.BatchId).ToArray(),
                qtys = lines.Select(l => l.Qty).ToArray(),
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
}
