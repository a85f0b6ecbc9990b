using Dapper;
using Dmis.Replenishment.Data.Infrastructure;
using Npgsql;

namespace Dmis.Replenishment.Data.Events;

public sealed class PhaseConfigStore(ReadConnections reads)
{
    private const string Columns =
        """
        config_id, event_id, phase, demand_window_hours, planning_window_hours, safety_buffer_pct,
        safety_factor, freshness_threshold_hours, stale_threshold_hours, is_active, version_nbr
        """;

    public async Task<PhaseConfigRow?> FindAsync(int eventId, string phase, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, eventId, phase, cancellationToken);
    }

    public static Task<PhaseConfigRow?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int eventId, string phase, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<PhaseConfigRow>(new CommandDefinition(
            $"select {Columns} from event_phase_config where event_id = @eventId and phase = @phase",
            new { eventId, phase }, transaction, cancellationToken: cancellationToken));

    /// <summary>Creates the row when <paramref name="expectedVersion"/> is 0, else updates it at that version.</summary>
    public static Task<PhaseConfigRow?> UpsertAsync(
        DbScope scope,
        PhaseConfigRow config,
        int expectedVersion,
        string actor,
        DateTime now,
        CancellationToken cancellationToken)
    {
        var sql = expectedVersion == 0
            ? $"""
               insert into event_phase_config (event_id, phase, demand_window_hours, planning_window_hours,
                   safety_buffer_pct, safety_factor, freshness_threshold_hours, stale_threshold_hours, is_active,
                   create_by_id, create_dtime, update_by_id, update_dtime)
               values (@EventId, @Phase, @DemandWindowHours, @PlanningWindowHours, @SafetyBufferPct, @SafetyFactor,
                   @FreshnessThresholdHours, @StaleThresholdHours, @IsActive, @actor, @now, @actor, @now)
               on conflict (event_id, phase) do nothing
               returning {Columns}
               """
            : $"""
               update event_phase_config
                  set demand_window_hours = @DemandWindowHours, planning_window_hours = @PlanningWindowHours,
                      safety_buffer_pct = @SafetyBufferPct, safety_factor = @SafetyFactor,
                      freshness_threshold_hours = @FreshnessThresholdHours, stale_threshold_hours = @StaleThresholdHours,
                      is_active = @IsActive, update_by_id = @actor, update_dtime = @now, version_nbr = version_nbr + 1
                where event_id = @EventId and phase = @Phase and version_nbr = @expectedVersion
               returning {Columns}
               """;
        return scope.Connection.QuerySingleOrDefaultAsync<PhaseConfigRow>(new CommandDefinition(
            sql,
            new
            {
                config.EventId, config.Phase, config.DemandWindowHours, config.PlanningWindowHours,
                config.SafetyBufferPct, config.SafetyFactor, config.FreshnessThresholdHours,
                config.StaleThresholdHours, config.IsActive, actor, expectedVersion, now,
            },
            scope.Transaction, cancellationToken: cancellationToken));
    }
}
