using System.Runtime.CompilerServices;
using Dmis.Replenishment.V1;
using Grpc.Core;

namespace Dmis.Replenishment.Sample;

/// <summary>
/// Follows WatchPhaseChanges for ever, resubscribing when the server restarts or drops the stream. It
/// resumes after the last change it received, so no change is missed or seen twice across a resubscribe.
/// </summary>
public static class PhaseChangeFollower
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    public static async IAsyncEnumerable<PhaseChange> FollowAsync(
        EventPhaseService.EventPhaseServiceClient client, int eventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        long lastSeen = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var call = client.WatchPhaseChanges(
                new WatchPhaseChangesRequest { EventIds = { eventId }, AfterHistoryId = lastSeen }, cancellationToken: cancellationToken);
            var stream = call.ResponseStream;
            while (await NextAsync(stream, cancellationToken) is { } change)
            {
                backoff = TimeSpan.FromMilliseconds(250);
                lastSeen = change.HistoryId;
                yield return change;
            }

            if (!cancellationToken.IsCancellationRequested && call.GetStatus() is { StatusCode: StatusCode.FailedPrecondition } refused)
            {
                // The resume point is older than the server replays: a real client re-reads the state here.
                Console.Error.WriteLine($"cannot resume ({refused.Detail}); following from now");
                lastSeen = 0;
            }

            if (!cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine($"stream ended; resubscribing in {backoff.TotalSeconds:0.##} s");
                await Task.Delay(backoff, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>The next change, or null when the stream ended for a reason worth resubscribing on.</summary>
    private static async Task<PhaseChange?> NextAsync(IAsyncStreamReader<PhaseChange> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.MoveNext(cancellationToken) ? stream.Current : null;
        }
        catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted
                                                 or StatusCode.Internal or StatusCode.Cancelled or StatusCode.FailedPrecondition
                                             && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
