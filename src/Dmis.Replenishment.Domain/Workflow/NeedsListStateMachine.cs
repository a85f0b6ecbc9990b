using static Dmis.Replenishment.Domain.Workflow.NeedsListAction;
using static Dmis.Replenishment.Domain.Workflow.NeedsListStatus;

namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// The needs-list lifecycle of SPEC section 4, as one table.
/// <list type="bullet">
/// <item>APPROVED reaches FULFILLED only through IN_PROGRESS: receipts exist only after a
/// downstream action (procurement or transfers) has moved the list to IN_PROGRESS.</item>
/// <item>StartFulfilment on an IN_PROGRESS list keeps it IN_PROGRESS (a second downstream
/// action, e.g. transfers after the procurement).</item>
/// <item>Adjust keeps the status and is allowed in DRAFT and RETURNED only.</item>
/// <item>REJECTED, FULFILLED, CANCELLED and SUPERSEDED are final.</item>
/// </list>
/// </summary>
public static class NeedsListStateMachine
{
    public static readonly TransitionTable<NeedsListStatus, NeedsListAction> Table = new(
        "needs list",
        [
            new(Draft, Submit, PendingApproval),
            new(Returned, Submit, PendingApproval),

            new(PendingApproval, StartReview, UnderReview),

            new(PendingApproval, Approve, Approved),
            new(UnderReview, Approve, Approved),
            new(PendingApproval, Reject, Rejected),
            new(UnderReview, Reject, Rejected),
            new(PendingApproval, Return, Returned),
            new(UnderReview, Return, Returned),

            new(Draft, Cancel, Cancelled),
            new(Returned, Cancel, Cancelled),
            new(PendingApproval, Cancel, Cancelled),
            new(UnderReview, Cancel, Cancelled),
            new(Approved, Cancel, Cancelled),

            new(Draft, Supersede, Superseded),
            new(Returned, Supersede, Superseded),

            new(Approved, StartFulfilment, InProgress),
            new(InProgress, StartFulfilment, InProgress),
            new(InProgress, Fulfil, Fulfilled),

            new(Draft, Adjust, Draft),
            new(Returned, Adjust, Returned),
        ],
        NeedsListStatusWords.ToWord,
        NeedsListActionText.Participle,
        [Rejected, Fulfilled, Cancelled, Superseded]);

    /// <summary>Statuses in which a list waits for an approver (escalation runs on these).</summary>
    public static readonly IReadOnlySet<NeedsListStatus> AwaitingApproval =
        new HashSet<NeedsListStatus> { PendingApproval, UnderReview };

    /// <summary>
    /// Open lists whose horizon-A split still holds stock at the source warehouses (SPEC 3, horizon A:
    /// pending, under review, approved, in progress).
    /// </summary>
    public static readonly IReadOnlySet<NeedsListStatus> HoldingAllocations =
        new HashSet<NeedsListStatus> { PendingApproval, UnderReview, Approved, InProgress };

    /// <summary>
    /// The status after <paramref name="action"/>; a <see cref="Errors.PreconditionFailedException"/>
    /// naming the list, its status and where the action is allowed when it is not.
    /// </summary>
    public static NeedsListStatus Next(NeedsListStatus current, NeedsListAction action, string? needsListNo = null) =>
        Table.Next(current, action, needsListNo);

    public static bool CanApply(NeedsListStatus current, NeedsListAction action) => Table.CanApply(current, action);

    public static bool IsFinal(NeedsListStatus status) => Table.IsFinal(status);

    public static IReadOnlyList<NeedsListStatus> AllowedFrom(NeedsListAction action) => Table.AllowedFrom(action);
}
