namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// The <c>needs_list_audit.action_type</c> words and which one each action writes. Reminders and
/// escalations have no action word of their own in the schema: they are written as
/// COMMENT_ADDED with reason_code REMINDER or ESCALATED (field approver_role, old and new role
/// for an escalation), so "reminded/escalated since the latest submission" can be read back
/// from the audit trail.
/// </summary>
public static class NeedsListAuditActions
{
    public const string Created = "CREATED";
    public const string Submitted = "SUBMITTED";
    public const string Approved = "APPROVED";
    public const string Rejected = "REJECTED";
    public const string Returned = "RETURNED";
    public const string QuantityAdjusted = "QUANTITY_ADJUSTED";
    public const string StatusChanged = "STATUS_CHANGED";
    public const string HorizonChanged = "HORIZON_CHANGED";
    public const string Superseded = "SUPERSEDED";
    public const string Cancelled = "CANCELLED";
    public const string Fulfilled = "FULFILLED";
    public const string CommentAdded = "COMMENT_ADDED";

    /// <summary>reason_code of a reminder row (action COMMENT_ADDED).</summary>
    public const string ReminderReasonCode = "REMINDER";

    /// <summary>reason_code of an escalation row (action COMMENT_ADDED).</summary>
    public const string EscalatedReasonCode = "ESCALATED";

    /// <summary>field_name of an escalation row: old_value and new_value are the approver roles.</summary>
    public const string ApproverRoleField = "approver_role";

    /// <summary>field_name of status rows.</summary>
    public const string StatusField = "status_code";

    /// <summary>field_name of the CREATED row of a generated list (new_value: its number).</summary>
    public const string NumberField = "needs_list_no";

    /// <summary>field_name of a line adjustment (old and new quantity).</summary>
    public const string AdjustedQtyField = "adjusted_qty";

    /// <summary>field_name of a line's receipt (old and new fulfilled quantity).</summary>
    public const string FulfilledQtyField = "fulfilled_qty";

    /// <summary>reason_code of the SUBMITTED row when stale data was acknowledged.</summary>
    public const string StaleDataAcknowledgedReasonCode = "STALE_DATA_ACKNOWLEDGED";

    public static IReadOnlyList<string> All { get; } =
    [
        Created, Submitted, Approved, Rejected, Returned, QuantityAdjusted, StatusChanged,
        HorizonChanged, Superseded, Cancelled, Fulfilled, CommentAdded,
    ];

    /// <summary>The action_type an action writes (StartReview and StartFulfilment: STATUS_CHANGED).</summary>
    public static string For(NeedsListAction action) => action switch
    {
        NeedsListAction.Submit => Submitted,
        NeedsListAction.StartReview => StatusChanged,
        NeedsListAction.Approve => Approved,
        NeedsListAction.Reject => Rejected,
        NeedsListAction.Return => Returned,
        NeedsListAction.Cancel => Cancelled,
        NeedsListAction.Supersede => Superseded,
        NeedsListAction.StartFulfilment => StatusChanged,
        NeedsListAction.Fulfil => Fulfilled,
        NeedsListAction.Adjust => QuantityAdjusted,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown needs-list action."),
    };
}
