using Dmis.Replenishment.Server.Application.Fulfilment;
using Dmis.Replenishment.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Fulfilment;

/// <summary>Runs <see cref="FulfilmentSweeper.SweepOnceAsync"/> every Fulfilment:SweepSeconds on this instance.</summary>
public sealed partial class FulfilmentBackgroundService(
    FulfilmentSweeper sweeper,
    TimeProvider time,
    IOptions<FulfilmentOptions> options,
    ILogger<FulfilmentBackgroundService> logger) : PeriodicBackgroundService(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.SweepSeconds);

    protected override string Description => "Fulfilment sweep (Fulfilment:SweepSeconds)";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var completed = await sweeper.SweepOnceAsync(cancellationToken);
        if (completed > 0)
        {
            LogCompleted(completed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fulfilment sweep marked {Count} needs list(s) FULFILLED")]
    private partial void LogCompleted(int count);
}
