using Dmis.Replenishment.Server.Application.Workflow;
using Dmis.Replenishment.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Workflow;

/// <summary>
/// Runs <see cref="EscalationSweeper.SweepOnceAsync"/> every Workflow:EscalationSweepSeconds on this
/// instance. Every instance runs one; the sweep's row locks keep them from writing a reminder or an
/// escalation twice.
/// </summary>
public sealed partial class EscalationBackgroundService(
    EscalationSweeper sweeper,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<EscalationBackgroundService> logger) : PeriodicBackgroundService(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.EscalationSweepSeconds);

    protected override string Description => "Escalation sweep (Workflow:EscalationSweepSeconds)";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var result = await sweeper.SweepOnceAsync(options.Value.EscalationBatchSize, cancellationToken);
        if (result != EscalationSweepResult.None)
        {
            LogSwept(result.Reminders, result.Escalations);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation sweep wrote {Reminders} reminder(s) and {Escalations} escalation(s)")]
    private partial void LogSwept(int reminders, int escalations);
}
