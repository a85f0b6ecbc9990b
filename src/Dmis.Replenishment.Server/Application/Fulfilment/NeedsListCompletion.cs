using Dmis.Replenishment.Data.Fulfilment;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain.Fulfilment;

namespace Dmis.Replenishment.Server.Application.Fulfilment;

/// <summary>
/// IN_PROGRESS -> FULFILLED (SPEC 4): the one use case that completes a needs list, whatever received its
/// last line (a procurement receipt, ReceiveTransfer, or the sweep after the DMIS main application's own
/// writes). Load (locked) -> the aggregate decides from every line's receipts per horizon -> save; the
/// saved audit row is what WatchNeedsListEvents streams.
/// </summary>
public sealed class NeedsListCompletion(TimeProvider time)
{
    /// <summary>True when the list moved to FULFILLED; false when it is not IN_PROGRESS, or a line is still outstanding.</summary>
    public async Task<bool> CompleteIfFulfilledAsync(
        DbScope scope, int needsListId, string actor, string cause, CancellationToken cancellationToken)
    {
        var list = await NeedsListRepository.LoadForUpdateAsync(scope, needsListId, cancellationToken);
        var lines = await FulfilmentStore.ReceiptsAsync(scope, [needsListId], cancellationToken);
        var change = list.Complete(LineProgress.AllDone(lines.Select(line => line.Progress())), cause, actor, time.Now());
        if (change is null)
        {
            return false;
        }

        await NeedsListRepository.SaveAsync(scope, change, cancellationToken);
        return true;
    }
}
