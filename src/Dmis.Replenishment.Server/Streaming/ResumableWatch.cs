using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// One stream's Watch: optionally replays what a client missed since its resume point, then relays the
/// live messages, with no gap and no duplicate between the two.
/// </summary>
public sealed class ResumableWatch<T>(
    NotificationHub<T> hub, IStreamSource<T> source, StreamRelay relay, TimeProvider time, IOptions<StreamOptions> options)
{
    /// <param name="resumeAfter">The id of the last message the client received; 0 for live messages only.</param>
    /// <param name="resumeField">The request field <paramref name="resumeAfter"/> came in, for error messages.</param>
    public async Task WatchAsync(
        long resumeAfter, string resumeField, Func<T, bool> filter, IServerStreamWriter<T> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (resumeAfter < 0)
        {
            throw new DomainValidationException(resumeField, "must be 0 (live only) or the id of the last message received");
        }

        if (resumeAfter > 0)
        {
            await EnsureResumableAsync(resumeAfter, resumeField, cancellationToken);
        }

        // Subscribed before the replay reads: whatever commits after the read reaches the subscription,
        // and what both carry is sent once (by id).
        using var subscription = hub.Subscribe(filter);
        await context.WriteResponseHeadersAsync([]);
        var lastSent = resumeAfter > 0 ? await ReplayAsync(resumeAfter, filter, responseStream, cancellationToken) : 0;
        await relay.RelayAsync(subscription, responseStream, message => source.IdOf(message) > lastSent, cancellationToken);
    }

    private async Task EnsureResumableAsync(long resumeAfter, string resumeField, CancellationToken cancellationToken)
    {
        var window = TimeSpan.FromHours(options.Value.ReplayWindowHours);
        var recordedAt = await source.RecordedAtAsync(resumeAfter, cancellationToken)
            ?? throw new PreconditionFailedException(
                $"{resumeField} {resumeAfter} is not a known resume point: watch from now (0) after re-reading the current state");
        if (DateTime.SpecifyKind(recordedAt, DateTimeKind.Utc) < time.GetUtcNow().UtcDateTime - window)
        {
            throw new PreconditionFailedException(
                $"{resumeField} {resumeAfter} is older than the replay window ({options.Value.ReplayWindowHours} h): "
                + "re-read the current state, then watch from now (0)");
        }
    }

    /// <summary>Writes every matching message after <paramref name="resumeAfter"/>; returns the last id read.</summary>
    private async Task<long> ReplayAsync(
        long resumeAfter, Func<T, bool> filter, IServerStreamWriter<T> responseStream, CancellationToken cancellationToken)
    {
        var after = resumeAfter;
        IReadOnlyList<T> page;
        do
        {
            page = await source.ReadAfterAsync(after, JournalFeed<T>.PageSize, cancellationToken);
            foreach (var message in page)
            {
                if (filter(message))
                {
                    await responseStream.WriteAsync(message, cancellationToken);
                }

                after = source.IdOf(message);
            }
        }
        while (page.Count == JournalFeed<T>.PageSize);

        return after;
    }
}
