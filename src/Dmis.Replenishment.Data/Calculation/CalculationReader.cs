using Dapper;
using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.NeedsLists;
using Npgsql;

namespace Dmis.Replenishment.Data.Calculation;

/// <summary>
/// Set-based reads behind every calculation (SPEC section 3). Each method is ONE round trip,
/// whatever the number of items or warehouses: several SELECTs go in one command
/// (<see cref="SqlMapper.QueryMultipleAsync(System.Data.IDbConnection, CommandDefinition)"/>) and
/// sets of ids travel as arrays (<c>= any(@ids)</c>). Rows map straight into the Domain's
/// <see cref="CalculationInput"/> row types. No formula lives here: the SQL only gathers and sums.
/// Timestamps are UTC without a zone (DateTime of kind Unspecified), as the columns hold them.
/// </summary>
public static partial class CalculationReader
{
    /// <summary>
    /// CTEs ending in <c>fulfilled(warehouse_id, item_id, fulfilled_qty, fulfillment_count)</c>: quantity and
    /// number of fulfilment lines leaving each of @fulfilmentWarehouseIds in the demand window
    /// (@windowStart, @asOf] for the event (SPEC 3.2: packages dispatched or received, D or R; the package's
    /// eligible event, else the request's; requests neither denied, cancelled nor ineligible, 4, 6, 8).
    /// @fulfilmentItemIds null: every item. The window is read as <see cref="DemandWindow"/> splits it:
    /// <list type="bullet">
    /// <item>the whole hours (@wholeHoursFrom, @wholeHoursTo] from the hourly summary (V7: fulfilment_hourly,
    /// kept exact by triggers on the three demand tables, plus its not yet compacted deltas): an
    /// index-only range of its primary key per warehouse, whatever the window's length;</item>
    /// <item>the partial hours at the edges, (@windowStart, @wholeHoursFrom] and (@wholeHoursTo, @asOf], from
    /// the raw lines. Shaped for the indexes of V4_1, V4_2 and V4_5: the edges' packages from two ranges on
    /// idx_reliefpkg_fulfilled_dispatch (index only); their lines at the asked warehouses from
    /// idx_reliefpkg_item_package (index only); and the requests behind those lines, each looked up once,
    /// from idx_reliefrqst_demand (index only). MATERIALIZED keeps that order (at most two hours of
    /// packages), where the planner would otherwise read every line of the asked items.</item>
    /// </list>
    /// </summary>
    private const string FulfilledInWindowCtes =
        """
        edge_packages as materialized (
            select p.reliefpkg_id, p.reliefrqst_id, p.eligible_event_id
              from reliefpkg p
             where p.status_code in ('D', 'R')
               and p.dispatch_dtime > @windowStart
               and p.dispatch_dtime <= @wholeHoursFrom
            union all
            select p.reliefpkg_id, p.reliefrqst_id, p.eligible_event_id
              from reliefpkg p
             where p.status_code in ('D', 'R')
               and p.dispatch_dtime > @wholeHoursTo
               and p.dispatch_dtime <= @asOf
        ),
        edge_lines as materialized (
            select ri.fr_inventory_id, ri.item_id, ri.item_qty, p.reliefrqst_id, p.eligible_event_id
              from edge_packages p
              join reliefpkg_item ri on ri.reliefpkg_id = p.reliefpkg_id
             where ri.fr_inventory_id = any(@fulfilmentWarehouseIds)
               and (@fulfilmentItemIds::int[] is null or ri.item_id = any(@fulfilmentItemIds))
        ),
        edge_requests as materialized (
            select r.reliefrqst_id, r.eligible_event_id
              from reliefrqst r
             where r.reliefrqst_id = any(array(select distinct reliefrqst_id from edge_lines))
               and r.status_code not in (4, 6, 8)
        ),
        fulfilled_parts as (
            select l.fr_inventory_id as warehouse_id, l.item_id, l.item_qty as qty, 1 as lines
              from edge_lines l
              join edge_requests r on r.reliefrqst_id = l.reliefrqst_id
             where coalesce(l.eligible_event_id, r.eligible_event_id) = @eventId
            union all
            select h.warehouse_id, h.item_id, h.fulfilled_qty, h.line_count
              from (select warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count
                      from fulfilment_hourly
                    union all
                    select warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count
                      from fulfilment_hourly_delta) h
             where h.warehouse_id = any(@fulfilmentWarehouseIds)
               and h.event_id = @eventId
               and h.hour_end > @wholeHoursFrom
               and h.hour_end <= @wholeHoursTo
               and (@fulfilmentItemIds::int[] is null or h.item_id = any(@fulfilmentItemIds))
        ),
        fulfilled as (
            select warehouse_id, item_id, sum(qty) as fulfilled_qty, sum(lines)::int as fulfillment_count
              from fulfilled_parts
             group by warehouse_id, item_id
        )
        """;

    /// <summary>The default lead time of each horizon effective at @asOf.</summary>
    private const string DefaultLeadTimesSql =
        """
        select horizon, lead_time_hours
          from lead_time_config
         where is_default
           and effective_from <= @asOf::date
           and (effective_to is null or effective_to >= @asOf::date)
        """;

    private const string EventSql =
        "select event_id, event_name, status_code, current_phase from event where event_id = @eventId";

    private const string PhaseConfigsSql =
        """
        select config_id, event_id, phase, demand_window_hours, planning_window_hours, safety_buffer_pct,
               safety_factor, freshness_threshold_hours, stale_threshold_hours, is_active, version_nbr
          from event_phase_config where event_id = @eventId and is_active
        """;

    /// <summary>The rows of <see cref="LoadItemsAsync"/> and <see cref="LoadTargetItemsAsync"/>, inbound aside (<see cref="InboundSql"/>).</summary>
    private const string ItemsSql =
        $"""
        with {FulfilledInWindowCtes},
        -- Filtered here, not only in the join below: one warehouse's 5,000 rows come from pk_inventory.
        stock as (
            select inv.inventory_id as warehouse_id, inv.item_id, inv.usable_qty, inv.reserved_qty, inv.uom_code
              from inventory inv
             where inv.inventory_id = any(@fulfilmentWarehouseIds)
               and (@fulfilmentItemIds::int[] is null or inv.item_id = any(@fulfilmentItemIds))
               and (@afterItemId::int is null or inv.item_id > @afterItemId)
        ),
        positions as (
            select w.warehouse_id, i.item_id, i.item_code, i.item_name, i.default_uom_code, i.criticality_level,
                   i.baseline_burn_rate, i.min_stock_threshold, inv.usable_qty, inv.reserved_qty, inv.uom_code,
                   -- legacy rows only guarantee reserved <= usable: a negative reservation reserves nothing
                   coalesce(inv.usable_qty, 0) <= greatest(coalesce(inv.reserved_qty, 0), 0) as out_of_stock
              from unnest(@fulfilmentWarehouseIds) as w(warehouse_id)
             cross join item i
              left join stock inv on inv.warehouse_id = w.warehouse_id and inv.item_id = i.item_id
             where i.status_code = 'A'
               and (@fulfilmentItemIds::int[] is null or i.item_id = any(@fulfilmentItemIds))
               and (@afterItemId::int is null or i.item_id > @afterItemId)
        ),
        -- SPEC 3.3, for the out-of-stock positions only (usable <= reserved, or no inventory row; a lateral
        -- read per position of the whole list would cost its setup 5,000 times): the item's dispatched lines
        -- up to @asOf from idx_reliefpkg_item_warehouse_item, each with its package; the last of them
        -- counted as rule 2 counts (the event, requests neither denied, cancelled nor ineligible); then
        -- what was fulfilled in the window of the same length that ends there. Each line's request is
        -- looked up only where it decides something: newest first until the last counted dispatch (the
        -- lines come sorted into the semi-join, so it stops at the first), then within that window.
        stocked_out as (
            select o.warehouse_id, o.item_id, so.last_dispatch, so.fulfilled_qty, so.fulfillment_count
              from positions o
             cross join lateral (
                    with shipped as materialized (
                        select p.dispatch_dtime, ri.item_qty, p.reliefrqst_id, p.eligible_event_id
                          from reliefpkg_item ri
                          join reliefpkg p on p.reliefpkg_id = ri.reliefpkg_id
                         where ri.fr_inventory_id = o.warehouse_id
                           and ri.item_id = o.item_id
                           and ri.item_qty > 0
                           and p.status_code in ('D', 'R')
                           and p.dispatch_dtime <= @asOf
                    ),
                    last_counted as (
                        select s.dispatch_dtime as last_dispatch
                          from (select * from shipped order by dispatch_dtime desc) s
                         where exists (select 1
                                         from reliefrqst r
                                        where r.reliefrqst_id = s.reliefrqst_id
                                          and coalesce(s.eligible_event_id, r.eligible_event_id) = @eventId
                                          and r.status_code not in (4, 6, 8))
                         order by s.dispatch_dtime desc
                         limit 1
                    )
                    select l.last_dispatch, sum(s.item_qty) as fulfilled_qty, count(*)::int as fulfillment_count
                      from last_counted l
                      join shipped s on s.dispatch_dtime > l.last_dispatch - make_interval(hours => @windowHours)
                                    and s.dispatch_dtime <= l.last_dispatch
                      join reliefrqst r on r.reliefrqst_id = s.reliefrqst_id
                     where coalesce(s.eligible_event_id, r.eligible_event_id) = @eventId
                       and r.status_code not in (4, 6, 8)
                     group by l.last_dispatch) so
             where o.out_of_stock
        )
        select o.warehouse_id,
               o.item_id,
               -- labels only when asked: a preview needs them for its lines only (see LoadItemDetailsAsync)
               case when @withLabels then o.item_code else '' end as item_code,
               case when @withLabels then o.item_name else '' end as item_name,
               case when @withLabels then coalesce(o.uom_code, o.default_uom_code) else '' end as uom_code,
               case when @withLabels then coalesce(o.criticality_level, 'NORMAL') else 'NORMAL' end as criticality,
               coalesce(o.usable_qty, 0) as available_qty,
               greatest(coalesce(o.reserved_qty, 0), 0) as reserved_qty,
               coalesce(f.fulfilled_qty, 0) as fulfilled_qty_in_window,
               coalesce(f.fulfillment_count, 0) as fulfillment_count,
               coalesce(o.baseline_burn_rate, 0) as baseline_burn_rate,
               coalesce(o.min_stock_threshold, 0) as min_stock_threshold,
               so.last_dispatch as last_dispatch_dtime,
               coalesce(so.fulfilled_qty, 0) as fulfilled_qty_before_last_dispatch,
               coalesce(so.fulfillment_count, 0) as fulfillment_count_before_last_dispatch
          from positions o
          left join fulfilled f on f.warehouse_id = o.warehouse_id and f.item_id = o.item_id
          left join stocked_out so on so.warehouse_id = o.warehouse_id and so.item_id = o.item_id
         order by o.warehouse_id, o.item_id
        """;


    /// <summary>
    /// SPEC 3.8: confirmed inbound = v_inbound_stock summed by warehouse, item and source, for the
    /// warehouse x items that have some. The DONATION and PROCUREMENT sums come from V8's inbound_summary
    /// and its not yet compacted deltas (kept equal to those branches of the view by triggers: one
    /// index range per warehouse instead of thousands of open documents); the TRANSFER rows from the
    /// view itself, whose other branches the planner then drops. Read apart from <see cref="ItemsSql"/>
    /// because it needs neither the phase nor the window, so a preview can read it on a second
    /// connection while the items are read.
    /// </summary>
    private const string InboundSql =
        """
        select s.warehouse_id, s.item_id,
               coalesce(sum(s.inbound_qty) filter (where s.source_type = 'TRANSFER'), 0) as transfer_qty,
               coalesce(sum(s.inbound_qty) filter (where s.source_type = 'DONATION'), 0) as donation_qty,
               coalesce(sum(s.inbound_qty) filter (where s.source_type = 'PROCUREMENT'), 0) as procurement_qty
          from (select warehouse_id, item_id, source_type, inbound_qty
                  from v_inbound_stock
                 where source_type = 'TRANSFER'
                union all
                select warehouse_id, item_id, source_type, inbound_qty
                  from inbound_summary
                union all
                select warehouse_id, item_id, source_type, inbound_qty
                  from inbound_summary_delta) s
         where s.warehouse_id = any(@fulfilmentWarehouseIds)
           and (@fulfilmentItemIds::int[] is null or s.item_id = any(@fulfilmentItemIds))
           and (@afterItemId::int is null or s.item_id > @afterItemId)
         group by s.warehouse_id, s.item_id
        """;

    /// <summary>
    /// The event, the target warehouse, the other active warehouses with their horizon-A route lead
    /// time to the target effective at @asOf (latest effective_from wins), the event's active phase
    /// configurations and the default lead times effective at @asOf. One round trip.
    /// </summary>
    public static async Task<CalculationContext> LoadContextAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int eventId,
        int warehouseId,
        DateTime asOf,
        CancellationToken cancellationToken)
    {
        const string sql =
            $"""
            {EventSql};

            select warehouse_id, warehouse_name, last_sync_dtime, status_code = 'A' as is_active
              from warehouse where warehouse_id = @warehouseId;

            select w.warehouse_id, w.warehouse_name, w.last_sync_dtime, true as is_active,
                   w.min_stock_threshold, rt.lead_time_hours as route_lead_time_hours
              from warehouse w
              left join lateral (
                    select l.lead_time_hours
                      from lead_time_config l
                     where l.horizon = 'A' and not l.is_default
                       and l.from_warehouse_id = w.warehouse_id and l.to_warehouse_id = @warehouseId
                       and l.effective_from <= @asOf::date
                       and (l.effective_to is null or l.effective_to >= @asOf::date)
                     order by l.effective_from desc, l.config_id desc
                     limit 1) rt on true
             where w.status_code = 'A' and w.warehouse_id <> @warehouseId
             order by w.warehouse_id;

            {PhaseConfigsSql};

            {DefaultLeadTimesSql};
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, new { eventId, warehouseId, asOf = Unspecified(asOf) }, transaction, cancellationToken: cancellationToken));
        var calculationEvent = await grid.ReadSingleOrDefaultAsync<CalculationEvent>();
        var warehouse = await grid.ReadSingleOrDefaultAsync<TargetWarehouse>();
        var sources = (await grid.ReadAsync<SourceWarehouse>()).AsList();
        var configs = (await grid.ReadAsync<PhaseConfigRow>()).AsList();
        var leadTimes = (await grid.ReadAsync<DefaultLeadTime>()).AsList();
        return new CalculationContext(calculationEvent, warehouse, sources, configs, leadTimes);
    }

    /// <summary>
    /// Every active item at each of <paramref name="warehouseIds"/> (or those of <paramref name="items"/>): stock
    /// (0 without an inventory row), confirmed inbound by source (<see cref="InboundSql"/>), fulfilled
    /// quantity in the demand window, the item's baseline burn rate and threshold, and its labels
    /// (code, name, unit, criticality). Ordered by warehouse, then item. Two round trips (items, then
    /// inbound); base tables for the asked warehouses only (never the all-warehouses cross join of
    /// v_stock_status).
    /// </summary>
    public static async Task<IReadOnlyList<WarehouseItem>> LoadItemsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int eventId,
        IReadOnlyCollection<int> warehouseIds,
        ItemSelection items,
        DemandWindow window,
        CancellationToken cancellationToken)
    {
        var rows = await WarehouseItemsAsync(connection, transaction, eventId, warehouseIds, items, window, withLabels: true, cancellationToken);
        var inbound = await LoadInboundAsync(connection, transaction, warehouseIds, items, cancellationToken);
        return rows.Select(row => row with { Item = inbound.AddTo(row.WarehouseId, row.Item) }).ToList();
    }

    /// <summary>Confirmed inbound (<see cref="InboundSql"/>) at <paramref name="warehouseIds"/> of <paramref name="items"/>. One round trip.</summary>
    public static async Task<InboundStock> LoadInboundAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        IReadOnlyCollection<int> warehouseIds,
        ItemSelection items,
        CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(items.Parameters);
        parameters.Add("fulfilmentWarehouseIds", warehouseIds.ToArray());
        var rows = await connection.QueryAsync<InboundRow>(new CommandDefinition(
            InboundSql, parameters, transaction, cancellationToken: cancellationToken));
        return new InboundStock(rows);
    }

    /// <summary>
    /// As <see cref="LoadItemsAsync"/> for one (target) warehouse, WITHOUT the labels (thousands of items
    /// are evaluated, only the few with a gap become lines, and <see cref="LoadItemDetailsAsync"/> brings
    /// their labels) and WITHOUT the inbound (<see cref="LoadInboundAsync"/>, which the caller may read
    /// at the same time on another connection). One round trip.
    /// </summary>
    public static async Task<IReadOnlyList<ItemInput>> LoadTargetItemsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int eventId,
        int warehouseId,
        DemandWindow window,
        CancellationToken cancellationToken)
    {
        var rows = await WarehouseItemsAsync(connection, transaction, eventId, [warehouseId], ItemSelection.All, window, withLabels: false, cancellationToken);
        return rows.Select(row => row.Item).ToList();
    }

    /// <summary><see cref="ItemsSql"/>'s rows with the warehouse each is at. One round trip.</summary>
    private static async Task<IReadOnlyList<WarehouseItem>> WarehouseItemsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int eventId,
        IReadOnlyCollection<int> warehouseIds,
        ItemSelection items,
        DemandWindow window,
        bool withLabels,
        CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(
            ItemsCommand(transaction, eventId, warehouseIds, items, window, withLabels, cancellationToken));
        return await ItemRowReader.ReadAllAsync(reader, cancellationToken);
    }

    private static CommandDefinition ItemsCommand(
        NpgsqlTransaction? transaction,
        int eventId,
        IReadOnlyCollection<int> warehouseIds,
        ItemSelection items,
        DemandWindow window,
        bool withLabels,
        CancellationToken cancellationToken)
    {
        var parameters = WithWindow(items.Parameters, window);
        parameters.AddDynamicParams(new { eventId, fulfilmentWarehouseIds = warehouseIds.ToArray(), withLabels });
        return new CommandDefinition(ItemsSql, parameters, transaction, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// For the items with a gap: their stock at the eligible sources (rows with usable stock above
    /// the reservation only: a source without any cannot give), each source's own fulfilled
    /// quantity in the same window, and what open needs lists (@holdingStatuses) already allocated
    /// from it (their horizon-A split as held: adjusted where adjusted; less what transfers created from the list already dispatched
    /// from that source, as that has left its stock).
    /// </summary>
    private const string SourceStockSql =
        $"""
        with {FulfilledInWindowCtes},
        allocated_per_list as (
            select nl.needs_list_id, s.source_warehouse_id as warehouse_id, nli.item_id, sum(s.held_qty) as qty
              from v_needs_list_item_source s
              join needs_list_item nli on nli.needs_list_item_id = s.needs_list_item_id
              join needs_list nl on nl.needs_list_id = nli.needs_list_id
             where s.source_warehouse_id = any(@fulfilmentWarehouseIds)
               and nli.item_id = any(@fulfilmentItemIds)
               and nl.status_code = any(@holdingStatuses)
             group by nl.needs_list_id, s.source_warehouse_id, nli.item_id
        ),
        dispatched_per_list as (
            select t.needs_list_id, t.fr_inventory_id as warehouse_id, ti.item_id, sum(ti.item_qty) as qty
              from transfer t
              join transfer_item ti on ti.transfer_id = t.transfer_id
             where t.needs_list_id in (select needs_list_id from allocated_per_list)
               and t.status_code <> 'P'
             group by t.needs_list_id, t.fr_inventory_id, ti.item_id
        ),
        allocated as (
            select a.warehouse_id, a.item_id, sum(greatest(a.qty - coalesce(d.qty, 0), 0)) as qty
              from allocated_per_list a
              left join dispatched_per_list d
                     on d.needs_list_id = a.needs_list_id and d.warehouse_id = a.warehouse_id and d.item_id = a.item_id
             group by a.warehouse_id, a.item_id
        )
        select inv.inventory_id as warehouse_id, inv.item_id,
               inv.usable_qty as available_qty,
               greatest(inv.reserved_qty, 0) as reserved_qty,
               coalesce(f.fulfilled_qty, 0) as fulfilled_qty_in_window,
               coalesce(a.qty, 0) as allocated_open_qty
          from inventory inv
          left join fulfilled f on f.warehouse_id = inv.inventory_id and f.item_id = inv.item_id
          left join allocated a on a.warehouse_id = inv.inventory_id and a.item_id = inv.item_id
         where inv.inventory_id = any(@fulfilmentWarehouseIds)
           and inv.item_id = any(@fulfilmentItemIds)
           and inv.usable_qty > inv.reserved_qty
         order by inv.inventory_id, inv.item_id
        """;

    /// <summary>
    /// Horizon B's pledges, "expected but unconfirmed donations for the event and item (entered or
    /// pledged, not verified)", decided precisely: a donation line of the event with a quantity counts
    /// when the donation is still ENTERED (E: nothing verified yet, whatever its lines say), or when the
    /// donation is VERIFIED (V) but the line itself is still only PLEDGED (P). A PROCESSED (P) donation
    /// is done and never counts. Verified lines of verified donations are confirmed stock (v_inbound_stock,
    /// in transit until their intake is verified), so nothing counts twice. Each line comes with what
    /// open needs lists (@holdingStatuses; all but @exceptNeedsListId) already drew from it
    /// (v_needs_list_item_pledge's held_qty: the adjusted draw where adjusted). Donations name no warehouse: every warehouse of the event draws on them.
    /// </summary>
    public const string PledgesSql =
        """
        with pledge_lines as (
            select d.donation_id, di.item_id, d.donation_desc as description, d.received_date as pledged_on,
                   di.item_qty as pledged_qty
              from donation d
              join donation_item di on di.donation_id = d.donation_id
             where d.event_id = @eventId
               and di.item_id = any(@fulfilmentItemIds)
               and di.item_qty > 0
               and (d.status_code = 'E' or (d.status_code = 'V' and di.status_code = 'P'))
        ),
        drawn_open as (
            select nli.item_id, p.donation_id, sum(p.held_qty) as qty
              from needs_list nl
              join needs_list_item nli on nli.needs_list_id = nl.needs_list_id
              join v_needs_list_item_pledge p on p.needs_list_item_id = nli.needs_list_item_id
             where nl.event_id = @eventId
               and nl.status_code = any(@holdingStatuses)
               and nl.needs_list_id <> coalesce(@exceptNeedsListId::int, 0)
               and nli.item_id = any(@fulfilmentItemIds)
             group by nli.item_id, p.donation_id
        )
        select pl.donation_id, pl.item_id, pl.description, pl.pledged_on, pl.pledged_qty,
               coalesce(dr.qty, 0) as drawn_open_qty
          from pledge_lines pl
          left join drawn_open dr on dr.item_id = pl.item_id and dr.donation_id = pl.donation_id
         order by pl.item_id, pl.pledged_on, pl.donation_id
        """;

    /// <summary>
    /// The transaction-scoped advisory lock on the pledges of event @eventId: a generate holds it shared
    /// while it reads them (so it sees a concurrent submit's draws once that commits), a submit exclusively
    /// while it checks its own draws (so two submits never promise the same units).
    /// </summary>
    public const string PledgeLockKeySql = "hashtextextended('pledges:' || @eventId, 0)";

    /// <summary>
    /// The event's pledges of <paramref name="itemIds"/> (<see cref="PledgesSql"/>) with what the open lists other
    /// than <paramref name="exceptNeedsListId"/> drew from them. One round trip.
    /// </summary>
    public static async Task<IReadOnlyList<PledgeLine>> LoadPledgesAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int eventId,
        IReadOnlyCollection<int> itemIds,
        IReadOnlyCollection<string> holdingStatuses,
        int exceptNeedsListId,
        CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<PledgeLine>(new CommandDefinition(
            PledgesSql,
            new { eventId, fulfilmentItemIds = itemIds.ToArray(), holdingStatuses = holdingStatuses.ToArray(), exceptNeedsListId },
            transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>For the items with a gap, their stock at the eligible sources (see <see cref="SourceStockSql"/>). One round trip.</summary>
    public static async Task<IReadOnlyList<SourceItemStock>> LoadSourceStockAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int eventId,
        IReadOnlyCollection<int> sourceWarehouseIds,
        IReadOnlyCollection<int> itemIds,
        IReadOnlyCollection<string> holdingStatuses,
        DemandWindow window,
        CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<SourceItemStock>(new CommandDefinition(
            SourceStockSql,
            SupplyParameters(eventId, sourceWarehouseIds, itemIds, holdingStatuses, window),
            transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// What the waterfall draws on for the items with a gap: the sources' stock (<see cref="SourceStockSql"/>)
    /// and the event's pledges (<see cref="PledgesSql"/>). Inside a transaction (a generate) the pledges are
    /// read under the shared pledge lock (<see cref="PledgeLockKeySql"/>), after it is granted. One round trip.
    /// </summary>
    public static async Task<(IReadOnlyList<SourceItemStock> SourceStock, IReadOnlyList<PledgeLine> Pledges)> LoadSupplyAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int eventId,
        IReadOnlyCollection<int> sourceWarehouseIds,
        IReadOnlyCollection<int> itemIds,
        IReadOnlyCollection<string> holdingStatuses,
        DemandWindow window,
        CancellationToken cancellationToken)
    {
        var pledgeLock = transaction is null ? "" : $"select pg_advisory_xact_lock_shared({PledgeLockKeySql});";
        var parameters = SupplyParameters(eventId, sourceWarehouseIds, itemIds, holdingStatuses, window);
        parameters.Add("exceptNeedsListId", null);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            $"{SourceStockSql};\n{pledgeLock}\n{PledgesSql};", parameters, transaction, cancellationToken: cancellationToken));
        var sourceStock = (await grid.ReadAsync<SourceItemStock>()).AsList();
        if (transaction is not null)
        {
            await grid.ReadAsync();
        }

        var pledges = (await grid.ReadAsync<PledgeLine>()).AsList();
        return (sourceStock, pledges);
    }

    private static DynamicParameters SupplyParameters(
        int eventId,
        IReadOnlyCollection<int> sourceWarehouseIds,
        IReadOnlyCollection<int> itemIds,
        IReadOnlyCollection<string> holdingStatuses,
        DemandWindow window) =>
        WithWindow(
            new
            {
                eventId,
                fulfilmentWarehouseIds = sourceWarehouseIds.ToArray(),
                fulfilmentItemIds = itemIds.ToArray(),
                holdingStatuses = holdingStatuses.ToArray(),
            },
            window);

    /// <summary>Unit values of @fulfilmentItemIds: the average avg_unit_value of their active batches, all warehouses.</summary>
    private const string UnitValuesSql =
        """
        select item_id, avg(avg_unit_value) as unit_value
          from itembatch
         where status_code = 'A' and item_id = any(@fulfilmentItemIds)
         group by item_id
        """;

    /// <summary>
    /// For the items with a gap: their unit values (average avg_unit_value of active batches, all
    /// warehouses) and their labels at the target (code, name, the target's unit, criticality). Needs
    /// neither the window nor the sources, so it can be read beside <see cref="LoadSupplyAsync"/>. One round trip.
    /// </summary>
    public static async Task<ItemDetails> LoadItemDetailsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int targetWarehouseId,
        IReadOnlyCollection<int> itemIds,
        CancellationToken cancellationToken)
    {
        const string sql =
            $"""
            {UnitValuesSql};

            select i.item_id, i.item_code, i.item_name,
                   coalesce(inv.uom_code, i.default_uom_code) as uom_code,
                   coalesce(i.criticality_level, 'NORMAL') as criticality
              from item i
              left join inventory inv on inv.inventory_id = @targetWarehouseId and inv.item_id = i.item_id
             where i.item_id = any(@fulfilmentItemIds);
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql,
            new { targetWarehouseId, fulfilmentItemIds = itemIds.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        var unitValues = (await grid.ReadAsync<(int ItemId, decimal UnitValue)>())
            .ToDictionary(row => row.ItemId, row => row.UnitValue);
        var labels = (await grid.ReadAsync<ItemLabel>()).ToDictionary(label => label.ItemId);
        return new ItemDetails(unitValues, labels);
    }

    /// <summary>
    /// The dashboard's context: the event, its active phase configurations, the warehouses (the
    /// given one whatever its status, else every active one) and whether the given item exists
    /// (true when none is given). One round trip.
    /// </summary>
    public static async Task<DashboardContext> LoadDashboardContextAsync(
        NpgsqlConnection connection, int eventId, int? warehouseId, int? itemId, CancellationToken cancellationToken)
    {
        const string sql =
            $"""
            {EventSql};

            {PhaseConfigsSql};

            select warehouse_id, warehouse_name, status_code = 'A' as is_active, last_sync_dtime, sync_status
              from warehouse
             where (@warehouseId::int is null and status_code = 'A') or warehouse_id = @warehouseId
             order by warehouse_id;

            select @itemId::int is null or exists (select 1 from item where item_id = @itemId);
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, new { eventId, warehouseId, itemId }, cancellationToken: cancellationToken));
        var calculationEvent = await grid.ReadSingleOrDefaultAsync<CalculationEvent>();
        var configs = (await grid.ReadAsync<PhaseConfigRow>()).AsList();
        var warehouses = (await grid.ReadAsync<WarehouseRow>()).AsList();
        var itemExists = await grid.ReadSingleAsync<bool>();
        return new DashboardContext(calculationEvent, configs, warehouses, itemExists);
    }

    /// <summary>The event and its active phase configurations (event null: not found). One round trip.</summary>
    public static async Task<(CalculationEvent? Event, IReadOnlyList<PhaseConfigRow> PhaseConfigs)> LoadEventAsync(
        NpgsqlConnection connection, int eventId, CancellationToken cancellationToken)
    {
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            $"{EventSql}; {PhaseConfigsSql};", new { eventId }, cancellationToken: cancellationToken));
        var calculationEvent = await grid.ReadSingleOrDefaultAsync<CalculationEvent>();
        return (calculationEvent, (await grid.ReadAsync<PhaseConfigRow>()).AsList());
    }

    /// <summary>Active warehouses (or the given ones, whatever their status), in id order.</summary>
    public static async Task<IReadOnlyList<WarehouseRow>> LoadWarehousesAsync(
        NpgsqlConnection connection, IReadOnlyCollection<int>? warehouseIds, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<WarehouseRow>(new CommandDefinition(
            """
            select warehouse_id, warehouse_name, status_code = 'A' as is_active, last_sync_dtime, sync_status
              from warehouse
             where (@warehouseIds::int[] is null and status_code = 'A')
                or warehouse_id = any(@warehouseIds)
             order by warehouse_id
            """,
            new { warehouseIds = warehouseIds?.ToArray() },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The parameters plus the demand window's bounds, as <see cref="FulfilledInWindowCtes"/> reads them.</summary>
    private static DynamicParameters WithWindow(object parameters, DemandWindow window)
    {
        var all = new DynamicParameters(parameters);
        all.Add("windowStart", Unspecified(window.Start));
        all.Add("wholeHoursFrom", Unspecified(window.WholeHoursFrom));
        all.Add("wholeHoursTo", Unspecified(window.WholeHoursTo));
        all.Add("asOf", Unspecified(window.End));
        all.Add("windowHours", window.LengthHours);
        return all;
    }

    /// <summary>Npgsql writes DateTime of kind Unspecified as timestamp without time zone.</summary>
    public static DateTime Unspecified(DateTime moment) => DateTime.SpecifyKind(moment, DateTimeKind.Unspecified);
}
