using Dmis.Replenishment.Domain.Procurement;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Audit;

/// <summary>What a change did (<c>change_audit.action_type</c>).</summary>
public enum ChangeAction
{
    Created,
    Updated,
    Submitted,
    Approved,
    Rejected,
    Ordered,
    Shipped,
    Received,
    Cancelled,
}

/// <summary>Converts <see cref="ChangeAction"/> to the database words, and names a procurement action's change.</summary>
public static class ChangeActionWords
{
    private static readonly WordMap<ChangeAction> Map = new("change action", new Dictionary<ChangeAction, string>
    {
        [ChangeAction.Created] = "CREATED",
        [ChangeAction.Updated] = "UPDATED",
        [ChangeAction.Submitted] = "SUBMITTED",
        [ChangeAction.Approved] = "APPROVED",
        [ChangeAction.Rejected] = "REJECTED",
        [ChangeAction.Ordered] = "ORDERED",
        [ChangeAction.Shipped] = "SHIPPED",
        [ChangeAction.Received] = "RECEIVED",
        [ChangeAction.Cancelled] = "CANCELLED",
    });

    public static string ToWord(this ChangeAction value) => Map.ToWord(value);

    /// <summary>A receipt is RECEIVED whether it completes the procurement or not: the row after tells which.</summary>
    public static ChangeAction Of(ProcurementAction action) => action switch
    {
        ProcurementAction.UpdateDraft => ChangeAction.Updated,
        ProcurementAction.Submit => ChangeAction.Submitted,
        ProcurementAction.Approve => ChangeAction.Approved,
        ProcurementAction.Reject => ChangeAction.Rejected,
        ProcurementAction.MarkOrdered => ChangeAction.Ordered,
        ProcurementAction.MarkShipped => ChangeAction.Shipped,
        ProcurementAction.ReceivePart or ProcurementAction.ReceiveAll => ChangeAction.Received,
        ProcurementAction.Cancel => ChangeAction.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown procurement action."),
    };
}
