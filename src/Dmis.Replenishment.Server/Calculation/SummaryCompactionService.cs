using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Server.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dmis.Replenishment.Server.Calculation;

/// <summary>
/// Folds the trigger-written deltas of every <see cref="DerivedSummary"/> into its summary every
/// Calculation:SummaryCompactionSeconds (<see cref="SummaryStore.CompactAsync"/>), so that calculations
/// add up few delta rows. Every instance runs one; an advisory lock per summary lets one compact it at
/// a time. A failed compaction leaves the deltas where they are: the figures stay exact meanwhile.
/// </summary>
public sealed partial class SummaryCompactionService(
    NpgsqlDataSource dataSource,
    TimeProvider time,
    IOptions<CalculationOptions> options,
    ILogger<SummaryCompactionService> logger) : PeriodicBackgroundService(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SummaryCompactionSeconds);

    protected override string Description => "Summary compaction (Calculation:SummaryCompactionSeconds)";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var summary in SummaryStore.All)
        {
            LogCompacted(summary, await SummaryStore.CompactAsync(dataSource, summary, cancellationToken));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Summary} compaction folded {Folded} delta row(s)")]
    private partial void LogCompacted(DerivedSummary summary, long folded);
}
