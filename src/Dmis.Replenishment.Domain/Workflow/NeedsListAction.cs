namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>What can happen to a needs list (SPEC section 4).</summary>
public enum NeedsListAction
{
    /// <summary>DRAFT or RETURNED to PENDING_APPROVAL.</summary>
    Submit,

    /// <summary>An approver picks it up: PENDING_APPROVAL to UNDER_REVIEW.</summary>
    StartReview,

    Approve,
    Reject,

    /// <summary>Back to the preparers for changes: to RETURNED.</summary>
    Return,

    Cancel,

    /// <summary>A newer calculation for the same event and warehouse replaces a DRAFT or RETURNED list.</summary>
    Supersede,

    /// <summary>
    /// A downstream action (procurement or transfers created): APPROVED to IN_PROGRESS; a
    /// further downstream action on an IN_PROGRESS list keeps it IN_PROGRESS.
    /// </summary>
    StartFulfilment,

    /// <summary>Every line received: IN_PROGRESS to FULFILLED.</summary>
    Fulfil,

    /// <summary>A line's quantity changed; the status stays (DRAFT or RETURNED only).</summary>
    Adjust,
}

/// <summary>How actions read in messages.</summary>
public static class NeedsListActionText
{
    /// <summary>"submitted", "put under review", ...: completes "it cannot be ...".</summary>
    public static string Participle(this NeedsListAction action) => action switch
    {
        NeedsListAction.Submit => "submitted",
        NeedsListAction.StartReview => "put under review",
        NeedsListAction.Approve => "approved",
        NeedsListAction.Reject => "rejected",
        NeedsListAction.Return => "returned",
        NeedsListAction.Cancel => "cancelled",
        NeedsListAction.Supersede => "superseded",
        NeedsListAction.StartFulfilment => "taken into fulfilment",
        NeedsListAction.Fulfil => "marked fulfilled",
        NeedsListAction.Adjust => "adjusted",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown needs-list action."),
    };

    /// <summary>"submit", "start the review of", ...: completes "may not ... it/needs lists".</summary>
    public static string Verb(this NeedsListAction action) => action switch
    {
        NeedsListAction.Submit => "submit",
        NeedsListAction.StartReview => "review",
        NeedsListAction.Approve => "approve",
        NeedsListAction.Reject => "reject",
        NeedsListAction.Return => "return",
        NeedsListAction.Cancel => "cancel",
        NeedsListAction.Supersede => "supersede",
        NeedsListAction.StartFulfilment => "start the fulfilment of",
        NeedsListAction.Fulfil => "mark fulfilled",
        NeedsListAction.Adjust => "adjust",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown needs-list action."),
    };
}
