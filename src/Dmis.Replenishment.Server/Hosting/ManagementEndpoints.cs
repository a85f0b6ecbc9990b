using Dmis.Replenishment.Server.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Dmis.Replenishment.Server.Hosting;

/// <summary>
/// Metrics and the liveness/readiness probes, served only on the management port (Endpoints:ManagementUrl),
/// which the public endpoints and the proxy in front of them do not expose. The port is checked on the
/// connection, not on the Host header a client chooses.
/// </summary>
public static class ManagementEndpoints
{
    public const string MetricsPath = "/metrics";
    public const string LivenessPath = "/healthz/live";
    public const string ReadinessPath = "/healthz/ready";

    public static bool IsManagementPath(PathString path) => path == MetricsPath || path.StartsWithSegments("/healthz");

    public static WebApplication MapManagementEndpoints(this WebApplication app, int managementPort)
    {
        app.Use((context, next) =>
        {
            var isManagementEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<ManagementEndpoint>() is not null;
            if (isManagementEndpoint != (context.Connection.LocalPort == managementPort))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });

        app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(ManagementEndpoint.Instance).AllowAnonymous();
        // Liveness runs no check: the process answering is the answer (a database outage must not restart it).
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false })
            .WithMetadata(ManagementEndpoint.Instance).AllowAnonymous();
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadinessChecks.Tag) })
            .WithMetadata(ManagementEndpoint.Instance).AllowAnonymous();
        return app;
    }

    /// <summary>Marks an endpoint as served on the management port only.</summary>
    private sealed class ManagementEndpoint
    {
        public static readonly ManagementEndpoint Instance = new();
    }
}
