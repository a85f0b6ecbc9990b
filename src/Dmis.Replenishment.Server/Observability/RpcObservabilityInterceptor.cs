using System.Diagnostics;
using Dmis.Replenishment.Server.Auth;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Dmis.Replenishment.Server.Observability;

/// <summary>
/// Per-RPC metrics (calls and latency by method and status) and a logging scope carrying the
/// user id and the client's request id (never the token).
/// </summary>
public sealed class RpcObservabilityInterceptor(ReplenishmentMetrics metrics, ILogger<RpcObservabilityInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        using var scope = BeginScope(request, context);
        return await Measure(context, () => continuation(request, context));
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var scope = BeginScope(request, context);
        await Measure(context, async () =>
        {
            await continuation(request, responseStream, context);
            return true;
        });
    }

    private async Task<T> Measure<T>(ServerCallContext context, Func<Task<T>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var status = StatusCode.OK;
        try
        {
            return await call();
        }
        catch (RpcException exception)
        {
            status = exception.StatusCode;
            throw;
        }
        catch
        {
            status = StatusCode.Internal;
            throw;
        }
        finally
        {
            metrics.RecordRpc(context.Method, status.ToString(), Stopwatch.GetElapsedTime(started));
        }
    }

    private IDisposable? BeginScope<TRequest>(TRequest request, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var userId = user.Identity?.IsAuthenticated == true
            ? user.FindFirst(TokenClaims.UserName)?.Value ?? user.FindFirst("sub")?.Value
            : null;
        var requestId = request is IMessage message
            && message.Descriptor.FindFieldByName("request_id") is { } field
            && field.Accessor.GetValue(message) is string { Length: > 0 } id
                ? id
                : null;
        return logger.BeginScope(new Dictionary<string, object?>
        {
            ["UserId"] = userId ?? "anonymous",
            ["RequestId"] = requestId,
            ["RpcMethod"] = context.Method,
        });
    }
}
