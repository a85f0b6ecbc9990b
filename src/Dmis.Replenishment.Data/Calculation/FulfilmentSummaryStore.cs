using Dapper;
using Npgsql;

namespace Dmis.Replenishment.Data.Calculation;

/// <summary>
/// Upkeep of the hourly fulfilment summary of V7 (fulfilment_hourly + the trigger-written
/// fulfilment_hourly_delta). Both operations are SQL functions of the migration; this only calls them.
/// </summary>
public static class FulfilmentSummaryStore
{
    /// <summary>
    /// Folds the deltas written since the last compaction into fulfilment_hourly. Returns the number of
    /// delta rows folded: 0 when there were none, or when another instance is compacting right now.
    /// </summary>
    public static async Task<long> CompactAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select public.fulfilment_hourly_compact()", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Recomputes fulfilment_hourly from the legacy tables and drops every delta; returns the number of
    /// summary rows. Writes to the three demand tables wait until it is done (seconds per million lines),
    /// hence no command timeout. For tools and repairs, run by the schema owner (it truncates).
    /// </summary>
    public static async Task<long> RebuildAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select public.fulfilment_hourly_rebuild()", commandTimeout: 0, cancellationToken: cancellationToken));
    }
}
