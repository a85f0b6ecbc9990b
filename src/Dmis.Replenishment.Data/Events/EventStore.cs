using Dapper;
using Dmis.Replenishment.Data.Infrastructure;
using Npgsql;

namespace Dmis.Replenishment.Data.Events;

public sealed class EventStore(ReadConnections reads)
{
    private const string EventColumns =
        """
        event_id, event_type, event_name, event_desc, start_date, status_code, closed_date,
        current_phase, phase_changed_at, phase_changed_by, version_nbr
        """;

    public async Task<EventRow?> FindAsync(int eventId, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, eventId, cancellationToken);
    }

    public static Task<EventRow?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int eventId, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(
            $"select {EventColumns} from event where event_id = @eventId",
            new { eventId }, transaction, cancellationToken: cancellationToken));

    /// <summary>Events with id greater than <paramref name="afterId"/>, in id order.</summary>
    public async Task<IReadOnlyList<EventRow>> ListAsync(
        string? statusCode, string? phase, int afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"""
            select {EventColumns} from event
            where event_id > @afterId
              and (@statusCode::text is null or status_code = @statusCode)
              and (@phase::text is null or current_phase = @phase)
            order by event_id
            limit @limit
            """,
            new { statusCode, phase, afterId, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Moves the event to <paramref name="phase"/> if it is still at <paramref name="expectedVersion"/>.
    /// The trigger writes the history row (reading the reason from the transaction's setting) and
    /// notifies every listening instance at commit. Returns null when the version did not match.
    /// </summary>
    public static async Task<(EventRow Event, PhaseHistoryRow Change)?> ChangePhaseAsync(
        DbScope scope,
        int eventId,
        string phase,
        string reason,
        int expectedVersion,
        string actor,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var (connection, transaction) = scope;
        await connection.ExecuteAsync(new CommandDefinition(
            "select set_config('dmis.phase_change_reason', @reason, true)",
            new { reason }, transaction, cancellationToken: cancellationToken));

        var updated = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(
            $"""
            update event
               set current_phase = @phase, phase_changed_at = @now, phase_changed_by = @actor,
                   update_by_id = @actor, update_dtime = @now, version_nbr = version_nbr + 1
             where event_id = @eventId and version_nbr = @expectedVersion
            returning {EventColumns}
            """,
            new { eventId, phase, actor, expectedVersion, now }, transaction, cancellationToken: cancellationToken));
        if (updated is null)
        {
            return null;
        }

        var change = await connection.QuerySingleAsync<PhaseHistoryRow>(new CommandDefinition(
            """
            select history_id, event_id, from_phase, to_phase, changed_at, changed_by, reason_text
              from event_phase_history
             where event_id = @eventId
             order by history_id desc
             limit 1
            """,
            new { eventId }, transaction, cancellationToken: cancellationToken));
        return (updated, change);
    }

    /// <summary>History newest first, starting below <paramref name="beforeId"/>.</summary>
    public async Task<IReadOnlyList<PhaseHistoryRow>> ListHistoryAsync(
        int eventId, long beforeId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PhaseHistoryRow>(new CommandDefinition(
            """
            select history_id, event_id, from_phase, to_phase, changed_at, changed_by, reason_text
              from event_phase_history
             where event_id = @eventId and history_id < @beforeId
             order by history_id desc
             limit @limit
            """,
            new { eventId, beforeId, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
