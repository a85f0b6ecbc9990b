using Dapper;
using Dmis.Replenishment.Data.Infrastructure;

namespace Dmis.Replenishment.Data.Fulfilment;

/// <summary>
/// A legacy transfer dispatched or received by the service, as the DMIS main application does it,
/// inside the caller's transaction (the stock movements are <see cref="Inventory.StockStore"/>'s).
/// </summary>
public static class TransferMovementStore
{
    /// <summary>The transfer and its lines with their source batches, all locked; null when it does not exist.</summary>
    public static async Task<StoredTransfer?> LockAsync(DbScope scope, int transferId, CancellationToken cancellationToken)
    {
        await using var grid = await scope.Connection.QueryMultipleAsync(new CommandDefinition(
            """
            select transfer_id, fr_inventory_id, to_inventory_id, eligible_event_id, needs_list_id, status_code,
                   dispatched_at, dispatched_by, received_at, received_by, version_nbr
              from transfer
             where transfer_id = @transferId
               for update;

            select ti.item_id, ti.batch_id, ti.item_qty, ti.uom_code, b.usable_qty as batch_usable_qty,
                   b.reserved_qty as batch_reserved_qty, b.batch_no, b.expiry_date, b.avg_unit_value
              from transfer_item ti
              join itembatch b on b.batch_id = ti.batch_id
             where ti.transfer_id = @transferId
             order by ti.item_id, ti.batch_id
               for update of b;
            """,
            new { transferId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        var header = await grid.ReadSingleOrDefaultAsync<TransferRow>();
        var lines = (await grid.ReadAsync<TransferLineRow>()).AsList();
        return header is null ? null : new StoredTransfer(header, lines);
    }

    /// <summary>
    /// The new status with who and when: into dispatched_at/by when <paramref name="dispatched"/>, else
    /// into received_at/by (version + 1).
    /// </summary>
    public static Task MoveAsync(
        DbScope scope, int transferId, string status, bool dispatched, string actor, DateTime now, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            update transfer
               set status_code = @status,
                   dispatched_at = case when @dispatched then @now else dispatched_at end,
                   dispatched_by = case when @dispatched then @actor else dispatched_by end,
                   received_at = case when @dispatched then received_at else @now end,
                   received_by = case when @dispatched then received_by else @actor end,
                   update_by_id = @actor, update_dtime = @now, version_nbr = version_nbr + 1
             where transfer_id = @transferId
            """,
            new { transferId, status, dispatched, actor, now },
            scope.Transaction,
            cancellationToken: cancellationToken));
}
