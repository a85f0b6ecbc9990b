using System.Collections.Concurrent;

namespace Dmis.Replenishment.Data.Infrastructure;

/// <summary>
/// The needs lists written in the last <see cref="Window"/>, as far as this instance knows: those it
/// changed itself and those whose change notification it received from the others. Their reads go to
/// the primary, so a caller reads its own write even while the standby is still replaying it. The
/// window outlasts the longest lag at which the standby still answers (the bound plus one check), so
/// a list leaves it only once the standby has its change. Knowing more lists than needed only sends
/// more reads to the primary.
/// </summary>
public sealed class RecentNeedsListWrites(TimeSpan window, TimeProvider time)
{
    private const int PruneEvery = 256;

    private readonly ConcurrentDictionary<int, long> writtenAt = new();
    private int recorded;

    public TimeSpan Window => window;

    public void Record(int needsListId)
    {
        writtenAt[needsListId] = time.GetTimestamp();
        if (Interlocked.Increment(ref recorded) % PruneEvery == 0)
        {
            foreach (var (id, at) in writtenAt)
            {
                if (time.GetElapsedTime(at) >= window)
                {
                    writtenAt.TryRemove(new KeyValuePair<int, long>(id, at));
                }
            }
        }
    }

    public bool Contains(int needsListId) =>
        writtenAt.TryGetValue(needsListId, out var at) && time.GetElapsedTime(at) < window;
}
