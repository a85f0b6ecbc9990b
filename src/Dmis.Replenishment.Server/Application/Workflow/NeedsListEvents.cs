using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Data.Workflow;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Server.Application.Workflow;

/// <summary>Needs-list events raised outside the workflow's own actions (a generate that supersedes or retires open drafts).</summary>
public static class NeedsListEvents
{
    /// <summary>
    /// A STATUS_CHANGED event for every open draft a generate retired with <paramref name="action"/>
    /// (superseded by a new list, or cancelled for sufficient coverage), raised in the generate's
    /// transaction (delivered at its commit). <paramref name="why"/> ends the message ("by NL-...").
    /// </summary>
    public static Task RetiredAsync(
        DbScope scope,
        IReadOnlyList<SupersedableList> retired,
        NeedsListAction action,
        string why,
        int eventId,
        int warehouseId,
        string actor,
        DateTime at,
        CancellationToken cancellationToken)
    {
        return NeedsListWorkflowStore.NotifyAsync(scope,
        [
            .. retired.Select(list => new NeedsListEventNotice
            {
                Type = NeedsListEventNotice.StatusChangedType,
                NeedsListId = list.NeedsListId,
                NeedsListNo = list.NeedsListNo,
                EventId = eventId,
                WarehouseId = warehouseId,
                FromStatus = list.StatusCode,
                ToStatus = NeedsListStateMachine.Next(NeedsListStatusWords.Parse(list.StatusCode), action, list.NeedsListNo).ToWord(),
                ActorUserId = actor,
                OccurredAt = NeedsListEventNotice.FormatMoment(at),
                Message = $"Needs list {list.NeedsListNo} {action.Participle()} {why} ({actor})",
            }),
        ], cancellationToken);
    }
}
