namespace Dmis.Replenishment.IntegrationTests.Infrastructure;

/// <summary>Inserts legacy rows the way DMIS would, with only what a test needs to say.</summary>
public sealed class Seed(DatabaseFixture database)
{
    public Task EventAsync(int eventId, string phase = "BASELINE", string status = "A", string name = "HURRICANE TEST") =>
        database.ExecuteAsync(
            """
            insert into event (event_id, event_type, event_name, event_desc, impact_desc, start_date, status_code,
                               closed_date, current_phase, create_by_id, update_by_id)
            values (@eventId, 'HURRICANE', @name, 'test event', 'test impact', current_date, @status,
                    case when @status = 'C' then current_date end, @phase, 'SEED', 'SEED')
            """,
            new { eventId, phase, status, name });

    /// <summary>A warehouse whose last sync was <paramref name="syncedHoursAgo"/> hours ago (null: never).</summary>
    public Task WarehouseAsync(int warehouseId, string name, double? syncedHoursAgo = 0.5, string status = "A", decimal minThreshold = 0) =>
        database.ExecuteAsync(
            """
            insert into warehouse (warehouse_id, warehouse_name, warehouse_type, parish_code, status_code,
                                   min_stock_threshold, last_sync_dtime, create_by_id, update_by_id)
            values (@warehouseId, @name, 'SUB-HUB', '01', @status, @minThreshold,
                    case when @syncedHoursAgo::float8 is null then null
                         else (now() at time zone 'UTC') - make_interval(secs => @syncedHoursAgo::float8 * 3600) end,
                    'SEED', 'SEED')
            """,
            new { warehouseId, name, syncedHoursAgo, status, minThreshold });

    public Task ItemAsync(int itemId, string code, decimal baselineBurnRate = 0, decimal minThreshold = 0, string criticality = "NORMAL", string status = "A") =>
        database.ExecuteAsync(
            """
            insert into item (item_id, item_code, item_name, default_uom_code, status_code,
                              baseline_burn_rate, min_stock_threshold, criticality_level, create_by_id, update_by_id)
            values (@itemId, @code, @code || ' NAME', 'EA', @status, @baselineBurnRate, @minThreshold, @criticality, 'SEED', 'SEED')
            """,
            new { itemId, code, baselineBurnRate, minThreshold, criticality, status });

    /// <summary>Stock of an item at a warehouse, with one batch (its unit value is the item's estimate).</summary>
    public Task StockAsync(int warehouseId, int itemId, decimal usable, decimal reserved = 0, decimal unitValue = 100) =>
        database.ExecuteAsync(
            """
            insert into inventory (inventory_id, item_id, usable_qty, reserved_qty, defective_qty, expired_qty, uom_code,
                                   status_code, create_by_id, update_by_id)
            values (@warehouseId, @itemId, @usable, @reserved, 0, 0, 'EA', 'A', 'SEED', 'SEED');
            insert into itembatch (inventory_id, item_id, batch_no, expiry_date, usable_qty, reserved_qty, uom_code,
                                   avg_unit_value, status_code, create_by_id, update_by_id)
            values (@warehouseId, @itemId, 'B-' || @warehouseId || '-' || @itemId, current_date + 365, @usable, @reserved,
                    'EA', @unitValue, 'A', 'SEED', 'SEED');
            """,
            new { warehouseId, itemId, usable, reserved, unitValue });

    /// <summary>
    /// A relief package leaving <paramref name="fromWarehouseId"/> <paramref name="hoursAgo"/> hours ago,
    /// with one line of <paramref name="qty"/> of the item.
    /// </summary>
    public Task FulfilmentAsync(
        int eventId, int fromWarehouseId, int itemId, decimal qty, double hoursAgo,
        string packageStatus = "D", short requestStatus = 3, int toWarehouseId = 0) =>
        database.ExecuteAsync(
            """
            with request as (
                insert into reliefrqst (eligible_event_id, request_date, urgency_ind, status_code, create_by_id, update_by_id)
                values (@eventId, current_date, 'H', @requestStatus, 'SEED', 'SEED')
                returning reliefrqst_id),
            package as (
                insert into reliefpkg (reliefrqst_id, to_inventory_id, eligible_event_id, dispatch_dtime, status_code,
                                       create_by_id, update_by_id)
                select reliefrqst_id, @toWarehouseId, @eventId,
                       (now() at time zone 'UTC') - make_interval(secs => @hoursAgo * 3600), @packageStatus, 'SEED', 'SEED'
                  from request
                returning reliefpkg_id)
            insert into reliefpkg_item (reliefpkg_id, fr_inventory_id, batch_id, item_id, item_qty, uom_code, create_by_id, update_by_id)
            select reliefpkg_id, @fromWarehouseId,
                   (select min(batch_id) from itembatch where inventory_id = @fromWarehouseId and item_id = @itemId),
                   @itemId, @qty, 'EA', 'SEED', 'SEED'
              from package
            """,
            new { eventId, fromWarehouseId, itemId, qty, hoursAgo, packageStatus, requestStatus,
                  toWarehouseId = toWarehouseId == 0 ? fromWarehouseId : toWarehouseId });
}
