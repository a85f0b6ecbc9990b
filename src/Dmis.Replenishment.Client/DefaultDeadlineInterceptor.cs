using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Dmis.Replenishment.Client;

/// <summary>Gives unary calls without a deadline the configured default, so no call hangs forever.</summary>
internal sealed class DefaultDeadlineInterceptor(TimeSpan deadline) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (context.Options.Deadline is null)
        {
            context = new ClientInterceptorContext<TRequest, TResponse>(
                context.Method, context.Host, context.Options.WithDeadline(DateTime.UtcNow.Add(deadline)));
        }

        return continuation(request, context);
    }
}
