using Grpc.Core;

namespace Dmis.Replenishment.Server.Streaming;

public static class StreamRelay
{
    /// <summary>
    /// Writes a subscription's notifications to a response stream until the caller goes away or
    /// the server shuts down (the stream then ends with UNAVAILABLE, so clients resubscribe).
    /// </summary>
    public static async Task RelayAsync<T>(
        NotificationHub<T>.Subscription subscription, IServerStreamWriter<T> responseStream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var notification in subscription.Reader.ReadAllAsync(cancellationToken))
            {
                await responseStream.WriteAsync(notification, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception) when ((exception as SubscriberTooSlowException ?? exception.InnerException) is SubscriberTooSlowException slow)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, slow.Message));
        }

        throw new RpcException(new Status(StatusCode.Unavailable, "the server is shutting down; resubscribe"));
    }
}
