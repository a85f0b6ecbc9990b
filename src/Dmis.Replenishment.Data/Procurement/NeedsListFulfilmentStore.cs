using Dapper;
using Dmis.Replenishment.Data.Infrastructure;

namespace Dmis.Replenishment.Data.Procurement;

/// <summary>
/// What procurement reads of a needs list's lines inside the caller's transaction. The list itself
/// (status, lines, audit) is loaded and saved by <see cref="NeedsLists.NeedsListRepository"/>.
/// </summary>
public static class NeedsListFulfilmentStore
{
    /// <summary>
    /// The lines, each with what open procurements of the list (not REJECTED or CANCELLED, other
    /// than <paramref name="exceptProcurementId"/>) already order for it, and the item's estimated unit value.
    /// </summary>
    public static async Task<IReadOnlyList<NeedsListSupplyLineRow>> LinesAsync(
        DbScope scope, int needsListId, int exceptProcurementId, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<NeedsListSupplyLineRow>(new CommandDefinition(
            """
            select nli.needs_list_item_id, nli.item_id, nli.uom_code,
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
}
