using Dapper;
using Npgsql;

namespace Dmis.Replenishment.Data.Calculation;

/// <summary>The trigger-maintained summaries the calculation reads instead of the raw documents.</summary>
public enum DerivedSummary
{
    /// <summary>V7: fulfilled demand per warehouse, event, hour and item (fulfilment_hourly).</summary>
    FulfilmentHourly,

    /// <summary>V8: confirmed inbound from donations and procurement per warehouse and item (inbound_summary).</summary>
    Inbound,
}

/// <summary>
/// Upkeep of the <see cref="DerivedSummary"/> tables: each is a summary table plus an append-only
/// delta table its triggers write, with a compact and a rebuild SQL function of its migration; this
/// only calls them.
/// </summary>
public static class SummaryStore
{
    public static IReadOnlyList<DerivedSummary> All { get; } = Enum.GetValues<DerivedSummary>();

    /// <summary>
    /// Folds the deltas written since the last compaction into the summary. Returns the number of
    /// delta rows folded: 0 when there were none, or when another instance is compacting right now.
    /// </summary>
    public static async Task<long> CompactAsync(
        NpgsqlDataSource dataSource, DerivedSummary summary, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"select public.{FunctionPrefix(summary)}_compact()", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Recomputes the summary from its base tables and drops every delta; returns the number of summary
    /// rows. Writes to those tables wait until it is done (seconds per million fulfilment lines), hence
    /// no command timeout. For tools and repairs, run by the schema owner (it truncates).
    /// </summary>
    public static async Task<long> RebuildAsync(
        NpgsqlDataSource dataSource, DerivedSummary summary, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"select public.{FunctionPrefix(summary)}_rebuild()", commandTimeout: 0, cancellationToken: cancellationToken));
    }

    private static string FunctionPrefix(DerivedSummary summary) => summary switch
    {
        DerivedSummary.FulfilmentHourly => "fulfilment_hourly",
        DerivedSummary.Inbound => "inbound_summary",
        _ => throw new ArgumentOutOfRangeException(nameof(summary), summary, "no such summary"),
    };
}
