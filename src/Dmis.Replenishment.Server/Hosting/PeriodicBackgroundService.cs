namespace Dmis.Replenishment.Server.Hosting;

/// <summary>
/// A job this instance runs every <see cref="Interval"/> (zero: never), waiting on the injected
/// <see cref="TimeProvider"/>, so a fake clock drives it in tests. A run that fails (database away,
/// ...) is logged and tried again at the next tick: a background service that throws stops the host.
/// </summary>
public abstract partial class PeriodicBackgroundService(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>Time between two runs; <see cref="TimeSpan.Zero"/> turns the job off on this instance.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the job is and the setting of its interval, for the logs (e.g. "Escalation sweep (Workflow:EscalationSweepSeconds)").</summary>
    protected abstract string Description { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval == TimeSpan.Zero)
        {
            LogDisabled(Description);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogRunFailed(exception, Description);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} is off on this instance (interval 0)")]
    private partial void LogDisabled(string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Job} failed; trying again at the next tick")]
    private partial void LogRunFailed(Exception exception, string job);
}
