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
            throw Translate(exception, context);
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
            throw Translate(exception, context);
        }
    }

    private RpcException Translate(Exception exception, ServerCallContext context)
    {
        var translated = RpcErrors.From(exception, context.CancellationToken);
        if (translated.StatusCode is StatusCode.Internal or StatusCode.Unavailable)
        {
            logger.LogError(exception, "{Method} failed: {StatusCode}", context.Method, translated.StatusCode);
        }
        else if (exception is not DomainException)
        {
            logger.LogInformation(exception, "{Method} refused: {StatusCode}", context.Method, translated.StatusCode);
        }

        return translated;
    }
}
