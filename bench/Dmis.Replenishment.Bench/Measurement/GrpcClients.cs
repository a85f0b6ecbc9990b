using Dmis.Replenishment.Client;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dmis.Replenishment.Bench.Measurement;

/// <summary>gRPC channels and call options of the harness (plain generated clients: no retries that would hide latency).</summary>
public static class GrpcClients
{
    public static GrpcChannel Channel(string address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 256 * 1024 * 1024,
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                // The typed client's window (see ResponseStreamWindowBytes): previews are 200-300 KB messages.
                InitialHttp2StreamWindowSize = ServiceCollectionExtensions.ResponseStreamWindowBytes,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                KeepAlivePingDelay = TimeSpan.FromSeconds(60),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            },
        });

    public static Metadata Bearer(string token) => new() { { "Authorization", $"Bearer {token}" } };

    public static bool IsUnimplemented(Exception exception) =>
        exception is RpcException { StatusCode: StatusCode.Unimplemented };
}
