using Dmis.Replenishment.Server.Application;
using Dmis.Replenishment.Server.Application.EventPhases;
using Dmis.Replenishment.Server.Application.Explanations;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.Server.Application.Planning;
using Dmis.Replenishment.Server.Application.Procurement;
using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Errors;
using Dmis.Replenishment.Server.Fulfilment;
using Dmis.Replenishment.Server.Grpc;
using Dmis.Replenishment.Server.Health;
using Dmis.Replenishment.Server.Observability;
using Dmis.Replenishment.Server.Options;
using Dmis.Replenishment.Server.Streaming;
using Dmis.Replenishment.Server.Validation;
using Dmis.Replenishment.Server.Workflow;
using Dmis.Replenishment.V1;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Hosting;

public static class GrpcExtensions
{
    public static IServiceCollection AddReplenishmentGrpc(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PagingOptions>().Bind(configuration.GetSection(PagingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PagingOptions>>(new ProblemsValidator<PagingOptions>(o => o.Problems()));
        services.AddSingleton(provider => new PageTokens(provider.GetRequiredService<IOptions<PagingOptions>>().Value
            .KeyBytes(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString)));

        services.AddGrpc(options =>
        {
            options.Interceptors.Add<RpcObservabilityInterceptor>();
            options.Interceptors.Add<ErrorMappingInterceptor>();
            options.Interceptors.Add<CallerValidationInterceptor>();
            options.Interceptors.Add<RequestValidationInterceptor>();
            options.EnableDetailedErrors = false;
        }).AddJsonTranscoding(options =>
        {
            options.JsonSettings.WriteIndented = false;
            options.TypeRegistry = RichErrorTypes.Registry;
        });
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadinessChecks.Tag])
            .AddCheck<NotificationListenerHealthCheck>("notification_listener", tags: [ReadinessChecks.Tag]);

        services.AddSingleton<MutationRunner>();
        services.AddOptions<IdempotencyOptions>().Bind(configuration.GetSection(IdempotencyOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdempotencyOptions>>(new ProblemsValidator<IdempotencyOptions>(o => o.Problems()));
        services.AddSingleton<IdempotencyPruner>();
        services.AddHostedService<IdempotencyPruningService>();
        services.AddSingleton<EventPhaseOperations>();
        services.AddSingleton<NeedsListDraftWriter>();
        services.AddSingleton<NeedsListOperations>();
        services.AddSingleton<ExplainPreviewLine>();
        services.AddSingleton<ExplainStoredLine>();
        services.AddSingleton<PlanEventReplenishment>();
        services.AddSingleton<GeneratePlannedNeedsLists>();
        services.AddSingleton<StockStatusTotalsCache>();
        services.AddSingleton<StockStatusOperations>();
        services.AddSingleton<SupplierOperations>();
        services.AddSingleton<ProcurementOperations>();
        services.AddSingleton<Application.Batches.NeedsListBatchDecisions>();
        services.AddSingleton<TransferOperations>();

        services.AddReplenishmentWorkflow();
        services.AddReplenishmentFulfilment();
        services.AddResumableWatch<PhaseChange, PhaseChangeSource>("dmis_phase_changes", "phase_changes");
        services.AddResumableWatch<NeedsListEvent, NeedsListEventSource>("dmis_needs_list_events", "needs_list_events");
        services.AddOptions<StreamOptions>().BindConfiguration(StreamOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StreamOptions>>(new ProblemsValidator<StreamOptions>(o => o.Problems()));
        services.AddSingleton<StreamRelay>();
        // In-flight calls get this long to finish when the server stops; streams end at once with UNAVAILABLE.
        services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));
        services.AddSingleton<PostgresNotificationListener>();
        services.AddHostedService(provider => provider.GetRequiredService<PostgresNotificationListener>());
        return services;
    }

    /// <summary>
    /// A stream fed from its table: the hub fanning out to this instance's subscribers (its size a metric),
    /// the feed the listener wakes on <paramref name="channel"/>, and the Watch with resume.
    /// </summary>
    private static void AddResumableWatch<TMessage, TSource>(this IServiceCollection services, string channel, string metricName)
        where TSource : class, IStreamSource<TMessage>
    {
        services.AddSingleton<IStreamSource<TMessage>, TSource>();
        services.AddSingleton(provider => NotificationHub<TMessage>.Observed(provider.GetRequiredService<ReplenishmentMetrics>(), metricName));
        services.AddSingleton<INotificationChannel>(provider => new JournalFeed<TMessage>(
            channel, provider.GetRequiredService<IStreamSource<TMessage>>(), provider.GetRequiredService<NotificationHub<TMessage>>()));
        services.AddSingleton<ResumableWatch<TMessage>>();
    }

    public static WebApplication MapReplenishmentServices(this WebApplication app)
    {
        app.MapGrpcService<EventPhaseGrpcService>();
        app.MapGrpcService<NeedsListGrpcService>();
        app.MapGrpcService<ProcurementGrpcService>();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapGrpcReflectionService().AllowAnonymous();
        app.MapGet("/api/v1/health/", HealthAsync).AllowAnonymous();
        return app;
    }

    /// <summary>The migration guide's smoke-test path: grpc.health.v1's answer as JSON.</summary>
    private static async Task<IResult> HealthAsync(HealthCheckService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        var serving = report.Status == HealthStatus.Healthy;
        return Results.Json(
            new { status = serving ? "SERVING" : "NOT_SERVING" },
            statusCode: serving ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
