using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Data.Workflow;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Server.Application.Workflow;

/// <summary>Needs-list events raised outside the workflow's own actions (the generate that supersedes drafts).</summary>
public static class NeedsListEvents
{
    /// <summary>
    /// A STATUS_CHANGED event for every open draft a generate superseded, raised in the generate's
    /// transaction (delivered at its commit).
    /// </summary>
    public static Task SupersededAsync(
        DbScope scope,
        IReadOnlyList<SupersedableList> superseded,
        string newNeedsListNo,
        int eventId,
        int warehouseId,
        string actor,
        DateTime at,
        CancellationToken cancellationToken)
    {
        var to = NeedsListStatus.Superseded.ToWord();
        return NeedsListWorkflowStore.NotifyAsync(scope,
        [
            .. superseded.Select(list => new NeedsListEventNotice
            {
                Type = NeedsListEventNotice.StatusChangedType,
                NeedsListId = list.NeedsListId,
                NeedsListNo = list.NeedsListNo,
                EventId = eventId,
                WarehouseId = warehouseId,
                FromStatus = list.StatusCode,
                ToStatus = to,
                ActorUserId = actor,
                OccurredAt = NeedsListEventNotice.FormatMoment(at),
                Message = $"Needs list {list.NeedsListNo} {NeedsListAction.Supersede.Participle()} by {newNeedsListNo} ({actor})",
            }),
        ], cancellationToken);
    }
}
