using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Dmis.Replenishment.Server.Auth;

/// <summary>
/// Refuses, on every authenticated call, a token whose user cannot be written to the database
/// (no user name, or one over 20 characters), with a message saying so.
/// </summary>
public sealed class CallerValidationInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Validate(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Validate(context);
        return continuation(request, responseStream, context);
    }

    private static void Validate(ServerCallContext context)
    {
        if (context.GetHttpContext().User.Identity?.IsAuthenticated == true)
        {
            _ = context.GetCaller();
        }
    }
}
