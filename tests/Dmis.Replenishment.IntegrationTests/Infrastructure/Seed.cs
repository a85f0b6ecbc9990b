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
            new
            {
                eventId, fromWarehouseId, itemId, qty, hoursAgo, packageStatus, requestStatus,
                toWarehouseId = toWarehouseId == 0 ? fromWarehouseId : toWarehouseId
            });

    /// <summary>
    /// As <see cref="FulfilmentAsync"/>, at an exact dispatch moment (UTC). <paramref name="packageEventId"/>
    /// and <paramref name="requestEventId"/> set the package's and the request's eligible event (null allowed).
    /// </summary>
    public Task FulfilmentAtAsync(
        int? packageEventId, int fromWarehouseId, int itemId, decimal qty, DateTime dispatchUtc,
        string packageStatus = "D", short requestStatus = 3, int? requestEventId = -1) =>
        database.ExecuteAsync(
            """
            with request as (
                insert into reliefrqst (eligible_event_id, request_date, urgency_ind, status_code, create_by_id, update_by_id)
                values (@requestEventId, current_date, 'H', @requestStatus, 'SEED', 'SEED')
                returning reliefrqst_id),
            package as (
                insert into reliefpkg (reliefrqst_id, to_inventory_id, eligible_event_id, dispatch_dtime, status_code,
                                       create_by_id, update_by_id)
                select reliefrqst_id, @fromWarehouseId, @packageEventId, @dispatchUtc, @packageStatus, 'SEED', 'SEED'
                  from request
                returning reliefpkg_id)
            insert into reliefpkg_item (reliefpkg_id, fr_inventory_id, batch_id, item_id, item_qty, uom_code, create_by_id, update_by_id)
            select reliefpkg_id, @fromWarehouseId,
                   (select min(batch_id) from itembatch where inventory_id = @fromWarehouseId and item_id = @itemId),
                   @itemId, @qty, 'EA', 'SEED', 'SEED'
              from package
            """,
            new
            {
                packageEventId, fromWarehouseId, itemId, qty, packageStatus, requestStatus,
                requestEventId = requestEventId == -1 ? packageEventId : requestEventId,
                dispatchUtc = DateTime.SpecifyKind(dispatchUtc, DateTimeKind.Unspecified),
            });

    /// <summary>
    /// A transfer of <paramref name="qty"/> of the item from one warehouse to another (the source needs
    /// stock of it: its batch is used). Status P pending, D dispatched, C completed, V verified;
    /// <paramref name="received"/> sets received_at.
    /// </summary>
    public Task TransferAsync(
        int fromWarehouseId, int toWarehouseId, int itemId, decimal qty, string status = "D",
        int? eventId = null, bool received = false, int? needsListId = null) =>
        database.ExecuteAsync(
            """
            with t as (
                insert into transfer (fr_inventory_id, to_inventory_id, eligible_event_id, transfer_date, status_code,
                                      dispatched_at, expected_arrival, received_at, needs_list_id, create_by_id, update_by_id)
                values (@fromWarehouseId, @toWarehouseId, @eventId, current_date, @status,
                        case when @status <> 'P' then (now() at time zone 'UTC') end,
                        (now() at time zone 'UTC') + interval '6 hours',
                        case when @received then (now() at time zone 'UTC') end, @needsListId, 'SEED', 'SEED')
                returning transfer_id)
            insert into transfer_item (transfer_id, item_id, batch_id, inventory_id, item_qty, uom_code, create_by_id, update_by_id)
            select transfer_id, @itemId,
                   (select min(batch_id) from itembatch where inventory_id = @fromWarehouseId and item_id = @itemId),
                   @fromWarehouseId, @qty, 'EA', 'SEED', 'SEED'
              from t
            """,
            new { fromWarehouseId, toWarehouseId, itemId, qty, status, eventId, received, needsListId });

    /// <summary>
    /// A donation for the event with one line. Donation status E entered, V verified, P processed; line
    /// status P pledged, V verified. With <paramref name="intakeWarehouseId"/>, an intake at that
    /// warehouse in <paramref name="intakeStatus"/> (I incomplete, C completed, V verified).
    /// </summary>
    public Task<int> DonationAsync(
        int eventId, int itemId, decimal qty, string donationStatus, string lineStatus,
        int? intakeWarehouseId = null, string intakeStatus = "I", int receivedDaysAgo = 0, string description = "test donation") =>
        database.ScalarAsync<int>(
            """
            with d as (
                insert into donation (event_id, donation_desc, received_date, status_code, create_by_id, update_by_id)
                values (@eventId, @description, current_date - @receivedDaysAgo, @donationStatus, 'SEED', 'SEED')
                returning donation_id),
            line as (
                insert into donation_item (donation_id, item_id, item_qty, uom_code, status_code, create_by_id, update_by_id)
                select donation_id, @itemId, @qty, 'EA', @lineStatus, 'SEED', 'SEED' from d),
            intake as (
                insert into dnintake (donation_id, inventory_id, intake_date, status_code, create_by_id, update_by_id)
                select donation_id, @intakeWarehouseId, current_date, @intakeStatus, 'SEED', 'SEED'
                  from d where @intakeWarehouseId::int is not null)
            select donation_id from d
            """,
            new { eventId, itemId, qty, donationStatus, lineStatus, intakeWarehouseId, intakeStatus, receivedDaysAgo, description });

    /// <summary>A procurement of one line for the target warehouse, in <paramref name="status"/> (DRAFT ... SHIPPED ...).</summary>
    public Task ProcurementAsync(
        int eventId, int warehouseId, int itemId, decimal orderedQty, decimal receivedQty = 0, string status = "SHIPPED",
        string lineStatus = "PENDING") =>
        database.ExecuteAsync(
            """
            with p as (
                insert into procurement (procurement_no, event_id, target_warehouse_id, procurement_method, status_code,
                                         expected_arrival, create_by_id, update_by_id)
                values ('PR-SEED-' || (select coalesce(max(procurement_id), 0) + 1 from procurement), @eventId, @warehouseId,
                        'RFQ', @status, (now() at time zone 'UTC') + interval '5 days', 'SEED', 'SEED')
                returning procurement_id)
            insert into procurement_item (procurement_id, item_id, ordered_qty, uom_code, received_qty, status_code,
                                          create_by_id, update_by_id)
            select procurement_id, @itemId, @orderedQty, 'EA', @receivedQty, @lineStatus, 'SEED', 'SEED' from p
            """,
            new { eventId, warehouseId, itemId, orderedQty, receivedQty, status, lineStatus });

    /// <summary>A horizon-A route lead time from one warehouse to another, effective from/to the given dates (UTC).</summary>
    public Task RouteLeadTimeAsync(int fromWarehouseId, int toWarehouseId, int hours, DateTime? effectiveFrom = null, DateTime? effectiveTo = null) =>
        database.ExecuteAsync(
            """
            insert into lead_time_config (horizon, from_warehouse_id, to_warehouse_id, lead_time_hours, is_default,
                                          effective_from, effective_to, create_by_id, update_by_id)
            values ('A', @fromWarehouseId, @toWarehouseId, @hours, false,
                    coalesce(@effectiveFrom::date, date '2000-01-01'), @effectiveTo::date, 'SEED', 'SEED')
            """,
            new { fromWarehouseId, toWarehouseId, hours, effectiveFrom, effectiveTo });

    /// <summary>
    /// A needs list in <paramref name="status"/> for the event and target warehouse with one line whose
    /// horizon A takes <paramref name="qty"/> of the item from <paramref name="sourceWarehouseId"/>
    /// (an allocation at that source while the list is open). Returns the needs_list_id.
    /// </summary>
    public Task<int> AllocationAsync(int eventId, int targetWarehouseId, int sourceWarehouseId, int itemId, decimal qty, string status) =>
        database.ScalarAsync<int>(
            """
            with nl as (
                insert into needs_list (needs_list_no, event_id, warehouse_id, event_phase, calculation_dtime,
                                        demand_window_hours, planning_window_hours, safety_factor, status_code,
                                        total_gap_qty, create_by_id, update_by_id)
                values ('NL-SEED-' || (select coalesce(max(needs_list_id), 0) + 1 from needs_list) || '-' || @status,
                        @eventId, @targetWarehouseId, 'SURGE', (now() at time zone 'UTC'), 6, 72, 1.25, @status, @qty,
                        'SEED', 'SEED')
                returning needs_list_id),
            line as (
                insert into needs_list_item (needs_list_id, item_id, uom_code, required_qty, coverage_qty, gap_qty,
                                             horizon_a_qty, horizon_a_source_warehouse_id, create_by_id, update_by_id)
                select needs_list_id, @itemId, 'EA', @qty, 0, @qty, @qty, @sourceWarehouseId, 'SEED', 'SEED' from nl
                returning needs_list_item_id),
            calculation as (
                insert into needs_list_item_calculation (needs_list_item_id, line_no, horizon_a_split_warehouse_ids,
                                                         horizon_a_split_qtys, horizon_a_split_lead_time_hours,
                                                         horizon_a_split_arrivals, create_by_id, update_by_id)
                select needs_list_item_id, 1, array[@sourceWarehouseId], array[@qty], array[8],
                       array[(now() at time zone 'UTC') + interval '8 hours'], 'SEED', 'SEED'
                  from line)
            select needs_list_id from nl
            """,
            new { eventId, targetWarehouseId, sourceWarehouseId, itemId, qty, status });

    /// <summary>An active phase configuration row of the event.</summary>
    public Task PhaseConfigAsync(int eventId, string phase, int demandWindowHours, int planningWindowHours, decimal safetyFactor = 1.25m) =>
        database.ExecuteAsync(
            """
            insert into event_phase_config (event_id, phase, demand_window_hours, planning_window_hours, safety_factor,
                                            create_by_id, update_by_id)
            values (@eventId, @phase, @demandWindowHours, @planningWindowHours, @safetyFactor, 'SEED', 'SEED')
            """,
            new { eventId, phase, demandWindowHours, planningWindowHours, safetyFactor });
}
