using System.Diagnostics;
using Dmis.Replenishment.Data.Demo;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Testing;

namespace Dmis.Replenishment.IntegrationTests.Operability;

/// <summary>scripts/smoke.sh (grpc-js through reflection, and curl) against the real executable on demo data.</summary>
public sealed class SmokeScriptTests : IAsyncLifetime
{
    private ServerProcess? server;

    public async Task InitializeAsync()
    {
        var (_, connectionString) = await TestCluster.CreateMigratedDatabaseAsync(nameof(SmokeScriptTests));
        await using (var dataSource = DmisDataSource.Create(connectionString))
        {
            await DemoData.LoadIfEmptyAsync(dataSource, CancellationToken.None);
        }

        server = await ServerProcess.StartAsync(
            "smoke", connectionString, ReplenishmentServerFactory.SigningKey, "Information",
            new Dictionary<string, string>(), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_smoke_script_passes_against_a_live_server_and_leaves_the_data_as_it_found_it()
    {
        var channel = Grpc.Net.Client.GrpcChannel.ForAddress(server!.GrpcAddress);
        var events = new V1.EventPhaseService.EventPhaseServiceClient(channel);
        var lists = new V1.NeedsListService.NeedsListServiceClient(channel);
        var token = ReplenishmentServerFactory.Token("smoke", "LOGISTICS_MANAGER");
        var phaseBefore = (await events.GetEventAsync(new V1.GetEventRequest { EventId = 1 }, ReplenishmentServerFactory.Bearer(token))).CurrentPhase;

        var transcript = await RunSmokeScriptAsync(token);

        Assert.Contains("smoke: all steps passed", transcript);
        var eventAfter = await events.GetEventAsync(new V1.GetEventRequest { EventId = 1 }, ReplenishmentServerFactory.Bearer(token));
        Assert.Equal(phaseBefore, eventAfter.CurrentPhase);
        var listsAfter = await lists.ListNeedsListsAsync(
            new V1.ListNeedsListsRequest { EventId = 1, WarehouseId = 1 }, ReplenishmentServerFactory.Bearer(token));
        var generated = Assert.Single(listsAfter.NeedsLists);
        Assert.Equal(V1.NeedsListStatus.Cancelled, generated.Status);
    }

    private async Task<string> RunSmokeScriptAsync(string token)
    {
        var run = new ProcessStartInfo("bash", ["scripts/smoke.sh"])
        {
            WorkingDirectory = Repository.Root(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["DMIS_GRPC_ADDR"] = new Uri(server!.GrpcAddress).Authority,
                ["DMIS_HTTP_URL"] = server.HttpUrl,
                ["DMIS_SMOKE_TOKEN"] = token,
            },
        };

        using var process = Process.Start(run)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        var transcript = $"{await stdout}\n{await stderr}\n--- server ---\n{server.Tail}";
        Assert.True(process.ExitCode == 0, transcript);
        return transcript;
    }
}
