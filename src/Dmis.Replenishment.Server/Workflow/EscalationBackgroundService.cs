using Dmis.Replenishment.Server.Application.Workflow;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Workflow;

/// <summary>
/// Runs <see cref="EscalationSweeper.SweepOnceAsync"/> every Workflow:EscalationSweepSeconds on this
/// instance. Every instance runs one; the sweep's row locks keep them from writing a reminder or an
/// escalation twice. Waits on the injected <see cref="TimeProvider"/>, so a fake clock drives it in
/// tests. A sweep that fails (database away, ...) is logged and tried again at the next tick.
/// </summary>
public sealed partial class EscalationBackgroundService(
    EscalationSweeper sweeper,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<EscalationBackgroundService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.EscalationSweepSeconds == 0)
        {
            LogDisabled();
            return;
        }

        var interval = TimeSpan.FromSeconds(settings.EscalationSweepSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                var result = await sweeper.SweepOnceAsync(settings.EscalationBatchSize, stoppingToken);
                if (result != EscalationSweepResult.None)
                {
                    LogSwept(result.Reminders, result.Escalations);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Whatever went wrong, the service must go on: a background service that throws stops the host.
                LogSweepFailed(exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation sweep is off on this instance (Workflow:EscalationSweepSeconds = 0)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation sweep wrote {Reminders} reminder(s) and {Escalations} escalation(s)")]
    private partial void LogSwept(int reminders, int escalations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation sweep failed; trying again at the next tick")]
    private partial void LogSweepFailed(Exception exception);
}
