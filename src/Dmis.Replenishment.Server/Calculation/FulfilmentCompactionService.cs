using Dmis.Replenishment.Data.Calculation;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dmis.Replenishment.Server.Calculation;

/// <summary>
/// Folds the trigger-written deltas of the hourly fulfilment summary into it every
/// Calculation:FulfilmentCompactionSeconds (<see cref="FulfilmentSummaryStore.CompactAsync"/>), so that
/// burn-rate reads add up few delta rows. Every instance runs one; an advisory lock lets one compact
/// at a time. Waits on the injected <see cref="TimeProvider"/>, so a fake clock drives it in tests. A
/// compaction that fails (database away, ...) is logged and tried again at the next tick: the deltas
/// stay where they are and the figures stay exact meanwhile.
/// </summary>
public sealed partial class FulfilmentCompactionService(
    NpgsqlDataSource dataSource,
    TimeProvider time,
    IOptions<CalculationOptions> options,
    ILogger<FulfilmentCompactionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.FulfilmentCompactionSeconds;
        if (seconds == 0)
        {
            LogDisabled();
            return;
        }

        var interval = TimeSpan.FromSeconds(seconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                var folded = await FulfilmentSummaryStore.CompactAsync(dataSource, stoppingToken);
                LogCompacted(folded);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Whatever went wrong, the service must go on: a background service that throws stops the host.
                LogCompactionFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fulfilment summary compaction is off on this instance (Calculation:FulfilmentCompactionSeconds = 0)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fulfilment summary compaction folded {Folded} delta row(s)")]
    private partial void LogCompacted(long folded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fulfilment summary compaction failed; trying again at the next tick")]
    private partial void LogCompactionFailed(Exception exception);
}
