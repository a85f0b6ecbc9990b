using Dmis.Replenishment.Data.Fulfilment;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.Procurement;
using Dmis.Replenishment.Domain.Fulfilment;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Server.Application.Fulfilment;

/// <summary>
/// IN_PROGRESS -> FULFILLED (SPEC 4): the one place that completes a needs list, whatever received its
/// last line (a procurement receipt, ReceiveTransfer, or the sweep after the DMIS main application's own
/// writes). It locks the list, reads every line's receipts per horizon, and when every line is done
/// writes the status change through <see cref="NeedsListFulfilmentStore.ChangeStatusAsync"/>; its audit
/// row is what WatchNeedsListEvents streams.
/// </summary>
public sealed class NeedsListCompletion(TimeProvider time)
{
    /// <summary>True when the list moved to FULFILLED; false when it is not IN_PROGRESS, or a line is still outstanding.</summary>
    public async Task<bool> CompleteIfFulfilledAsync(
        DbScope scope, int needsListId, string actor, string cause, CancellationToken cancellationToken)
    {
        var list = await NeedsListFulfilmentStore.LockAsync(scope, needsListId, cancellationToken);
        if (list is null || !NeedsListStatusWords.TryParse(list.StatusCode, out var status)
            || !NeedsListStateMachine.CanApply(status, NeedsListAction.Fulfil))
        {
            return false;
        }

        var lines = await FulfilmentStore.ReceiptsAsync(scope, [needsListId], cancellationToken);
        if (!LineProgress.AllDone(lines.Select(line => line.Progress())))
        {
            return false;
        }

        var next = NeedsListStateMachine.Next(status, NeedsListAction.Fulfil, list.NeedsListNo);
        await NeedsListFulfilmentStore.ChangeStatusAsync(
            scope, needsListId, status.ToWord(), next.ToWord(), NeedsListAuditActions.For(NeedsListAction.Fulfil),
            $"Every line fulfilled ({cause})", actor, time.Now(), cancellationToken);
        return true;
    }
}
