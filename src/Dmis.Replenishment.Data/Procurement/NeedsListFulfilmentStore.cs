using Dapper;
using Dmis.Replenishment.Data.Infrastructure;

namespace Dmis.Replenishment.Data.Procurement;

/// <summary>
/// What procurement and transfers read and write of a needs list, inside the caller's transaction:
/// lock the header, read the lines with what is already procured, move the status (audited), and
/// advance the lines' fulfilment. needs_list_audit is append-only: only inserts here.
/// </summary>
public static class NeedsListFulfilmentStore
{
    /// <summary>The header with its event's current phase, locked for update; null when it does not exist.</summary>
    public static Task<NeedsListLockRow?> LockAsync(DbScope scope, int needsListId, CancellationToken cancellationToken) =>
        scope.Connection.QuerySingleOrDefaultAsync<NeedsListLockRow>(new CommandDefinition(
            """
            select nl.needs_list_id, nl.needs_list_no, nl.event_id, nl.warehouse_id, nl.status_code, nl.version_nbr,
                   e.current_phase as event_phase
              from needs_list nl
              join event e on e.event_id = nl.event_id
             where nl.needs_list_id = @needsListId
               for update of nl
            """,
            new { needsListId },
            scope.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// The lines, each with what open procurements of the list (not REJECTED or CANCELLED, other
    /// than <paramref name="exceptProcurementId"/>) already order for it, and the item's estimated unit value.
    /// </summary>
    public static async Task<IReadOnlyList<NeedsListSupplyLineRow>> LinesAsync(
        DbScope scope, int needsListId, int exceptProcurementId, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<NeedsListSupplyLineRow>(new CommandDefinition(
            """
            select nli.needs_list_item_id, nli.item_id, nli.uom_code, nli.gap_qty, nli.adjusted_qty, nli.horizon_a_qty,
                   nli.horizon_b_qty, nli.horizon_c_qty, nli.fulfilled_qty, nli.fulfillment_status,
                   coalesce((select sum(pi.ordered_qty)
                               from procurement_item pi
                               join procurement p on p.procurement_id = pi.procurement_id
                              where pi.needs_list_item_id = nli.needs_list_item_id
                                and p.procurement_id <> @exceptProcurementId
                                and p.status_code not in ('REJECTED', 'CANCELLED')), 0) as procured_qty,
                   (select round(avg(b.avg_unit_value), 2) from itembatch b
                     where b.item_id = nli.item_id and b.status_code = 'A') as estimated_unit_value
              from needs_list_item nli
             where nli.needs_list_id = @needsListId
             order by nli.needs_list_item_id
            """,
            new { needsListId, exceptProcurementId },
            scope.Transaction,
            cancellationToken: cancellationToken))).AsList();

    /// <summary>Sets the status (version + 1) and appends the audit row.</summary>
    public static Task ChangeStatusAsync(
        DbScope scope, int needsListId, string oldStatus, string newStatus, string auditAction, string notes, string actor,
        DateTime now, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            update needs_list
               set status_code = @newStatus, update_by_id = @actor, update_dtime = @now,
                   version_nbr = version_nbr + 1
             where needs_list_id = @needsListId;
            insert into needs_list_audit (needs_list_id, action_type, field_name, old_value, new_value, notes_text, actor_user_id,
                                          action_dtime)
            values (@needsListId, @auditAction, 'status_code', @oldStatus, @newStatus, left(@notes, 500), @actor, @now);
            """,
            new { needsListId, oldStatus, newStatus, auditAction, notes, actor, now },
            scope.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>New fulfilled quantities and statuses of lines, each audited (field fulfilled_qty).</summary>
    public static Task FulfilAsync(
        DbScope scope, int needsListId, IReadOnlyList<FulfilledLineValues> lines, string auditAction, string notes, string actor,
        DateTime now, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            with changed as (
                update needs_list_item nli
                   set fulfilled_qty = l.fulfilled_qty, fulfillment_status = l.status,
                       update_by_id = @actor, update_dtime = @now, version_nbr = nli.version_nbr + 1
                  from unnest(@ids, @fulfilledQtys, @statuses) as l(id, fulfilled_qty, status)
                 where nli.needs_list_item_id = l.id and nli.needs_list_id = @needsListId
                returning nli.needs_list_item_id
            )
            insert into needs_list_audit (needs_list_id, needs_list_item_id, action_type, field_name, old_value, new_value,
                                          notes_text, actor_user_id, action_dtime)
            select @needsListId, l.id, @auditAction, 'fulfilled_qty', l.old_qty::text, l.fulfilled_qty::text, left(@notes, 500), @actor, @now
              from unnest(@ids, @oldQtys, @fulfilledQtys) as l(id, old_qty, fulfilled_qty)
              join changed c on c.needs_list_item_id = l.id
            """,
            new
            {
                needsListId,
                auditAction,
                notes,
                actor,
                now,
                ids = lines.Select(l => l.NeedsListItemId).ToArray(),
                oldQtys = lines.Select(l => l.OldFulfilledQty).ToArray(),
                fulfilledQtys = lines.Select(l => l.FulfilledQty).ToArray(),
                statuses = lines.Select(l => l.FulfillmentStatus).ToArray(),
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
}
