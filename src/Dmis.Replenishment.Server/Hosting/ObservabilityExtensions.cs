using Dmis.Replenishment.Server.Observability;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dmis.Replenishment.Server.Hosting;

public static class ObservabilityExtensions
{
    /// <summary>The .NET runtime's built-in meter (GC, heap, thread pool, exceptions; .NET 9 and later).</summary>
    private const string RuntimeMeter = "System.Runtime";

    /// <summary>
    /// Traces (ASP.NET Core incl. gRPC, Npgsql), metrics (ours, ASP.NET Core, Npgsql, the runtime) and logs,
    /// exported via OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; metrics are also scraped at /metrics on the
    /// management endpoint.
    /// </summary>
    public static IServiceCollection AddReplenishmentObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ReplenishmentMetrics>();
        services.AddSingleton<RpcObservabilityInterceptor>();
        var useOtlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("dmis-replenishment"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(options => options.Filter = context => !ManagementEndpoints.IsManagementPath(context.Request.Path))
                    .AddNpgsql();
                if (useOtlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ReplenishmentMetrics.MeterName, "Npgsql", RuntimeMeter)
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (useOtlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (useOtlp)
        {
            telemetry.WithLogging(logging => logging.AddOtlpExporter(), options =>
            {
                options.IncludeScopes = true;
                options.IncludeFormattedMessage = true;
            });
        }

        return services;
    }

    /// <summary>
    /// Logging:Console:FormatterName picks "simple" (the default) or "json"; JSON lines get an ISO 8601 UTC
    /// timestamp unless Logging:Console:FormatterOptions:TimestampFormat says otherwise.
    /// </summary>
    public static ILoggingBuilder AddReplenishmentConsoleDefaults(this ILoggingBuilder logging)
    {
        logging.Services.Configure<JsonConsoleFormatterOptions>(options => options.TimestampFormat ??= "yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        return logging;
    }
}
