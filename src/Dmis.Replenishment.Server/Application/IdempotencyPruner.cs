using Dmis.Replenishment.Data.Idempotency;
using Dmis.Replenishment.Server.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dmis.Replenishment.Server.Application;

/// <summary>Forgets request ids older than Idempotency:RetentionDays, batch by batch, on the one clock.</summary>
public sealed class IdempotencyPruner(NpgsqlDataSource dataSource, TimeProvider time, IOptions<IdempotencyOptions> options)
{
    /// <summary>Deletes every record past the retention; returns how many this instance deleted.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-settings.RetentionDays);
        var total = 0;
        int deleted;
        do
        {
            deleted = await IdempotencyStore.PruneBatchAsync(dataSource, cutoff, settings.PruneBatchSize, cancellationToken);
            total += deleted;
        }
        while (deleted == settings.PruneBatchSize);

        return total;
    }
}
