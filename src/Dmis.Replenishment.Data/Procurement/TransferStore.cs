using Dapper;
using Dmis.Replenishment.Data.Infrastructure;

namespace Dmis.Replenishment.Data.Procurement;

/// <summary>A source batch that can give stock: usable less reserved, in its unit.</summary>
public sealed record SourceBatchRow(int BatchId, int InventoryId, int ItemId, decimal AvailableQty, string UomCode, DateOnly? ExpiryDate);

/// <summary>A transfer line to write.</summary>
public sealed record TransferLineValues(int ItemId, int BatchId, decimal Qty, string UomCode);

/// <summary>A transfer to write: one per source warehouse.</summary>
public sealed record TransferValues(int FromWarehouseId, IReadOnlyList<TransferLineValues> Lines);

/// <summary>Legacy transfers created from a needs list (horizon A), inside the caller's transaction.</summary>
public static class TransferStore
{
    public static Task<int> CountForNeedsListAsync(DbScope scope, int needsListId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select count(*)::int from transfer where needs_list_id = @needsListId",
            new { needsListId },
            scope.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>The available batches of the items at the sources, earliest expiry first, locked for update.</summary>
    public static async Task<IReadOnlyList<SourceBatchRow>> BatchesAsync(
        DbScope scope, IReadOnlyCollection<int> warehouseIds, IReadOnlyCollection<int> itemIds, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<SourceBatchRow>(new CommandDefinition(
            """
            select batch_id, inventory_id, item_id, usable_qty - reserved_qty as available_qty, uom_code, expiry_date
              from itembatch
             where inventory_id = any(@warehouseIds) and item_id = any(@itemIds) and status_code = 'A'
               and usable_qty - reserved_qty > 0
             order by inventory_id, item_id, expiry_date nulls last, batch_id
               for update
            """,
            new { warehouseIds = warehouseIds.ToArray(), itemIds = itemIds.ToArray() },
            scope.Transaction,
            cancellationToken: cancellationToken))).AsList();

    /// <summary>Inserts the transfers (status P, dated today) and their lines; returns the ids in order.</summary>
    public static async Task<IReadOnlyList<int>> InsertAsync(
        DbScope scope, int needsListId, string needsListNo, int eventId, int toWarehouseId, IReadOnlyList<TransferValues> transfers,
        string actor, DateTime now, CancellationToken cancellationToken)
    {
        var ids = new List<int>();
        foreach (var transfer in transfers)
        {
            // One statement per source warehouse: a needs list has a handful of sources.
            ids.Add(await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
                """
                with t as (
                    insert into transfer (fr_inventory_id, to_inventory_id, eligible_event_id, transfer_date, reason_text,
                                          status_code, needs_list_id, create_by_id, create_dtime, update_by_id, update_dtime)
                    values (@fromWarehouseId, @toWarehouseId, @eventId, @now::date,
                            left('Horizon A of needs list ' || @needsListNo, 255), 'P', @needsListId, @actor, @now, @actor, @now)
                    returning transfer_id
                ),
                lines as (
                    insert into transfer_item (transfer_id, item_id, batch_id, inventory_id, item_qty, uom_code, create_by_id,
                                               create_dtime, update_by_id, update_dtime)
                    select t.transfer_id, l.item_id, l.batch_id, @fromWarehouseId, l.qty, l.uom_code, @actor, @now, @actor, @now
                      from t, unnest(@itemIds, @batchIds, @qtys, @uomCodes) as l(item_id, batch_id, qty, uom_code)
                )
                select transfer_id from t
                """,
                new
                {
                    fromWarehouseId = transfer.FromWarehouseId,
                    toWarehouseId,
                    eventId,
                    needsListNo,
                    needsListId,
                    actor,
                    now,
                    itemIds = transfer.Lines.Select(l => l.ItemId).ToArray(),
                    batchIds = transfer.Lines.Select(l => l.BatchId).ToArray(),
                    qtys = transfer.Lines.Select(l => l.Qty).ToArray(),
                    uomCodes = transfer.Lines.Select(l => l.UomCode).ToArray(),
                },
                scope.Transaction,
                cancellationToken: cancellationToken)));
        }

        return ids;
    }
}
