using Dapper;
using Dmis.Replenishment.Data.Infrastructure;

namespace Dmis.Replenishment.Data.Workflow;

/// <summary>
/// Reads of a needs list's append-only audit trail (ListNeedsListAudit). Changes of a list and its
/// audit rows are written by <see cref="NeedsLists.NeedsListRepository"/> only.
/// </summary>
public sealed class NeedsListWorkflowStore(ReadConnections reads)
{
    /// <summary>
    /// The list's audit rows oldest first (by audit_id), after <paramref name="afterAuditId"/>; null when
    /// the list does not exist. One connection, so both answers come from the same server.
    /// </summary>
    public Task<IReadOnlyList<AuditEntryRow>?> ListAuditAsync(
        int needsListId, long afterAuditId, int limit, CancellationToken cancellationToken) =>
        reads.ReadNeedsListAsync(needsListId, async connection =>
        {
            var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from needs_list where needs_list_id = @needsListId)",
                new { needsListId },
                cancellationToken: cancellationToken));
            if (!exists)
            {
                return null;
            }

            var rows = await connection.QueryAsync<AuditEntryRow>(new CommandDefinition(
                """
                select audit_id, needs_list_id, needs_list_item_id, action_type, field_name, old_value, new_value,
                       reason_code, notes_text, actor_user_id, action_dtime
                  from needs_list_audit
                 where needs_list_id = @needsListId and audit_id > @afterAuditId
                 order by audit_id
                 limit @limit
                """,
                new { needsListId, afterAuditId = Math.Min(afterAuditId, int.MaxValue), limit },
                cancellationToken: cancellationToken));
            return (IReadOnlyList<AuditEntryRow>?)rows.AsList();
        }, cancellationToken);
}
