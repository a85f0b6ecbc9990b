using Dmis.Replenishment.Server.Application;
using Dmis.Replenishment.Server.Options;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Hosting;

/// <summary>
/// Prunes idempotency records every Idempotency:PruneSeconds on every instance; the instances share the
/// work (rows are taken with SKIP LOCKED), so running several is safe.
/// </summary>
public sealed partial class IdempotencyPruningService(
    IdempotencyPruner pruner,
    TimeProvider time,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyPruningService> logger) : PeriodicBackgroundService(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(options.Value.PruneSeconds);

    protected override string Description => "Idempotency pruning (Idempotency:PruneSeconds)";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) =>
        LogPruned(await pruner.PruneAsync(cancellationToken), options.Value.RetentionDays);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Pruned {Count} idempotency record(s) older than {Days} days")]
    private partial void LogPruned(int count, int days);
}
