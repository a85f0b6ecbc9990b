using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// Fans one instance's notifications out to its stream subscribers. Each subscriber has its own
/// bounded queue: a slow or stalled subscriber loses its stream (and may resubscribe) instead of
/// holding up the others.
/// </summary>
public sealed class NotificationHub<T>
{
    private const int QueueCapacity = 1024;
    private readonly ConcurrentDictionary<long, Subscription> subscriptions = new();
    private long nextId;

    public int SubscriberCount => subscriptions.Count;

    /// <summary>A hub whose subscriber count is reported as a metric.</summary>
    public static NotificationHub<T> Observed(Observability.ReplenishmentMetrics metrics, string stream)
    {
        var hub = new NotificationHub<T>();
        metrics.ObserveSubscribers(stream, () => hub.SubscriberCount);
        return hub;
    }

    public Subscription Subscribe(Func<T, bool> filter)
    {
        var subscription = new Subscription(this, Interlocked.Increment(ref nextId), filter);
        subscriptions[subscription.Id] = subscription;
        return subscription;
    }

    public void Publish(T notification)
    {
        foreach (var subscription in subscriptions.Values)
        {
            subscription.Offer(notification);
        }
    }

    public void CompleteAll(Exception? reason = null)
    {
        foreach (var subscription in subscriptions.Values)
        {
            subscription.Complete(reason);
        }
    }

    public sealed class Subscription : IDisposable
    {
        private readonly NotificationHub<T> hub;
        private readonly Func<T, bool> filter;
        private readonly Channel<T> queue = Channel.CreateBounded<T>(
            new BoundedChannelOptions(QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        internal Subscription(NotificationHub<T> hub, long id, Func<T, bool> filter)
        {
            this.hub = hub;
            this.filter = filter;
            Id = id;
        }

        internal long Id { get; }

        public ChannelReader<T> Reader => queue.Reader;

        internal void Offer(T notification)
        {
            if (filter(notification) && !queue.Writer.TryWrite(notification))
            {
                Complete(new SubscriberTooSlowException(QueueCapacity));
            }
        }

        internal void Complete(Exception? reason)
        {
            queue.Writer.TryComplete(reason);
            hub.subscriptions.TryRemove(Id, out _);
        }

        public void Dispose() => Complete(null);
    }
}

public sealed class SubscriberTooSlowException(int capacity)
    : Exception($"the subscriber fell {capacity} notifications behind; resubscribe to continue");
