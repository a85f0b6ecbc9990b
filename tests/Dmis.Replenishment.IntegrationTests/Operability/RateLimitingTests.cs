using System.Net;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Google.Rpc;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Operability;

/// <summary>
/// RateLimiting:MutationsPerMinute (here 2) limits each user's mutating calls on an instance over both
/// transports, with a retry hint; reads and other users are not affected; 0 turns the limit off.
/// </summary>
public sealed class RateLimitingTests(RateLimitingTests.Fixture fixture) : IClassFixture<RateLimitingTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await new Seed(this).WarehouseAsync(1, "KINGSTON CENTRAL");
        }
    }

    private static ReplenishmentServerFactory Limited(string connectionString, int perMinute) =>
        new(connectionString, settings: new Dictionary<string, string?> { ["RateLimiting:MutationsPerMinute"] = perMinute.ToString() });

    private static RecordWarehouseSyncRequest Sync() =>
        new() { WarehouseId = 1, Status = SyncStatus.Success, SyncType = SyncType.Manual, RequestId = Guid.NewGuid().ToString("N") };

    [Fact]
    public async Task A_user_past_the_limit_gets_resource_exhausted_with_a_retry_hint_while_others_and_reads_go_on()
    {
        await using var server = Limited(fixture.ConnectionString, 2);
        var client = new NeedsListService.NeedsListServiceClient(server.CreateChannel());
        var tanya = Bearer(Token("tanya", "LOGISTICS_OFFICER"));
        await client.RecordWarehouseSyncAsync(Sync(), tanya);
        await client.RecordWarehouseSyncAsync(Sync(), tanya);

        var refused = await GrpcAssert.FailsWith(StatusCode.ResourceExhausted, () => client.RecordWarehouseSyncAsync(Sync(), tanya).ResponseAsync);

        Assert.NotNull(refused.GetRpcStatus()?.GetDetail<RetryInfo>());
        await client.RecordWarehouseSyncAsync(Sync(), Bearer(Token("andre", "LOGISTICS_OFFICER")));
        await client.GetDataFreshnessAsync(new GetDataFreshnessRequest(), tanya);
        using var http = server.CreateClient();
        var overHttp = await HttpJsonReply.SendAsync(http, HttpMethod.Post, "/api/v1/replenishment/warehouses/1/syncs",
            """{"status":"SYNC_STATUS_SUCCESS","sync_type":"SYNC_TYPE_MANUAL"}""", Token("tanya", "LOGISTICS_OFFICER"));
        Assert.Equal((HttpStatusCode)429, overHttp.Status);
        Assert.Equal(8, overHttp.Json.GetProperty("code").GetInt32());
        Assert.Contains("RetryInfo", overHttp.Body);
    }

    [Fact]
    public async Task Zero_turns_the_limit_off()
    {
        await using var server = Limited(fixture.ConnectionString, 0);
        var client = new NeedsListService.NeedsListServiceClient(server.CreateChannel());
        var tanya = Bearer(Token("tanya", "LOGISTICS_OFFICER"));

        for (var i = 0; i < 5; i++)
        {
            await client.RecordWarehouseSyncAsync(Sync(), tanya);
        }
    }
}
