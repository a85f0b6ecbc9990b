namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// Publishes a stream's new rows to this instance's subscribers, in id order, each once: on every
/// notification and after every reconnect of the listener it reads from the last id it published, so
/// a change committed while the listener was disconnected is published when it is back.
/// Called by the listener's one loop only, never concurrently.
/// </summary>
public sealed class JournalFeed<T>(string channel, IStreamSource<T> source, NotificationHub<T> hub) : INotificationChannel
{
    internal const int PageSize = 500;

    private long? lastPublished;

    public string Name => channel;

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (lastPublished is not { } after)
        {
            // First connection: subscribers get what is committed from now on.
            lastPublished = await source.LatestIdAsync(cancellationToken);
            return;
        }

        IReadOnlyList<T> page;
        do
        {
            page = await source.ReadAfterAsync(after, PageSize, cancellationToken);
            foreach (var message in page)
            {
                hub.Publish(message);
                after = source.IdOf(message);
                lastPublished = after;
            }
        }
        while (page.Count == PageSize);
    }
}
