using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Server.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dmis.Replenishment.Server.Calculation;

/// <summary>
/// Folds the trigger-written deltas of the hourly fulfilment summary into it every
/// Calculation:FulfilmentCompactionSeconds (<see cref="FulfilmentSummaryStore.CompactAsync"/>), so that
/// burn-rate reads add up few delta rows. Every instance runs one; an advisory lock lets one compact
/// at a time. A failed compaction leaves the deltas where they are: the figures stay exact meanwhile.
/// </summary>
public sealed partial class FulfilmentCompactionService(
    NpgsqlDataSource dataSource,
    TimeProvider time,
    IOptions<CalculationOptions> options,
    ILogger<FulfilmentCompactionService> logger) : PeriodicBackgroundService(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.FulfilmentCompactionSeconds);

    protected override string Description => "Fulfilment summary compaction (Calculation:FulfilmentCompactionSeconds)";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) =>
        LogCompacted(await FulfilmentSummaryStore.CompactAsync(dataSource, cancellationToken));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fulfilment summary compaction folded {Folded} delta row(s)")]
    private partial void LogCompacted(long folded);
}
