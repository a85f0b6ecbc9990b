using System.Runtime.CompilerServices;
using Dmis.Replenishment.V1;
using Grpc.Core;

namespace Dmis.Replenishment.Sample;

/// <summary>Follows WatchPhaseChanges for ever, resubscribing when the server restarts or drops the stream.</summary>
public static class PhaseChangeFollower
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);

    public static async IAsyncEnumerable<PhaseChange> FollowAsync(
        EventPhaseService.EventPhaseServiceClient client, int eventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!cancellationToken.IsCancellationRequested)
        {
            using var call = client.WatchPhaseChanges(new WatchPhaseChangesRequest { EventIds = { eventId } }, cancellationToken: cancellationToken);
            var stream = call.ResponseStream;
            while (await NextAsync(stream, cancellationToken) is { } change)
            {
                backoff = TimeSpan.FromMilliseconds(250);
                yield return change;
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
                                                 or StatusCode.Internal or StatusCode.Cancelled && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (RpcException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
