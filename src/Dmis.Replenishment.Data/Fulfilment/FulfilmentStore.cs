using Dapper;
using Dmis.Replenishment.Data.Infrastructure;

namespace Dmis.Replenishment.Data.Fulfilment;

/// <summary>What needs-list lines received per horizon, and the in-progress lists a sweep looks at.</summary>
public static class FulfilmentStore
{
    /// <summary>Every line of the lists with its split and its receipts per horizon, by list then line.</summary>
    public static async Task<IReadOnlyList<LineReceiptRow>> ReceiptsAsync(
        DbScope scope, IReadOnlyCollection<int> needsListIds, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<LineReceiptRow>(new CommandDefinition(
            """
            select r.needs_list_id, r.needs_list_item_id, r.item_id, nli.horizon_a_qty, nli.horizon_b_qty, nli.horizon_c_qty,
                   nli.adjusted_qty, nli.fulfillment_status, r.received_a_qty, r.received_b_qty, r.received_c_qty
              from v_needs_list_line_receipt r
              join needs_list_item nli on nli.needs_list_item_id = r.needs_list_item_id
             where r.needs_list_id = any(@needsListIds)
             order by r.needs_list_id, r.needs_list_item_id
            """,
            new { needsListIds = needsListIds.ToArray() },
            scope.Transaction,
            cancellationToken: cancellationToken))).AsList();

    /// <summary>
    /// The lists in <paramref name="inProgressStatus"/>, unlocked (completing one locks it and reads it again);
    /// none when another sweep holds the sweep's advisory lock until its transaction ends, so one instance
    /// sweeps at a time.
    /// </summary>
    public static async Task<IReadOnlyList<int>> InProgressForSweepAsync(
        DbScope scope, string inProgressStatus, CancellationToken cancellationToken) =>
        (await scope.Connection.QueryAsync<int>(new CommandDefinition(
            """
            -- A CTE with a volatile function is evaluated once, before the lists are read.
            with sweep as (select pg_try_advisory_xact_lock(hashtextextended('needs_list_fulfilment_sweep', 0)) as mine)
            select nl.needs_list_id
              from needs_list nl, sweep
             where sweep.mine
               and nl.status_code = @inProgressStatus
             order by nl.needs_list_id
            """,
            new { inProgressStatus },
            scope.Transaction,
            cancellationToken: cancellationToken))).AsList();
}
