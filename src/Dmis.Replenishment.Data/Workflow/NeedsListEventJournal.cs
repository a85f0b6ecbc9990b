using Dapper;
using Npgsql;

namespace Dmis.Replenishment.Data.Workflow;

/// <summary>
/// needs_list_audit read as the needs-list event stream's journal: the rows
/// needs_list_audit_is_stream_event() selects (status changes, generation, adjustments, reminders,
/// escalations), numbered in
/// commit order (V12), so "every row after id N" never skips a row that commits later.
/// </summary>
public sealed class NeedsListEventJournal(NpgsqlDataSource dataSource)
{
    /// <summary>The largest audit_id (0 when there is none).</summary>
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select coalesce(max(audit_id), 0) from needs_list_audit", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Up to <paramref name="limit"/> stream rows after <paramref name="afterId"/>, oldest first, with the list's
    /// status just before the row and whether it had been escalated since its latest submission (both as of
    /// the row, read from the earlier audit rows; the list's current status when the trail has no status row).
    /// </summary>
    public async Task<IReadOnlyList<NeedsListEventRow>> ReadAfterAsync(
        long afterId, int limit, string submittedAction, string escalatedReasonCode, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<NeedsListEventRow>(new CommandDefinition(
            """
            select a.audit_id, a.needs_list_id, nl.needs_list_no, nl.event_id, nl.warehouse_id, nl.event_phase,
                   a.field_name, a.old_value, a.new_value, a.reason_code, a.notes_text, a.actor_user_id, a.action_dtime,
                   coalesce((select s.new_value from needs_list_audit s
                              where s.needs_list_id = a.needs_list_id and s.field_name = 'status_code' and s.audit_id < a.audit_id
                              order by s.audit_id desc limit 1),
                            nl.status_code) as status_before,
                   exists (select 1 from needs_list_audit e
                            where e.needs_list_id = a.needs_list_id and e.reason_code = @escalatedReasonCode
                              and e.audit_id < a.audit_id
                              and e.audit_id > coalesce((select max(s.audit_id) from needs_list_audit s
                                                          where s.needs_list_id = a.needs_list_id and s.action_type = @submittedAction
                                                            and s.audit_id <= a.audit_id), 0)) as escalated_before
              from needs_list_audit a
              join needs_list nl on nl.needs_list_id = a.needs_list_id
             where a.audit_id > @afterId
               and needs_list_audit_is_stream_event(a.field_name, a.reason_code)
             order by a.audit_id
             limit @limit
            """,
            new { afterId, limit, submittedAction, escalatedReasonCode }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>When the audit row was recorded (UTC); null when there is no row with that id.</summary>
    public async Task<DateTime?> RecordedAtAsync(long auditId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "select action_dtime from needs_list_audit where audit_id = @auditId",
            new { auditId }, cancellationToken: cancellationToken));
    }
}

/// <summary>A needs-list audit row that is a stream event, with the list's identity and state as of the row.</summary>
public sealed class NeedsListEventRow
{
    public int AuditId { get; init; }
    public int NeedsListId { get; init; }
    public string NeedsListNo { get; init; } = "";
    public int EventId { get; init; }
    public int WarehouseId { get; init; }
    public string EventPhase { get; init; } = "";
    public string? FieldName { get; init; }
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
    public string? ReasonCode { get; init; }
    public string? NotesText { get; init; }
    public string ActorUserId { get; init; } = "";
    public DateTime ActionDtime { get; init; }
    public string StatusBefore { get; init; } = "";
    public bool EscalatedBefore { get; init; }
}
