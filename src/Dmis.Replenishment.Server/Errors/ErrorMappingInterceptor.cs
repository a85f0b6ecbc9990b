using Dmis.Replenishment.Domain.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Dmis.Replenishment.Server.Errors;

/// <summary>Every failure leaves the server as one precise gRPC status (see <see cref="RpcErrors"/>).</summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context.Method, logger, context.CancellationToken);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            throw Translate(exception, context.Method, logger, context.CancellationToken);
        }
    }

    /// <summary>
    /// The status <paramref name="exception"/> becomes on <paramref name="method"/> (an RPC, or a plain HTTP route):
    /// bugs and outages are logged as errors, refusals that are not the Domain's own as information.
    /// </summary>
    public static RpcException Translate(Exception exception, string method, ILogger logger, CancellationToken callCancelled)
    {
        var translated = RpcErrors.From(exception, callCancelled);
        if (translated.StatusCode is StatusCode.Internal or StatusCode.Unavailable)
        {
            logger.LogError(exception, "{Method} failed: {StatusCode}", method, translated.StatusCode);
        }
        else if (exception is not DomainException)
        {
            logger.LogInformation(exception, "{Method} refused: {StatusCode}", method, translated.StatusCode);
        }

        return translated;
    }
}
