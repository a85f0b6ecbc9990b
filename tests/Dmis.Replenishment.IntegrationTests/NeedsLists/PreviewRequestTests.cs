using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.NeedsLists;

/// <summary>
/// PreviewNeedsList through HTTP/JSON (the migration guide's smoke test) and its refusals of bad input.
/// Event 1 (SURGE) and warehouse 1 have WATER burning 50/h on 100 usable; event 3 is closed; warehouse 2 inactive.
/// </summary>
public sealed class PreviewRequestTests(PreviewRequestTests.Fixture fixture) : IClassFixture<PreviewRequestTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE", name: "HURRICANE MELISSA");
            await seed.EventAsync(3, "BASELINE", status: "C");
            await seed.EventAsync(4, "SURGE");
            await seed.PhaseConfigAsync(4, "SURGE", demandWindowHours: int.MaxValue, planningWindowHours: 72);
            await seed.WarehouseAsync(1, "KINGSTON CENTRAL");
            await seed.WarehouseAsync(2, "OLD DEPOT", status: "I");
            await seed.ItemAsync(1, "WATER");
            await seed.StockAsync(1, 1, 100);
            await seed.FulfilmentAsync(1, 1, 1, 300, hoursAgo: 1);
            await seed.FulfilmentAsync(1, 1, 1, 3600, hoursAgo: 100);
        }
    }

    private static readonly Metadata Reader = Bearer(Token("reader"));

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private Task<NeedsListPreview> PreviewAsync(PreviewNeedsListRequest request, Metadata? caller = null) =>
        Client.PreviewNeedsListAsync(request, caller ?? Reader).ResponseAsync;

    private async Task<HttpResponseMessage> PostPreviewAsync(string json, bool authenticated = true)
    {
        using var client = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/replenishment/needs-list/preview")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (authenticated)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token("reader"));
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task The_migration_guides_smoke_test_previews_over_http_json()
    {
        using var response = await PostPreviewAsync("""{"event_id":1,"warehouse_id":1,"phase":"BASELINE"}""");

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("eventId").GetInt32());
        Assert.Equal("BASELINE", root.GetProperty("phase").GetString());
        Assert.Equal(720, root.GetProperty("parameters").GetProperty("demandWindowHours").GetInt32());
        var line = Assert.Single(root.GetProperty("lines").EnumerateArray());
        Assert.Equal("WATER", line.GetProperty("itemCode").GetString());
        // 3,900 in 720 h = 5.4167/h; x 720 x 1.25 = 4,875.03; less 100 usable.
        Assert.Equal("5.4167", line.GetProperty("burnRate").GetProperty("value").GetString());
        Assert.Equal("4775.03", line.GetProperty("gapQty").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Http_json_accepts_camel_case_names_too_and_reports_errors_as_http_statuses()
    {
        using (var camel = await PostPreviewAsync("""{"eventId":1,"warehouseId":1}"""))
        {
            Assert.Equal(HttpStatusCode.OK, camel.StatusCode);
            Assert.Contains("\"SURGE\"", await camel.Content.ReadAsStringAsync());
        }

        using (var missing = await PostPreviewAsync("""{"event_id":1,"warehouse_id":99,"phase":"BASELINE"}"""))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var anonymous = await PostPreviewAsync("""{"event_id":1,"warehouse_id":1}""", authenticated: false);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Preview_refuses_unknown_events_and_warehouses()
    {
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => PreviewAsync(new PreviewNeedsListRequest { EventId = 99, WarehouseId = 1 }));
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => PreviewAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 99 }));
    }

    [Fact]
    public async Task Preview_refuses_a_closed_event_and_an_inactive_warehouse()
    {
        var closed = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => PreviewAsync(new PreviewNeedsListRequest { EventId = 3, WarehouseId = 1 }));
        Assert.Contains("closed", closed.Status.Detail);
        var inactive = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => PreviewAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 2 }));
        Assert.Contains("inactive", inactive.Status.Detail);
    }

    [Fact]
    public async Task A_stored_configuration_out_of_range_is_a_failed_precondition_naming_it()
    {
        var refused = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition,
            () => PreviewAsync(new PreviewNeedsListRequest { EventId = 4, WarehouseId = 1 }));

        Assert.Contains("demand_window_hours", refused.Status.Detail);
    }

    [Fact]
    public async Task Preview_names_each_bad_field()
    {
        await GrpcAssert.FailsOnField("event_id", () => PreviewAsync(new PreviewNeedsListRequest { WarehouseId = 1 }));
        await GrpcAssert.FailsOnField("warehouse_id", () => PreviewAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = -4 }));
        await GrpcAssert.FailsOnField("phase", () => PreviewAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 1, Phase = (EventPhase)42 }));
        await GrpcAssert.FailsOnField("as_of", () => PreviewAsync(new PreviewNeedsListRequest
        {
            EventId = 1, WarehouseId = 1, AsOf = Timestamp.FromDateTime(DateTime.UtcNow.AddHours(2)),
        }));
        await GrpcAssert.FailsOnField("as_of", () => PreviewAsync(new PreviewNeedsListRequest
        {
            EventId = 1, WarehouseId = 1, AsOf = new Timestamp { Seconds = -62135596800 },
        }));
        await GrpcAssert.FailsOnField("as_of", () => PreviewAsync(new PreviewNeedsListRequest
        {
            EventId = 1, WarehouseId = 1, AsOf = new Timestamp { Seconds = 1_700_000_000, Nanos = 1_000_000_000 },
        }));
    }

    [Fact]
    public async Task Preview_needs_a_token_but_no_role()
    {
        await GrpcAssert.FailsWith(StatusCode.Unauthenticated,
            () => Client.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 1 }).ResponseAsync);

        var preview = await PreviewAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 1 }, Bearer(Token("nobody")));
        Assert.Equal(EventPhase.Surge, preview.Phase);
    }

    [Fact]
    public async Task Preview_as_of_an_earlier_moment_uses_the_demand_of_that_window()
    {
        var earlier = await PreviewAsync(new PreviewNeedsListRequest
        {
            EventId = 1, WarehouseId = 1, AsOf = Timestamp.FromDateTime(DateTime.UtcNow.AddHours(-97)),
        });

        // 97 h ago the 3,600 dispatched 100 h ago was inside the 6 h window: 600/h.
        Assert.Equal("600.0000", Assert.Single(earlier.Lines).BurnRate.Value);
    }
}
