using Dapper;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.V1;
using Npgsql;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.ScaleOut;

/// <summary>
/// Read-only calls on a streaming standby (ConnectionStrings:DmisReadOnly) within the lag bound, and on
/// the primary beyond it. To tell the two apart, a test pauses the standby's replay and changes the
/// stock on the primary: an answer with the old stock came from the standby. Each test has its own
/// warehouse (11-15: 200 WATER usable, 300 fulfilled in the last hour: a gap of 4,300 in SURGE).
/// </summary>
public sealed class StandbyReadTests(StandbyReadTests.Fixture fixture) : IClassFixture<StandbyReadTests.Fixture>
{
    public sealed class Fixture() : ScaleOutFixture(depots: 5)
    {
        public string StandbyConnectionString { get; private set; } = "";

        protected override async Task<string> CreateDatabaseAsync()
        {
            var connectionString = await base.CreateDatabaseAsync();
            StandbyConnectionString = await ScaleOutCluster.StandbyConnectionStringAsync(DatabaseName);
            return connectionString;
        }

        /// <summary>A server instance whose read-only connections to the standby carry <paramref name="applicationName"/>.</summary>
        public ReplenishmentServerFactory InstanceReadingFrom(string standbyConnectionString, string applicationName, int maxLagSeconds) =>
            new(ConnectionString, settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:DmisReadOnly"] =
                    new NpgsqlConnectionStringBuilder(standbyConnectionString) { ApplicationName = applicationName }.ConnectionString,
                ["Database:MaxReplicaLagSeconds"] = maxLagSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

        /// <summary>
        /// Waits until the standby has replayed everything the primary has committed so far, then pauses its
        /// replay until the result is disposed. (The insert position: with synchronous_commit off, the last
        /// commit may still be in the WAL buffers.)
        /// </summary>
        public async Task<IAsyncDisposable> PauseReplayAsync()
        {
            var primaryPosition = await ScalarAsync<string>("select pg_current_wal_insert_lsn()::text");
            await using var standby = new NpgsqlConnection(StandbyConnectionString);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!await standby.ExecuteScalarAsync<bool>(
                       "select pg_last_wal_replay_lsn() >= @position::pg_lsn", new { position = primaryPosition }))
            {
                Assert.True(DateTime.UtcNow < deadline, $"the standby did not reach {primaryPosition} within 10 s");
                await Task.Delay(20);
            }

            await standby.ExecuteAsync("select pg_wal_replay_pause()");
            return new ReplayResumption(StandbyConnectionString);
        }

        /// <summary>The last statement of each session on the standby that carries <paramref name="applicationName"/>.</summary>
        public async Task<IReadOnlyList<string>> StandbyStatementsAsync(string applicationName)
        {
            await using var standby = new NpgsqlConnection(StandbyConnectionString);
            return (await standby.QueryAsync<string>(
                "select query from pg_stat_activity where application_name = @applicationName",
                new { applicationName })).AsList();
        }
    }

    private sealed class ReplayResumption(string standbyConnectionString) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var standby = new NpgsqlConnection(standbyConnectionString);
            await standby.ExecuteAsync("select pg_wal_replay_resume()");
        }
    }

    private static bool IsCalculationRead(string statement) => statement.Contains("item", StringComparison.Ordinal);

    private static bool IsLagCheck(string statement) => statement.Contains("pg_last_xact_replay_timestamp", StringComparison.Ordinal);

    private static async Task<NeedsListPreview> PreviewAsync(ReplenishmentServerFactory instance, int warehouseId) =>
        await new NeedsListService.NeedsListServiceClient(instance.CreateChannel())
            .PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = Surge, WarehouseId = warehouseId }, Callers.ReadOnly);

    private Task RaiseStockOnPrimaryAsync(int warehouseId) =>
        fixture.ExecuteAsync("update inventory set usable_qty = 4000 where inventory_id = @warehouseId and item_id = @Water", new { warehouseId, Water });

    [Fact]
    public async Task A_preview_is_answered_by_the_standby_while_it_is_within_the_lag_bound()
    {
        await using var instance = fixture.InstanceReadingFrom(fixture.StandbyConnectionString, "dmis-it-standby-preview", maxLagSeconds: 3600);
        await using var paused = await fixture.PauseReplayAsync();
        await RaiseStockOnPrimaryAsync(11);

        var preview = await PreviewAsync(instance, 11);

        Assert.Equal("200.00", Assert.Single(preview.Lines).AvailableStock.Value);
        Assert.Contains(await fixture.StandbyStatementsAsync("dmis-it-standby-preview"), IsCalculationRead);
    }

    [Fact]
    public async Task A_standby_further_behind_than_the_bound_leaves_the_preview_to_the_primary()
    {
        await using var instance = fixture.InstanceReadingFrom(fixture.StandbyConnectionString, "dmis-it-standby-lagging", maxLagSeconds: 1);
        await using var paused = await fixture.PauseReplayAsync();
        await RaiseStockOnPrimaryAsync(12);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the standby's last replayed commit is now older than the bound

        var preview = await PreviewAsync(instance, 12);

        Assert.Equal("4000.00", Assert.Single(preview.Lines).AvailableStock.Value);
        var statements = await fixture.StandbyStatementsAsync("dmis-it-standby-lagging");
        Assert.Contains(statements, IsLagCheck);
        Assert.DoesNotContain(statements, IsCalculationRead);
    }

    [Fact]
    public async Task An_unreachable_standby_leaves_the_preview_to_the_primary()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(fixture.StandbyConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var instance = fixture.InstanceReadingFrom(nowhere, "dmis-it-standby-unreachable", maxLagSeconds: 3600);

        var preview = await PreviewAsync(instance, 13);

        Assert.Equal("4300.00", preview.TotalGapQty.Value);
    }

    [Fact]
    public async Task A_caller_reads_its_own_change_to_a_list_the_standby_has_only_in_its_former_state()
    {
        await using var instance = fixture.InstanceReadingFrom(fixture.StandbyConnectionString, "dmis-it-standby-own-list", maxLagSeconds: 3600);
        var client = new NeedsListService.NeedsListServiceClient(instance.CreateChannel());
        var generated = await client.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = Surge, WarehouseId = 14 }, Callers.Officer);
        await using var paused = await fixture.PauseReplayAsync();
        await client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = generated.NeedsListId, ExpectedVersion = generated.Version }, Callers.Manager);

        var read = await client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = generated.NeedsListId }, Callers.Manager);
        var audit = await client.ListNeedsListAuditAsync(new ListNeedsListAuditRequest { NeedsListId = generated.NeedsListId }, Callers.Manager);
        await PreviewAsync(instance, 13);

        Assert.Equal(NeedsListStatus.PendingApproval, read.Status);
        Assert.Equal(["CREATED", "SUBMITTED"], audit.Entries.Select(entry => entry.ActionType));
        Assert.Contains(await fixture.StandbyStatementsAsync("dmis-it-standby-own-list"), IsCalculationRead);
    }

    [Fact]
    public async Task A_list_generated_through_one_instance_is_found_through_another_before_the_standby_has_it()
    {
        await using var writer = fixture.InstanceReadingFrom(fixture.StandbyConnectionString, "dmis-it-standby-writer", maxLagSeconds: 3600);
        await using var reader = fixture.InstanceReadingFrom(fixture.StandbyConnectionString, "dmis-it-standby-reader", maxLagSeconds: 3600);
        await using var paused = await fixture.PauseReplayAsync();
        var generated = await new NeedsListService.NeedsListServiceClient(writer.CreateChannel())
            .GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = Surge, WarehouseId = 15 }, Callers.Officer);

        var read = await new NeedsListService.NeedsListServiceClient(reader.CreateChannel())
            .GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = generated.NeedsListId }, Callers.Officer);

        Assert.Equal(generated.NeedsListNo, read.NeedsListNo);
        Assert.Contains(await fixture.StandbyStatementsAsync("dmis-it-standby-reader"), statement => statement.Contains("needs_list", StringComparison.Ordinal));
    }

    [Fact]
    public void A_lag_bound_out_of_range_stops_the_server_at_start_naming_the_setting()
    {
        using var instance = fixture.InstanceReadingFrom(fixture.StandbyConnectionString, "dmis-it-standby-bad-bound", maxLagSeconds: -1);

        var exception = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => instance.Server);

        Assert.Contains("Database:MaxReplicaLagSeconds", exception.Message, StringComparison.Ordinal);
    }
}
