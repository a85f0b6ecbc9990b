using System.Net;
using System.Net.Http.Json;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Server.Health;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Dmis.Replenishment.IntegrationTests.Hosting;

/// <summary>grpc.health.v1, the guide's /api/v1/health/ smoke-test path, and reflection: all anonymous.</summary>
public sealed class HealthAndReflectionTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    /// <summary>Nothing listens on port 1: the connection is refused at once.</summary>
    private const string ClosedPort = "Host=127.0.0.1;Port=1;Database=dmis;Username=dmis;Password=none;Timeout=3";

    /// <summary>A server on <see cref="ClosedPort"/>, quiet: its failures to connect are expected here.</summary>
    private static ReplenishmentServerFactory ServerWithoutDatabase() =>
        new(ClosedPort, services => services.AddLogging(logging => logging.ClearProviders()));

    [Fact]
    public async Task Health_check_answers_SERVING_without_a_token_when_the_database_answers()
    {
        var health = new Health.HealthClient(fixture.Factory.CreateChannel());

        var response = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Health_check_answers_NOT_SERVING_when_the_database_is_unreachable()
    {
        await using var factory = ServerWithoutDatabase();
        var health = new Health.HealthClient(factory.CreateChannel());

        var response = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, response.Status);
    }

    [Fact]
    public async Task The_http_health_path_answers_200_SERVING_without_a_token()
    {
        using var client = fixture.Factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/health/");
        var body = await response.Content.ReadFromJsonAsync<HealthBody>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("SERVING", body?.Status);
    }

    [Fact]
    public async Task The_http_health_path_answers_503_NOT_SERVING_when_the_database_is_unreachable()
    {
        await using var factory = ServerWithoutDatabase();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/health/");
        var body = await response.Content.ReadFromJsonAsync<HealthBody>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("NOT_SERVING", body?.Status);
    }

    [Fact]
    public async Task Readiness_fails_on_the_database_and_the_notification_listener_while_liveness_runs_no_check_when_the_database_is_unreachable()
    {
        await using var factory = ServerWithoutDatabase();
        var health = factory.Services.GetRequiredService<HealthCheckService>();

        var readiness = await health.CheckHealthAsync(check => check.Tags.Contains(ReadinessChecks.Tag));
        var liveness = await health.CheckHealthAsync(_ => false);

        Assert.Equal(HealthStatus.Unhealthy, readiness.Status);
        Assert.Equal(HealthStatus.Unhealthy, readiness.Entries["database"].Status);
        Assert.Equal(HealthStatus.Unhealthy, readiness.Entries["notification_listener"].Status);
        Assert.Equal(HealthStatus.Healthy, liveness.Status);
    }

    [Fact]
    public async Task Readiness_is_healthy_when_the_database_answers_and_the_listener_is_connected()
    {
        var health = fixture.Factory.Services.GetRequiredService<HealthCheckService>();

        var readiness = await health.CheckHealthAsync(check => check.Tags.Contains(ReadinessChecks.Tag));

        Assert.Equal(HealthStatus.Healthy, readiness.Status);
        Assert.Equal(["database", "notification_listener"], readiness.Entries.Keys.Order());
    }

    [Fact]
    public async Task Reflection_lists_the_three_replenishment_services_without_a_token()
    {
        var reflection = new ServerReflection.ServerReflectionClient(fixture.Factory.CreateChannel());

        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(service => service.Name).ToList();

        Assert.Superset(
            new HashSet<string>
            {
                "dmis.replenishment.v1.EventPhaseService",
                "dmis.replenishment.v1.NeedsListService",
                "dmis.replenishment.v1.ProcurementService",
                "grpc.health.v1.Health",
            },
            services.ToHashSet());
    }

    private sealed record HealthBody(string Status);
}
