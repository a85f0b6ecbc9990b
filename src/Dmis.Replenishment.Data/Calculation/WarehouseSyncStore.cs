using Dapper;
using Dmis.Replenishment.Data.Infrastructure;

namespace Dmis.Replenishment.Data.Calculation;

/// <summary>A warehouse_sync_log row with the warehouse's freshness after it.</summary>
public sealed record WarehouseSyncRow(
    int SyncId,
    int WarehouseId,
    DateTime SyncDtime,
    string SyncType,
    string SyncStatus,
    int ItemsSynced,
    string? ErrorMessage,
    string? TriggeredBy,
    DateTime? WarehouseLastSync,
    string? WarehouseSyncStatus);

/// <summary>Warehouse data synchronisations: the log and warehouse.last_sync_dtime (data freshness).</summary>
public static class WarehouseSyncStore
{
    /// <summary>
    /// Logs a sync of an existing warehouse (sync time: <paramref name="syncTime"/>, else now) and,
    /// when <paramref name="movesLastSync"/>, moves warehouse.last_sync_dtime forward to it (never
    /// back: a late report of an older sync leaves a newer one in place); trg_warehouse_sync_status
    /// then sets sync_status. version_nbr is left alone: a sync is not an edit of the warehouse's
    /// master data, and must not make a concurrent edit in DMIS fail. One round trip; null when the
    /// warehouse does not exist.
    /// </summary>
    public static Task<WarehouseSyncRow?> RecordAsync(
        DbScope scope,
        int warehouseId,
        DateTime? syncTime,
        string syncType,
        string syncStatus,
        int itemsSynced,
        string? errorMessage,
        bool movesLastSync,
        string actor,
        DateTime now,
        CancellationToken cancellationToken) =>
        scope.Connection.QuerySingleOrDefaultAsync<WarehouseSyncRow>(new CommandDefinition(
            """
            with target as (
                select warehouse_id from warehouse where warehouse_id = @warehouseId for update
            ),
            logged as (
                insert into warehouse_sync_log (warehouse_id, sync_dtime, sync_type, sync_status, items_synced,
                                                error_message, triggered_by)
                select warehouse_id, coalesce(@syncTime, @now), @syncType, @syncStatus,
                       @itemsSynced, @errorMessage, @actor
                  from target
                returning sync_id, warehouse_id, sync_dtime, sync_type, sync_status, items_synced, error_message, triggered_by
            ),
            moved as (
                update warehouse w
                   set last_sync_dtime = greatest(coalesce(w.last_sync_dtime, l.sync_dtime), l.sync_dtime),
                       update_by_id = @actor, update_dtime = @now
                  from logged l
                 where w.warehouse_id = l.warehouse_id and @movesLastSync
                returning w.warehouse_id, w.last_sync_dtime, w.sync_status
            )
            select l.sync_id, l.warehouse_id, l.sync_dtime, l.sync_type, l.sync_status, l.items_synced, l.error_message,
                   l.triggered_by,
                   coalesce(m.last_sync_dtime, w.last_sync_dtime) as warehouse_last_sync,
                   coalesce(m.sync_status, w.sync_status) as warehouse_sync_status
              from logged l
              join warehouse w on w.warehouse_id = l.warehouse_id
              left join moved m on m.warehouse_id = l.warehouse_id
            """,
            new
            {
                now,
                warehouseId,
                syncTime = syncTime is { } moment ? CalculationReader.Unspecified(moment) : (DateTime?)null,
                syncType,
                syncStatus,
                itemsSynced,
                errorMessage,
                movesLastSync,
                actor,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
}
