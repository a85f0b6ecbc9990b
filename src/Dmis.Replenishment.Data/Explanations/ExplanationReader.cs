using Dapper;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Domain.NeedsLists;
using Npgsql;

namespace Dmis.Replenishment.Data.Explanations;

/// <summary>
/// The reads behind ExplainNeedsListLine: the fulfilment lines of a burn rate's window (legacy history,
/// so a stored list's window can be re-read), and for a preview line the documents behind its inbound, the
/// open lists holding its sources' stock and its pledges, and the inactive warehouses. Counting rules as
/// <see cref="CalculationReader"/>'s (SPEC 3.2); nothing decided here.
/// </summary>
public static class ExplanationReader
{
    /// <summary>
    /// The fulfilment lines leaving @warehouseId of @itemId in (@windowStart, @windowEnd], counted as rule 2
    /// counts (packages D or R, the package's eligible event else the request's, requests neither denied,
    /// cancelled nor ineligible), oldest first, after the page position; from idx_reliefpkg_item_warehouse_item.
    /// </summary>
    private const string FulfilmentLinesSql =
        """
        select p.reliefpkg_id, p.reliefrqst_id, ri.item_id, ri.batch_id, ri.item_qty as qty,
               p.dispatch_dtime as dispatched_at, p.status_code as package_status
          from reliefpkg_item ri
          join reliefpkg p on p.reliefpkg_id = ri.reliefpkg_id
          join reliefrqst r on r.reliefrqst_id = p.reliefrqst_id
         where ri.fr_inventory_id = @warehouseId
           and ri.item_id = @itemId
           and p.status_code in ('D', 'R')
           and p.dispatch_dtime > @windowStart
           and p.dispatch_dtime <= @windowEnd
           and coalesce(p.eligible_event_id, r.eligible_event_id) = @eventId
           and r.status_code not in (4, 6, 8)
           and (@afterDispatch::timestamp is null
                or (p.dispatch_dtime, p.reliefpkg_id, ri.batch_id) > (@afterDispatch, @afterPackage, @afterBatch))
         order by p.dispatch_dtime, p.reliefpkg_id, ri.batch_id
         limit @limit
        """;

    /// <summary>A page of the fulfilment lines behind a burn rate (<see cref="FulfilmentLinesSql"/>). One round trip.</summary>
    public static async Task<IReadOnlyList<FulfilmentLineRow>> LoadFulfilmentLinesAsync(
        NpgsqlConnection connection,
        int eventId,
        int warehouseId,
        int itemId,
        DateTime windowStart,
        DateTime windowEnd,
        FulfilmentLinePosition? after,
        int limit,
        CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<FulfilmentLineRow>(new CommandDefinition(
            FulfilmentLinesSql,
            new
            {
                eventId,
                warehouseId,
                itemId,
                windowStart = CalculationReader.Unspecified(windowStart),
                windowEnd = CalculationReader.Unspecified(windowEnd),
                afterDispatch = after is null ? (DateTime?)null : CalculationReader.Unspecified(after.DispatchedAt),
                afterPackage = after?.ReliefpkgId ?? 0,
                afterBatch = after?.BatchId ?? 0,
                limit,
            },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// For a preview line: the rows of v_inbound_stock at the warehouse for the item; the inactive warehouses
    /// but the target; what each open list (@holdingStatuses) holds at each source for the item (its horizon-A
    /// split less what its transfers already dispatched from there, as the calculation counts it); and what
    /// each open list of the event drew from each pledge of the item. One round trip.
    /// </summary>
    public static async Task<CurrentEvidence> LoadCurrentEvidenceAsync(
        NpgsqlConnection connection,
        int eventId,
        int warehouseId,
        int itemId,
        IReadOnlyCollection<string> holdingStatuses,
        CancellationToken cancellationToken)
    {
        const string sql =
            """
            select source_type, source_id as document_id, inbound_qty as qty, expected_arrival
              from v_inbound_stock
             where warehouse_id = @warehouseId and item_id = @itemId
             order by source_type desc, source_id;

            select warehouse_id, warehouse_name, last_sync_dtime, false as is_active, min_stock_threshold
              from warehouse
             where status_code <> 'A' and warehouse_id <> @warehouseId
             order by warehouse_id;

            with held as (
                select nl.needs_list_id, nl.needs_list_no, s.source_warehouse_id, sum(s.qty) as qty
                  from needs_list nl
                  join needs_list_item nli on nli.needs_list_id = nl.needs_list_id
                  join v_needs_list_item_source s on s.needs_list_item_id = nli.needs_list_item_id
                 where nl.status_code = any(@holdingStatuses)
                   and nli.item_id = @itemId
                 group by nl.needs_list_id, nl.needs_list_no, s.source_warehouse_id
            ),
            dispatched as (
                select t.needs_list_id, t.fr_inventory_id, sum(ti.item_qty) as qty
                  from transfer t
                  join transfer_item ti on ti.transfer_id = t.transfer_id
                 where t.needs_list_id in (select needs_list_id from held)
                   and t.status_code <> 'P'
                   and ti.item_id = @itemId
                 group by t.needs_list_id, t.fr_inventory_id
            )
            select h.source_warehouse_id as holder_id, h.needs_list_id, h.needs_list_no, h.qty - coalesce(d.qty, 0) as qty
              from held h
              left join dispatched d on d.needs_list_id = h.needs_list_id and d.fr_inventory_id = h.source_warehouse_id
             where h.qty > coalesce(d.qty, 0)
             order by h.source_warehouse_id, h.needs_list_id;

            select p.donation_id as holder_id, nl.needs_list_id, nl.needs_list_no, sum(p.qty) as qty
              from needs_list nl
              join needs_list_item nli on nli.needs_list_id = nl.needs_list_id
              join v_needs_list_item_pledge p on p.needs_list_item_id = nli.needs_list_item_id
             where nl.event_id = @eventId
               and nl.status_code = any(@holdingStatuses)
               and nli.item_id = @itemId
             group by p.donation_id, nl.needs_list_id, nl.needs_list_no
             order by p.donation_id, nl.needs_list_id;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql,
            new { eventId, warehouseId, itemId, holdingStatuses = holdingStatuses.ToArray() },
            cancellationToken: cancellationToken));
        var inbound = (await grid.ReadAsync<InboundDocumentRow>()).AsList();
        var inactive = (await grid.ReadAsync<SourceWarehouse>()).AsList();
        var sourceHolds = (await grid.ReadAsync<HoldRow>()).AsList();
        var pledgeHolds = (await grid.ReadAsync<HoldRow>()).AsList();
        return new CurrentEvidence(inbound, inactive, sourceHolds, pledgeHolds);
    }

    /// <summary>The list a line belongs to and its item; null when there is no such line. One round trip.</summary>
    public static async Task<(int NeedsListId, int ItemId)?> FindLineAsync(
        NpgsqlConnection connection, long needsListItemId, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<(int, int)?>(new CommandDefinition(
            "select needs_list_id, item_id from needs_list_item where needs_list_item_id = @needsListItemId",
            new { needsListItemId },
            cancellationToken: cancellationToken));

    /// <summary>
    /// What the generate of list @needsListId kept for item @itemId (needs_list_evidence, V18): its lead times, the
    /// sources it left out and the eligible ones (with names), the eligible sources' figures for the item, and the
    /// item's pledges (with the donations' descriptions and dates). One round trip.
    /// </summary>
    public static async Task<StoredEvidence> LoadStoredEvidenceAsync(
        NpgsqlConnection connection, int needsListId, int itemId, CancellationToken cancellationToken)
    {
        const string sql =
            """
            select horizon_a_lead_time_hours, horizon_b_lead_time_hours, horizon_c_lead_time_hours
              from needs_list_evidence where needs_list_id = @needsListId;

            select s.warehouse_id, w.warehouse_name, s.eligible, s.data_age_hours, s.lead_time_hours
              from needs_list_evidence e
             cross join lateral (
                    select x.warehouse_id, false as eligible, x.data_age_hours, 0 as lead_time_hours
                      from unnest(e.excluded_warehouse_ids, e.excluded_data_age_hours) as x(warehouse_id, data_age_hours)
                    union all
                    select x.warehouse_id, true, null, x.lead_time_hours
                      from unnest(e.eligible_warehouse_ids, e.eligible_lead_time_hours) as x(warehouse_id, lead_time_hours)) s
              join warehouse w on w.warehouse_id = s.warehouse_id
             where e.needs_list_id = @needsListId;

            select s.warehouse_id, s.usable_qty, s.threshold_qty, s.own_required_qty, s.held_qty
              from needs_list_evidence e
             cross join lateral unnest(e.source_item_ids, e.source_warehouse_ids, e.source_usable_qtys, e.source_threshold_qtys,
                                       e.source_own_required_qtys, e.source_held_qtys)
                   as s(item_id, warehouse_id, usable_qty, threshold_qty, own_required_qty, held_qty)
             where e.needs_list_id = @needsListId and s.item_id = @itemId;

            select p.donation_id, d.donation_desc as description, d.received_date as pledged_on, p.pledged_qty,
                   p.drawn_qty as drawn_open_qty
              from needs_list_evidence e
             cross join lateral unnest(e.pledge_item_ids, e.pledge_donation_ids, e.pledge_pledged_qtys, e.pledge_drawn_qtys)
                   as p(item_id, donation_id, pledged_qty, drawn_qty)
              join donation d on d.donation_id = p.donation_id
             where e.needs_list_id = @needsListId and p.item_id = @itemId;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, new { needsListId, itemId }, cancellationToken: cancellationToken));
        var leadTimes = await grid.ReadSingleOrDefaultAsync<(int, int, int)?>();
        var sources = (await grid.ReadAsync<StoredSourceRow>()).AsList();
        var figures = (await grid.ReadAsync<StoredSourceFiguresRow>()).AsList();
        var pledges = (await grid.ReadAsync<StoredPledgeRow>()).AsList();
        return new StoredEvidence(leadTimes, sources, figures, pledges);
    }
}
