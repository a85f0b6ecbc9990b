using Grpc.Core;

namespace Dmis.Replenishment.Server.Streaming;

/// <summary>Relays one subscription to one response stream.</summary>
public sealed class StreamRelay(IHostApplicationLifetime lifetime)
{
    /// <summary>
    /// Writes the subscription's notifications that pass <paramref name="isNew"/> until the caller goes away. When the server shuts
    /// down, or the subscriber falls too far behind, the stream ends with a status the client
    /// library resubscribes on (UNAVAILABLE, RESOURCE_EXHAUSTED).
    /// </summary>
    public async Task RelayAsync<T>(
        NotificationHub<T>.Subscription subscription,
        IServerStreamWriter<T> responseStream,
        Func<T, bool> isNew,
        CancellationToken callCancelled)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(callCancelled, lifetime.ApplicationStopping);
        try
        {
            await foreach (var notification in subscription.Reader.ReadAllAsync(linked.Token))
            {
                if (isNew(notification))
                {
                    await responseStream.WriteAsync(notification, linked.Token);
                }
            }
        }
        catch (OperationCanceledException) when (callCancelled.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            throw ShuttingDown();
        }
        catch (Exception exception) when ((exception as SubscriberTooSlowException ?? exception.InnerException) is SubscriberTooSlowException slow)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, slow.Message));
        }

        throw ShuttingDown();
    }

    private static RpcException ShuttingDown() =>
        new(new Status(StatusCode.Unavailable, "the server is shutting down; resubscribe"));
}
