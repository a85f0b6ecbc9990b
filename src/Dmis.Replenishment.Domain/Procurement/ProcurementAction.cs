namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>What can happen to a procurement (SPEC 5).</summary>
public enum ProcurementAction
{
    /// <summary>Change supplier, method, lines or prices; the status stays DRAFT.</summary>
    UpdateDraft,

    Submit,
    Approve,
    Reject,

    /// <summary>The purchase order went out (PO number).</summary>
    MarkOrdered,

    /// <summary>The supplier shipped (expected arrival); from now on it counts as inbound.</summary>
    MarkShipped,

    /// <summary>A receipt that leaves something still to come.</summary>
    ReceivePart,

    /// <summary>A receipt after which every line is received.</summary>
    ReceiveAll,

    Cancel,
}

/// <summary>How actions read in messages.</summary>
public static class ProcurementActionText
{
    /// <summary>Completes "it cannot be ...".</summary>
    public static string Participle(this ProcurementAction action) => action switch
    {
        ProcurementAction.UpdateDraft => "changed",
        ProcurementAction.Submit => "submitted",
        ProcurementAction.Approve => "approved",
        ProcurementAction.Reject => "rejected",
        ProcurementAction.MarkOrdered => "marked ordered",
        ProcurementAction.MarkShipped => "marked shipped",
        ProcurementAction.ReceivePart or ProcurementAction.ReceiveAll => "received against",
        ProcurementAction.Cancel => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown procurement action."),
    };

    /// <summary>Completes "may not ... it".</summary>
    public static string Verb(this ProcurementAction action) => action switch
    {
        ProcurementAction.UpdateDraft => "change",
        ProcurementAction.Submit => "submit",
        ProcurementAction.Approve => "approve",
        ProcurementAction.Reject => "reject",
        ProcurementAction.MarkOrdered => "mark ordered",
        ProcurementAction.MarkShipped => "mark shipped",
        ProcurementAction.ReceivePart or ProcurementAction.ReceiveAll => "receive",
        ProcurementAction.Cancel => "cancel",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown procurement action."),
    };
}
