using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.Schema;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Server.Application;
using Dmis.Replenishment.V1;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Operability;

/// <summary>
/// The service as deployed: connected as a login role that is only a member of dmis_app_user
/// (`app-login`), not the schema owner. Its work (calculate, generate, workflow, syncs, summaries,
/// pruning) needs nothing more than the application's grants.
/// </summary>
public sealed class ApplicationRoleTests(ApplicationRoleTests.Fixture fixture) : IClassFixture<ApplicationRoleTests.Fixture>
{
    public const string Login = "dmis_service_tests";

    public sealed class Fixture : DatabaseFixture
    {
        public string ApplicationConnectionString { get; private set; } = "";

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.WarehouseAsync(1, "KINGSTON CENTRAL");
            await seed.ItemAsync(1, "WATER");
            await seed.StockAsync(1, 1, 100);
            await seed.FulfilmentAsync(1, 1, 1, 300, hoursAgo: 1);
            await ApplicationLogin.EnsureAsync(ConnectionString, Login, password: null, CancellationToken.None);
            ApplicationConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Username = Login }.ConnectionString;
        }
    }

    [Fact]
    public async Task The_login_is_a_member_of_the_application_role_and_nothing_more()
    {
        var (member, superuser, owner) = Assert.Single(await fixture.QueryAsync<(bool, bool, bool)>(
            $"""
            select pg_has_role('{Login}', 'dmis_app_user', 'member'),
                   (select rolsuper from pg_roles where rolname = '{Login}'),
                   pg_has_role('{Login}', (select relowner from pg_class where relname = 'needs_list'), 'member')
            """));

        Assert.Equal((true, false, false), (member, superuser, owner));
    }

    [Fact]
    public async Task The_service_connected_as_the_login_calculates_generates_submits_syncs_and_keeps_its_tables()
    {
        await using var server = new ReplenishmentServerFactory(fixture.ApplicationConnectionString);
        var client = new NeedsListService.NeedsListServiceClient(server.CreateChannel());
        var officer = Bearer(Token("tanya", "LOGISTICS_OFFICER"));

        var preview = await client.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 1 }, officer);
        var list = await client.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 1, WarehouseId = 1, RequestId = "app-role-1" }, officer);
        var submitted = await client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = list.NeedsListId, ExpectedVersion = list.Version, RequestId = "app-role-2" }, officer);
        await client.RecordWarehouseSyncAsync(
            new RecordWarehouseSyncRequest { WarehouseId = 1, Status = SyncStatus.Success, SyncType = SyncType.Manual, RequestId = "app-role-3" }, officer);
        await using var dataSource = DmisDataSource.Create(fixture.ApplicationConnectionString);
        foreach (var summary in SummaryStore.All)
        {
            await SummaryStore.CompactAsync(dataSource, summary, CancellationToken.None);
        }

        await server.Services.GetRequiredService<IdempotencyPruner>().PruneAsync(CancellationToken.None);

        Assert.NotEmpty(preview.Lines);
        Assert.Equal(NeedsListStatus.PendingApproval, submitted.Status);
    }
}
