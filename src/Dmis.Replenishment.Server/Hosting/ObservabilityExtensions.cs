using Dmis.Replenishment.Server.Observability;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dmis.Replenishment.Server.Hosting;

public static class ObservabilityExtensions
{
    /// <summary>
    /// Traces (ASP.NET Core incl. gRPC, Npgsql) and metrics (ours, ASP.NET Core, gRPC server, Npgsql),
    /// exported via OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set, and scraped at /metrics.
    /// </summary>
    public static IServiceCollection AddReplenishmentObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReplenishmentMetrics>();
        services.AddSingleton<RpcObservabilityInterceptor>();
        var useOtlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("dmis-replenishment"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => context.Request.Path != "/metrics")
                    .AddNpgsql();
                if (useOtlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ReplenishmentMetrics.MeterName, "Grpc.AspNetCore.Server", "Npgsql")
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (useOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    public static WebApplication MapReplenishmentMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
