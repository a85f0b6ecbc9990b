using Dapper;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.Inventory;
using Npgsql;

namespace Dmis.Replenishment.Data.Procurement;

/// <summary>
/// Procurements: reads on their own connection, writes inside the caller's transaction. Lines are
/// written with arrays (<c>unnest</c>), so a procurement of any size takes a constant number of round trips.
/// </summary>
public sealed class ProcurementStore(ReadConnections reads)
{
    private const string HeaderSelect =
        """
        select p.procurement_id, p.procurement_no, p.needs_list_id, p.event_id, p.target_warehouse_id, p.supplier_id,
               p.procurement_method, p.po_number, p.total_value, p.currency_code, p.status_code, p.approved_at, p.approved_by,
               p.approval_threshold_tier, p.shipped_at, p.expected_arrival, p.received_at, p.received_by, p.notes_text,
               p.submitted_by, p.submitted_at, p.status_reason, p.create_by_id, p.create_dtime, p.version_nbr
          from procurement p
        """;

    private const string LineSelect =
        """
        select pi.procurement_item_id, pi.procurement_id, pi.item_id, i.item_code, i.item_name, pi.needs_list_item_id,
               pi.ordered_qty, pi.unit_price, pi.line_total, pi.uom_code, pi.received_qty, pi.status_code
          from procurement_item pi
          join item i on i.item_id = pi.item_id
        """;

    /// <summary>The ids of one ListProcurements page: newest first, below @beforeId, filtered.</summary>
    private const string PageSql =
        """
        select p.procurement_id from procurement p
         where p.procurement_id < @beforeId
           and (@eventId = 0 or p.event_id = @eventId)
           and (@needsListId = 0 or p.needs_list_id = @needsListId)
           and (@targetWarehouseId = 0 or p.target_warehouse_id = @targetWarehouseId)
           and (cardinality(@statuses) = 0 or p.status_code = any(@statuses))
         order by p.procurement_id desc
         limit @limit
        """;

    public async Task<StoredProcurement?> GetAsync(int procurementId, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        return await GetAsync(connection, null, procurementId, forUpdate: false, cancellationToken);
    }

    public static async Task<StoredProcurement?> GetAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int procurementId, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            {HeaderSelect}
             where p.procurement_id = @procurementId {(forUpdate ? "for update of p" : "")};

            {LineSelect}
             where pi.procurement_id = @procurementId
             order by pi.procurement_item_id;
            """,
            new { procurementId },
            transaction,
            cancellationToken: cancellationToken));
        var header = await grid.ReadSingleOrDefaultAsync<ProcurementHeaderRow>();
        var lines = (await grid.ReadAsync<ProcurementLineRow>()).AsList();
        return header is null ? null : new StoredProcurement(header, lines);
    }

    /// <summary>Newest first (by id) below <paramref name="beforeId"/>, with their lines. One round trip.</summary>
    public async Task<IReadOnlyList<StoredProcurement>> ListAsync(
        ProcurementFilter filter, long beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            {HeaderSelect}
             where p.procurement_id in ({PageSql})
             order by p.procurement_id desc;

            {LineSelect}
             where pi.procurement_id in ({PageSql})
             order by pi.procurement_item_id;
            """,
            new
            {
                beforeId = beforeId > int.MaxValue ? int.MaxValue + 1L : beforeId,
                filter.EventId,
                filter.NeedsListId,
                filter.TargetWarehouseId,
                statuses = filter.Statuses.ToArray(),
                limit,
            },
            cancellationToken: cancellationToken));
        var headers = (await grid.ReadAsync<ProcurementHeaderRow>()).AsList();
        var lines = (await grid.ReadAsync<ProcurementLineRow>()).ToLookup(line => line.ProcurementId);
        return [.. headers.Select(header => new StoredProcurement(header, [.. lines[header.ProcurementId]]))];
    }

    /// <summary>
    /// Serialises numbering of one event's procurements until the transaction ends
    /// (pg_advisory_xact_lock), then returns the numbers already given with <paramref name="numberPrefix"/>.
    /// </summary>
    public static async Task<IReadOnlyList<string>> LockNumbersAsync(
        DbScope scope, int eventId, string numberPrefix, CancellationToken cancellationToken)
    {
        await using var grid = await scope.Connection.QueryMultipleAsync(new CommandDefinition(
            """
            select pg_advisory_xact_lock(hashtextextended('procurement:' || @eventId, 0));
            select procurement_no from procurement where procurement_no like @numberPrefix || '%';
            """,
            new { eventId, numberPrefix },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await grid.ReadAsync();
        return (await grid.ReadAsync<string>()).AsList();
    }

    /// <summary>Inserts a DRAFT header and its lines; returns the new id.</summary>
    public static async Task<int> InsertAsync(
        DbScope scope, ProcurementHeaderRow header, IReadOnlyList<ProcurementLineValues> lines, string actor, DateTime now,
        CancellationToken cancellationToken)
    {
        var id = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into procurement (procurement_no, needs_list_id, event_id, target_warehouse_id, supplier_id, procurement_method,
                                     total_value, currency_code, status_code, notes_text, create_by_id, create_dtime,
                                     update_by_id, update_dtime)
            values (@ProcurementNo, @NeedsListId, @EventId, @TargetWarehouseId, @SupplierId, @ProcurementMethod,
                    @TotalValue, 'JMD', 'DRAFT', @NotesText, @actor, @now, @actor, @now)
            returning procurement_id
            """,
            new
            {
                header.ProcurementNo, header.NeedsListId, header.EventId, header.TargetWarehouseId, header.SupplierId,
                header.ProcurementMethod, header.TotalValue, header.NotesText, actor, now,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await SaveLinesAsync(scope, id, lines, [], actor, now, cancellationToken);
        return id;
    }

    /// <summary>
    /// Writes a draft's lines: <paramref name="lines"/> are inserted or updated (by item),
    /// <paramref name="removedItemIds"/> deleted. One round trip.
    /// </summary>
    public static Task SaveLinesAsync(
        DbScope scope, int procurementId, IReadOnlyList<ProcurementLineValues> lines, IReadOnlyList<int> removedItemIds,
        string actor, DateTime now, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            with input as (
                select * from unnest(@itemIds, @needsListItemIds, @orderedQtys, @unitPrices, @lineTotals, @uomCodes)
                       as l(item_id, needs_list_item_id, ordered_qty, unit_price, line_total, uom_code)
            ),
            removed as (
                delete from procurement_item where procurement_id = @procurementId and item_id = any(@removedItemIds)
            ),
            updated as (
                update procurement_item pi
                   set ordered_qty = l.ordered_qty, unit_price = l.unit_price, line_total = l.line_total,
                       update_by_id = @actor, update_dtime = @now, version_nbr = pi.version_nbr + 1
                  from input l
                 where pi.procurement_id = @procurementId and pi.item_id = l.item_id
                returning pi.item_id
            )
            insert into procurement_item (procurement_id, item_id, needs_list_item_id, ordered_qty, unit_price, line_total,
                                          uom_code, create_by_id, create_dtime, update_by_id, update_dtime)
            select @procurementId, l.item_id, l.needs_list_item_id, l.ordered_qty, l.unit_price, l.line_total, l.uom_code,
                   @actor, @now, @actor, @now
              from input l
             where not exists (select 1 from procurement_item pi where pi.procurement_id = @procurementId and pi.item_id = l.item_id)
            """,
            new
            {
                procurementId,
                actor,
                now,
                removedItemIds = removedItemIds.ToArray(),
                itemIds = lines.Select(l => l.ItemId).ToArray(),
                needsListItemIds = lines.Select(l => l.NeedsListItemId).ToArray(),
                orderedQtys = lines.Select(l => l.OrderedQty).ToArray(),
                unitPrices = lines.Select(l => l.UnitPrice).ToArray(),
                lineTotals = lines.Select(l => l.LineTotal).ToArray(),
                uomCodes = lines.Select(l => l.UomCode).ToArray(),
            },
            scope.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>Writes every mutable header column when the version is still <paramref name="expectedVersion"/>; false otherwise.</summary>
    public static async Task<bool> SaveHeaderAsync(
        DbScope scope, ProcurementHeaderRow header, int expectedVersion, string actor, DateTime now, CancellationToken cancellationToken) =>
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            update procurement
               set supplier_id = @SupplierId, procurement_method = @ProcurementMethod, po_number = @PoNumber,
                   total_value = @TotalValue, status_code = @StatusCode, approved_at = @ApprovedAt, approved_by = @ApprovedBy,
                   approval_threshold_tier = @ApprovalThresholdTier, shipped_at = @ShippedAt, expected_arrival = @ExpectedArrival,
                   received_at = @ReceivedAt, received_by = @ReceivedBy, notes_text = @NotesText, submitted_by = @SubmittedBy,
                   submitted_at = @SubmittedAt, status_reason = @StatusReason,
                   update_by_id = @actor, update_dtime = @now, version_nbr = version_nbr + 1
             where procurement_id = @ProcurementId and version_nbr = @expectedVersion
            """,
            new
            {
                header.ProcurementId, header.SupplierId, header.ProcurementMethod, header.PoNumber, header.TotalValue,
                header.StatusCode, header.ApprovedAt, header.ApprovedBy, header.ApprovalThresholdTier, header.ShippedAt,
                header.ExpectedArrival, header.ReceivedAt, header.ReceivedBy, header.NotesText, header.SubmittedBy,
                header.SubmittedAt, header.StatusReason, expectedVersion, actor, now,
            },
            scope.Transaction,
            cancellationToken: cancellationToken)) == 1;

    /// <summary>
    /// A receipt: the lines' received quantities and statuses, the stock added to the target
    /// warehouse's inventory (row created when missing) and one new batch per line received
    /// (batch_no = the procurement number, unit value = the line's price), so batch-based
    /// transfers and unit values see the new stock (<see cref="StockStore.StockInAsync"/>).
    /// </summary>
    public static async Task PostReceiptAsync(
        DbScope scope, int procurementId, string procurementNo, int warehouseId, IReadOnlyList<ReceivedLineValues> lines,
        IReadOnlyList<(int ItemId, decimal Qty, string UomCode, decimal UnitValue)> stock, string actor, DateTime now,
        CancellationToken cancellationToken)
    {
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            update procurement_item pi
               set received_qty = l.received_qty, status_code = l.status_code,
                   update_by_id = @actor, update_dtime = @now, version_nbr = pi.version_nbr + 1
              from unnest(@itemIds, @receivedTotals, @statuses) as l(item_id, received_qty, status_code)
             where pi.procurement_id = @procurementId and pi.item_id = l.item_id
            """,
            new
            {
                procurementId,
                actor,
                now,
                itemIds = lines.Select(l => l.ItemId).ToArray(),
                receivedTotals = lines.Select(l => l.ReceivedTotal).ToArray(),
                statuses = lines.Select(l => l.StatusCode).ToArray(),
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        await StockStore.StockInAsync(
            scope, warehouseId, [.. stock.Select(s => new StockInLine(s.ItemId, s.Qty, s.UomCode, s.UnitValue, procurementNo, null))],
            actor, now, cancellationToken);
    }
}
