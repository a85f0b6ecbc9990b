using System.Net;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Server.Calculation;
using Microsoft.Extensions.DependencyInjection;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Hosting;

/// <summary>
/// Over HTTP/JSON every gRPC status comes back as its HTTP status with a JSON google.rpc.Status body
/// (code, message, details), never a stack trace. Event 1 is open in BASELINE, event 2 closed.
/// </summary>
public sealed class HttpErrorStatusTests(HttpErrorStatusTests.Fixture fixture) : IClassFixture<HttpErrorStatusTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "BASELINE");
            await seed.EventAsync(2, "BASELINE", status: "C");
            await seed.WarehouseAsync(1, "KINGSTON CENTRAL");
        }
    }

    private static readonly string Reader = Token("reader");
    private static readonly string Officer = Token("tanya", "LOGISTICS_OFFICER");
    private static readonly string Manager = Token("kemar", "LOGISTICS_MANAGER");

    private async Task<HttpJsonReply> SendAsync(HttpMethod method, string path, string? json = null, string? token = null)
    {
        using var client = fixture.Factory.CreateClient();
        return await HttpJsonReply.SendAsync(client, method, path, json, token);
    }

    /// <summary>The reply is <paramref name="status"/> with a JSON status body of gRPC code <paramref name="code"/>.</summary>
    private static JsonStatus AssertStatus(HttpJsonReply reply, HttpStatusCode status, int code)
    {
        Assert.True(reply.Status == status, $"expected {status}, got {reply.Status}: {reply.Body}");
        Assert.Equal("application/json", reply.ContentType);
        Assert.DoesNotContain("   at ", reply.Body); // no stack trace
        var json = reply.Json;
        Assert.Equal(code, json.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("message").GetString()));
        return new JsonStatus(json);
    }

    [Fact]
    public async Task Invalid_argument_is_400_with_the_field_violations()
    {
        var reply = await SendAsync(HttpMethod.Post, "/api/v1/replenishment/needs-list/preview", """{"event_id":0,"warehouse_id":1}""", Reader);

        var status = AssertStatus(reply, HttpStatusCode.BadRequest, 3);
        Assert.Contains("event_id", status.ViolatedFields);
    }

    [Theory]
    [InlineData("/api/v1/replenishment/needs-lists/abc", "needs_list_id")]
    [InlineData("/api/v1/replenishment/needs-lists/export.pdf", "needs_list_id")]
    [InlineData("/api/v1/replenishment/needs-lists/99999999999/audit", "needs_list_id")]
    [InlineData("/api/v1/events/1.5", "event_id")]
    [InlineData("/api/v1/replenishment/needs-lists?page_size=ten", "page_size")]
    public async Task A_path_or_query_value_not_of_its_field_s_type_is_400_naming_the_field(string path, string field)
    {
        var reply = await SendAsync(HttpMethod.Get, path, token: Reader);

        var status = AssertStatus(reply, HttpStatusCode.BadRequest, 3);
        Assert.Equal([field], status.ViolatedFields);
    }

    [Fact]
    public async Task A_custom_verb_s_path_value_is_checked_like_any_other()
    {
        var reply = await SendAsync(HttpMethod.Post, "/api/v1/replenishment/needs-lists/x:submit", """{"expected_version":1}""", Officer);

        var status = AssertStatus(reply, HttpStatusCode.BadRequest, 3);
        Assert.Equal(["needs_list_id"], status.ViolatedFields);
    }

    [Fact]
    public async Task Well_formed_path_and_query_values_reach_the_rpc()
    {
        var reply = await SendAsync(HttpMethod.Get, "/api/v1/events/+1", token: Reader);

        Assert.True(reply.Status == HttpStatusCode.OK, $"{reply.Status}: {reply.Body}");
        Assert.Equal(1, reply.Json.GetProperty("eventId").GetInt32());
    }

    [Fact]
    public async Task A_body_that_is_not_json_of_the_request_is_400()
    {
        var reply = await SendAsync(HttpMethod.Post, "/api/v1/replenishment/needs-list/preview", "{\"event_id\":", Reader);

        AssertStatus(reply, HttpStatusCode.BadRequest, 3);
    }

    [Fact]
    public async Task Body_values_not_of_their_field_s_type_are_400_each_named()
    {
        var reply = await SendAsync(HttpMethod.Post, "/api/v1/replenishment/needs-list/preview", """{"event_id":"x","warehouse_id":1.5,"phase":"NO_SUCH_PHASE"}""", Reader);

        var status = AssertStatus(reply, HttpStatusCode.BadRequest, 3);
        Assert.Equal(["event_id", "warehouse_id", "phase"], status.ViolatedFields);
        Assert.Contains("event_id: \"x\" is not a whole number from -2147483648 to 2147483647, written without quotes", reply.Json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"assumptions":{"item_demand_multipliers":[{"item_id":"a","multiplier":{"value":"2"}}]}}""", "assumptions.item_demand_multipliers[0].item_id")]
    [InlineData("""{"warehouse_ids":5}""", "warehouse_ids")]
    [InlineData("""{"warehouse_ids":[1,"two"]}""", "warehouse_ids[1]")]
    [InlineData("""{"assumptions":{"demand_multiplier":"1.5"}}""", "assumptions.demand_multiplier")]
    [InlineData("""{"event_id":"1"}""", "event_id")]
    [InlineData("""{"phase":"surge"}""", "phase")]
    [InlineData("""{"as_of":"yesterday"}""", "as_of")]
    [InlineData("""{"as_of":5}""", "as_of")]
    public async Task A_nested_or_listed_body_value_is_named_by_its_path(string body, string field)
    {
        var reply = await SendAsync(HttpMethod.Post, "/api/v1/replenishment/events/1/plan", body, Reader);

        var status = AssertStatus(reply, HttpStatusCode.BadRequest, 3);
        Assert.Equal([field], status.ViolatedFields);
    }

    [Fact]
    public async Task Well_formed_body_values_in_any_json_spelling_reach_the_rpc()
    {
        // A camelCase name, the phase as its number, null for a message, a time with an offset: all proto3 JSON.
        var reply = await SendAsync(
            HttpMethod.Post, "/api/v1/replenishment/needs-list/preview", """{"eventId":1,"warehouse_id":1,"phase":3,"assumptions":null,"as_of":"2026-01-01T00:00:00-05:00"}""", Reader);

        Assert.True(reply.Status == HttpStatusCode.OK, $"{reply.Status}: {reply.Body}");
    }

    [Fact]
    public async Task Failed_precondition_is_400()
    {
        var reply = await SendAsync(HttpMethod.Post, "/api/v1/replenishment/needs-list/preview", """{"event_id":2,"warehouse_id":1}""", Reader);

        AssertStatus(reply, HttpStatusCode.BadRequest, 9);
    }

    [Fact]
    public async Task Unauthenticated_is_401_with_a_json_status()
    {
        var reply = await SendAsync(HttpMethod.Get, "/api/v1/events/1");

        AssertStatus(reply, HttpStatusCode.Unauthorized, 16);
    }

    [Fact]
    public async Task Permission_denied_is_403()
    {
        var reply = await SendAsync(HttpMethod.Post, "/api/v1/events/1/phase",
            """{"phase":"SURGE","reason":"landfall","expected_version":1,"request_id":"http-403"}""", Officer);

        AssertStatus(reply, HttpStatusCode.Forbidden, 7);
    }

    [Fact]
    public async Task Not_found_is_404()
    {
        var reply = await SendAsync(HttpMethod.Get, "/api/v1/events/99", token: Reader);

        AssertStatus(reply, HttpStatusCode.NotFound, 5);
    }

    [Fact]
    public async Task Aborted_by_a_version_conflict_is_409()
    {
        var reply = await SendAsync(HttpMethod.Post, "/api/v1/events/1/phase",
            """{"phase":"SURGE","reason":"landfall","expected_version":42,"request_id":"http-409"}""", Manager);

        AssertStatus(reply, HttpStatusCode.Conflict, 10);
    }

    [Fact]
    public async Task Already_exists_is_409()
    {
        const string supplier = """{"supplier":{"supplier_code":"DUP-1","supplier_name":"Dup Ltd","default_lead_time_days":5},"request_id":"REQ"}""";
        var first = await SendAsync(HttpMethod.Post, "/api/v1/suppliers", supplier.Replace("REQ", "http-dup-1"), Manager);
        Assert.True(first.Status == HttpStatusCode.OK, first.Body);

        var second = await SendAsync(HttpMethod.Post, "/api/v1/suppliers", supplier.Replace("REQ", "http-dup-2"), Manager);

        AssertStatus(second, HttpStatusCode.Conflict, 6);
    }

    [Fact]
    public async Task Resource_exhausted_is_429_with_a_retry_hint()
    {
        await using var busy = new ReplenishmentServerFactory(fixture.ConnectionString, services =>
            services.PostConfigure<CalculationOptions>(options => (options.MaxConcurrentCalculations, options.MaxQueuedCalculations) = (1, 0)));
        using var client = busy.CreateClient();
        using var slot = await busy.Services.GetRequiredService<CalculationGate>().EnterAsync(CancellationToken.None);

        var reply = await HttpJsonReply.SendAsync(client, HttpMethod.Post, "/api/v1/replenishment/needs-list/preview", """{"event_id":1,"warehouse_id":1}""", Reader);

        var status = AssertStatus(reply, (HttpStatusCode)429, 8);
        Assert.Contains(status.Json.GetProperty("details").EnumerateArray(),
            detail => detail.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.RetryInfo");
    }

    [Fact]
    public async Task Unavailable_database_is_503()
    {
        await using var offline = new ReplenishmentServerFactory("Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2");
        using var client = offline.CreateClient();

        var reply = await HttpJsonReply.SendAsync(client, HttpMethod.Get, "/api/v1/events/1", token: Reader);

        AssertStatus(reply, HttpStatusCode.ServiceUnavailable, 14);
    }

    private sealed record JsonStatus(System.Text.Json.JsonElement Json)
    {
        public IReadOnlyList<string> ViolatedFields => Json.GetProperty("details").EnumerateArray()
            .Where(detail => detail.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.BadRequest")
            .SelectMany(detail => detail.GetProperty("fieldViolations").EnumerateArray())
            .Select(violation => violation.GetProperty("field").GetString()!)
            .ToList();
    }
}
