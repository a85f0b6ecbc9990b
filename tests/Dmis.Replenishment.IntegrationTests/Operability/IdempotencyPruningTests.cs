using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Server.Application;
using Microsoft.Extensions.DependencyInjection;

namespace Dmis.Replenishment.IntegrationTests.Operability;

/// <summary>Idempotency records older than Idempotency:RetentionDays (7) are pruned; two instances pruning at once share the work.</summary>
public sealed class IdempotencyPruningTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Two_instances_pruning_at_once_delete_every_expired_record_once_and_keep_the_recent_ones()
    {
        await fixture.ExecuteAsync(
            """
            insert into idempotency_record (request_id, operation, actor_user_id, request_hash, response_payload, created_at)
            select 'old-' || n, 'Test', 'tester', '\x00'::bytea, '\x00'::bytea, (now() at time zone 'UTC') - interval '8 days' - n * interval '1 second'
              from generate_series(1, 2500) n
            union all
            select 'recent-' || n, 'Test', 'tester', '\x00'::bytea, '\x00'::bytea, (now() at time zone 'UTC') - interval '6 days'
              from generate_series(1, 3) n
            """);
        await using var second = new ReplenishmentServerFactory(fixture.ConnectionString);

        var deleted = await Task.WhenAll(
            fixture.Factory.Services.GetRequiredService<IdempotencyPruner>().PruneAsync(CancellationToken.None),
            second.Services.GetRequiredService<IdempotencyPruner>().PruneAsync(CancellationToken.None));

        Assert.Equal(2500, deleted.Sum());
        Assert.Equal(
            ["recent-1", "recent-2", "recent-3"],
            await fixture.QueryAsync<string>("select request_id from idempotency_record order by request_id"));
    }
}
