using System.Diagnostics;
using Dmis.Replenishment.Server.Auth;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Dmis.Replenishment.Server.Observability;

/// <summary>
/// Per-RPC metrics (rpc.server.duration by service, method and status), a logging scope carrying the
/// user id and the client's request id (never the token), and a Debug line per finished call.
/// </summary>
public sealed partial class RpcObservabilityInterceptor(ReplenishmentMetrics metrics, ILogger<RpcObservabilityInterceptor> logger) : Interceptor
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
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.RecordRpc(context.Method, status, elapsed);
            LogFinished(context.Method, status, elapsed.TotalMilliseconds);
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
        // A message template rather than a dictionary: the simple console formatter prints a template's
        // text but only the type name of a dictionary; the JSON formatter and OTLP get the named values either way.
        // "ClientRequestId", not "RequestId": ASP.NET Core's own scope already uses that name for its per-request id.
        return logger.BeginScope(
            "UserId:{UserId} ClientRequestId:{ClientRequestId} RpcMethod:{RpcMethod}", userId ?? "anonymous", requestId ?? "", context.Method);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{RpcMethod} finished with {StatusCode} in {ElapsedMs:0.0} ms")]
    private partial void LogFinished(string rpcMethod, StatusCode statusCode, double elapsedMs);
}
