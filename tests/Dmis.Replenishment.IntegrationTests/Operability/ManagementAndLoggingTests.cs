using System.Net;
using System.Text.Json;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Testing;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dmis.Replenishment.IntegrationTests.Operability;

/// <summary>
/// The real executable as a platform runs it: JSON console logs with the call's scopes, OpenTelemetry RPC
/// metrics and the probes on the management port, none of which the public ports serve.
/// </summary>
public sealed class ManagementAndLoggingTests : IAsyncLifetime
{
    private ServerProcess? server;
    private string connectionString = "";

    private ServerProcess Server => server ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        (_, connectionString) = await TestCluster.CreateMigratedDatabaseAsync(nameof(ManagementAndLoggingTests));
        server = await ServerProcess.StartAsync(
            "management", connectionString, ReplenishmentServerFactory.SigningKey, "Information",
            new Dictionary<string, string>
            {
                ["Logging__Console__FormatterName"] = "json",
                ["Logging__LogLevel__Dmis.Replenishment.Server.Observability"] = "Debug",
            },
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_json_log_line_of_a_call_carries_the_user_the_client_request_id_and_the_trace_id()
    {
        var client = new EventPhaseService.EventPhaseServiceClient(GrpcChannel.ForAddress(Server.GrpcAddress));

        await GrpcAssert.FailsWith(StatusCode.NotFound, () => client.ChangePhaseAsync(
            new ChangePhaseRequest { EventId = 987654, Phase = EventPhase.Surge, Reason = "log test", ExpectedVersion = 1, RequestId = "log-line-1" },
            ReplenishmentServerFactory.Bearer(ReplenishmentServerFactory.Token("loguser", "LOGISTICS_MANAGER"))).ResponseAsync);

        var line = await EventuallyAsync(() => Server.Tail.Split('\n').FirstOrDefault(text => text.Contains("log-line-1") && text.Contains("finished with")));
        using var entry = JsonDocument.Parse(line);
        var scopes = entry.RootElement.GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Equal("Debug", entry.RootElement.GetProperty("LogLevel").GetString());
        Assert.Contains(scopes, scope => Text(scope, "UserId") == "loguser" && Text(scope, "ClientRequestId") == "log-line-1");
        Assert.Contains(scopes, scope => Text(scope, "TraceId") is { Length: 32 });
        Assert.True(entry.RootElement.TryGetProperty("Timestamp", out _), line);
    }

    [Fact]
    public async Task The_management_port_serves_rpc_server_duration_in_seconds_with_the_semantic_convention_attributes()
    {
        var client = new EventPhaseService.EventPhaseServiceClient(GrpcChannel.ForAddress(Server.GrpcAddress));
        await client.ListEventsAsync(new ListEventsRequest(),
            ReplenishmentServerFactory.Bearer(ReplenishmentServerFactory.Token("metrics", "LOGISTICS_OFFICER")));
        using var http = new HttpClient();

        var scrape = await http.GetStringAsync($"{Server.ManagementUrl}/metrics");

        var series = scrape.Split('\n').Where(line => line.StartsWith("rpc_server_duration_seconds_count{", StringComparison.Ordinal)).ToList();
        Assert.Contains(series, line =>
            line.Contains("rpc_system=\"grpc\"") && line.Contains("rpc_service=\"dmis.replenishment.v1.EventPhaseService\"")
            && line.Contains("rpc_method=\"ListEvents\"") && line.Contains("rpc_grpc_status_code=\"0\""));
        Assert.Contains("rpc_server_duration_seconds_bucket{", scrape);
        Assert.DoesNotContain("dmis_rpc_", scrape);
        Assert.Contains("dotnet_gc_collections_total", scrape);
        Assert.Contains("dmis_stream_subscribers", scrape);
    }

    [Fact]
    public async Task Liveness_and_readiness_answer_on_the_management_port()
    {
        using var http = new HttpClient();

        using var live = await http.GetAsync($"{Server.ManagementUrl}/healthz/live");
        using var ready = await http.GetAsync($"{Server.ManagementUrl}/healthz/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/healthz/live")]
    [InlineData("/healthz/ready")]
    public async Task The_public_http_port_does_not_serve_management_paths_whatever_the_host_header(string path)
    {
        using var http = new HttpClient();
        using var plain = await http.GetAsync($"{Server.HttpUrl}{path}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Server.HttpUrl}{path}");
        request.Headers.Host = new Uri(Server.ManagementUrl).Authority;

        using var disguised = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, plain.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, disguised.StatusCode);
    }

    [Fact]
    public async Task The_management_port_serves_no_api_path()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync($"{Server.ManagementUrl}/api/v1/health/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Logs_are_exported_over_otlp_when_an_endpoint_is_set()
    {
        using var collector = new OtlpHttpCollector();
        await using var exporting = await ServerProcess.StartAsync(
            "otlp", connectionString, ReplenishmentServerFactory.SigningKey, "Information",
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Url,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
            },
            CancellationToken.None);

        // OTLP is protobuf: the record's text and the service name travel as UTF-8 strings inside it.
        var exported = await collector.BodyContainingAsync("/v1/logs", "Listening for database notifications", TimeSpan.FromSeconds(20));

        Assert.Contains("dmis-replenishment", exported);
    }

    private static string? Text(JsonElement scope, string name) =>
        scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>The server writes its log asynchronously: wait for the line to appear.</summary>
    private static async Task<string> EventuallyAsync(Func<string?> find)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the expected log line did not appear");
    }
}
