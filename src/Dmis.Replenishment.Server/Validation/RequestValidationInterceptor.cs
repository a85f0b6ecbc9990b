using Dmis.Replenishment.Domain;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Dmis.Replenishment.Server.Validation;

/// <summary>
/// The one place every request is checked before its use case runs: <see cref="MessageRules"/> for
/// the shape of every field, then the use case's own domain rules. A refusal is INVALID_ARGUMENT
/// with a field violation per broken rule (mapped by the error interceptor, which runs outside this one).
/// </summary>
public sealed class RequestValidationInterceptor(TimeProvider time) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Validate(request);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Validate(request);
        return continuation(request, responseStream, context);
    }

    private void Validate(object request)
    {
        if (request is IMessage message && MessageRules.Check(message, time.GetUtcNow()) is { Count: > 0 } violations)
        {
            throw new DomainValidationException(violations);
        }
    }
}
