using Dmis.Replenishment.V1;
using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Client;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The HTTP/2 receive window of each call's response stream. A needs list or preview of a few hundred
    /// lines is a 200-300 KB message; with HTTP/2's default 64 KB window the server stops several times per
    /// response to wait for the client's window updates (about 5 ms per preview on the benchmark machine).
    /// </summary>
    public const int ResponseStreamWindowBytes = 1024 * 1024;

    /// <summary>
    /// Registers the three typed clients (EventPhaseService, NeedsListService, ProcurementService)
    /// with a default deadline, retries of reads on UNAVAILABLE, HTTP/2 keep-alive and bearer tokens.
    /// </summary>
    public static IServiceCollection AddDmisReplenishmentClient(
        this IServiceCollection services, Action<DmisReplenishmentClientOptions> configure)
    {
        services.AddOptions<DmisReplenishmentClientOptions>().Configure(configure);
        services.AddClient<EventPhaseService.EventPhaseServiceClient>();
        services.AddClient<NeedsListService.NeedsListServiceClient>();
        services.AddClient<ProcurementService.ProcurementServiceClient>();
        return services;
    }

    private static void AddClient<TClient>(this IServiceCollection services)
        where TClient : class
    {
        services.AddGrpcClient<TClient>((provider, factory) =>
            {
                factory.Address = Options(provider).Address;
            })
            .ConfigureChannel((provider, channel) =>
            {
                var options = Options(provider);
                channel.ServiceConfig = ReplenishmentServiceConfig.Create(options.MaxRetryAttempts);
                channel.UnsafeUseInsecureChannelCallCredentials = options.Address.Scheme == Uri.UriSchemeHttp;
            })
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                KeepAlivePingDelay = Options(provider).KeepAlivePingDelay,
                KeepAlivePingTimeout = TimeSpan.FromSeconds(20),
                KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
                EnableMultipleHttp2Connections = true,
                InitialHttp2StreamWindowSize = ResponseStreamWindowBytes,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            })
            .AddInterceptor(provider => new DefaultDeadlineInterceptor(Options(provider).DefaultDeadline))
            .AddCallCredentials(async (context, metadata, provider) =>
            {
                if (Options(provider).BearerToken is { } tokenSource
                    && await tokenSource(provider, context.CancellationToken) is { Length: > 0 } token)
                {
                    metadata.Add("Authorization", $"Bearer {token}");
                }
            });
    }

    private static DmisReplenishmentClientOptions Options(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<DmisReplenishmentClientOptions>>().Value;
}
