using Dapper;
using Npgsql;

namespace Dmis.Replenishment.Data.Events;

/// <summary>
/// event_phase_history read as the phase-change stream's journal: history_id follows commit order
/// (V12), so "every row after id N" never skips a row that commits later.
/// </summary>
public sealed class PhaseHistoryJournal(NpgsqlDataSource dataSource)
{
    /// <summary>The largest history_id (0 when there is none).</summary>
    public async Task<long> LatestIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select coalesce(max(history_id), 0) from event_phase_history", cancellationToken: cancellationToken));
    }

    /// <summary>Up to <paramref name="limit"/> rows after <paramref name="afterId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<PhaseHistoryRow>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PhaseHistoryRow>(new CommandDefinition(
            """
            select history_id, event_id, from_phase, to_phase, changed_at, changed_by, reason_text
              from event_phase_history
             where history_id > @afterId
             order by history_id
             limit @limit
            """,
            new { afterId, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>When the row was recorded (UTC); null when there is no row with that id.</summary>
    public async Task<DateTime?> RecordedAtAsync(long historyId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            "select changed_at from event_phase_history where history_id = @historyId",
            new { historyId }, cancellationToken: cancellationToken));
    }
}
