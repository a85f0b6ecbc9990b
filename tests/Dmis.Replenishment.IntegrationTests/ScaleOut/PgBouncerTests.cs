using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.V1;
using Npgsql;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.ScaleOut;

/// <summary>
/// The main pool (ConnectionStrings:Dmis) through PgBouncer in transaction pooling mode, and
/// ConnectionStrings:DmisDirect straight to the primary for the LISTEN connection.
/// </summary>
public sealed class PgBouncerTests(PgBouncerTests.Fixture fixture) : IClassFixture<PgBouncerTests.Fixture>
{
    public const string DirectApplicationName = "dmis-it-direct";

    public sealed class Fixture() : ScaleOutFixture(depots: 1)
    {
        private string pooled = "";

        protected override async Task<string> CreateDatabaseAsync()
        {
            var connectionString = await base.CreateDatabaseAsync();
            pooled = await ScaleOutCluster.PgBouncerConnectionStringAsync(DatabaseName);
            return connectionString;
        }

        protected override ReplenishmentServerFactory CreateFactory(string connectionString)
        {
            var direct = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = DirectApplicationName }.ConnectionString;
            return new ReplenishmentServerFactory(pooled, settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:DmisDirect"] = direct,
            });
        }
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_list_is_generated_submitted_and_approved_through_pgbouncer_in_transaction_mode()
    {
        var client = new NeedsListService.NeedsListServiceClient(fixture.Factory.CreateChannel());
        var transactionsBefore = await ScaleOutCluster.PgBouncerTransactionsAsync(fixture.DatabaseName);

        var generated = await client.GenerateNeedsListAsync(
            new GenerateNeedsListRequest { EventId = Surge, WarehouseId = 11, RequestId = "pooled-generate" }, Callers.Officer);
        var submitted = await client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = generated.NeedsListId, ExpectedVersion = generated.Version, RequestId = "pooled-submit" },
            Callers.Manager);
        var approved = await client.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = generated.NeedsListId, ExpectedVersion = submitted.Version }, Callers.SeniorDirector);
        var read = await client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = generated.NeedsListId }, Callers.ReadOnly);

        Assert.Equal("4300.00", generated.TotalGapQty.Value);
        Assert.Equal(NeedsListStatus.Approved, approved.Status);
        Assert.Equal(NeedsListStatus.Approved, read.Status);
        Assert.True(await ScaleOutCluster.PgBouncerTransactionsAsync(fixture.DatabaseName) > transactionsBefore,
            "the calls went through PgBouncer");
    }

    [Fact]
    public async Task A_phase_change_streams_through_the_direct_connection_while_the_main_pool_is_pgbouncer()
    {
        var client = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = client.WatchPhaseChanges(new WatchPhaseChangesRequest { EventIds = { Baseline } }, Callers.Manager, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        var changed = await client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = Baseline, Phase = EventPhase.Surge, Reason = "landfall", ExpectedVersion = 1,
        }, Callers.Manager);

        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(changed.Change.HistoryId, stream.ResponseStream.Current.HistoryId);
        var listening = await fixture.QueryAsync<string>(
            "select query from pg_stat_activity where datname = current_database() and application_name = @name",
            new { name = DirectApplicationName });
        Assert.Contains(listening, query => query.StartsWith("LISTEN", StringComparison.Ordinal));
    }
}
