using Dmis.Replenishment.Domain.Workflow;
using static Dmis.Replenishment.Domain.Procurement.ProcurementAction;
using static Dmis.Replenishment.Domain.Procurement.ProcurementStatus;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// The procurement lifecycle of SPEC 5, as one table: DRAFT -> PENDING_APPROVAL -> APPROVED or
/// REJECTED -> ORDERED -> SHIPPED -> PARTIAL_RECEIVED -> RECEIVED. Receipts start only once
/// SHIPPED (that is when stock counts as inbound); further receipts keep PARTIAL_RECEIVED until
/// everything is in. CANCELLED before shipping only (DRAFT, PENDING_APPROVAL, APPROVED, ORDERED).
/// REJECTED, RECEIVED and CANCELLED are final.
/// </summary>
public static class ProcurementStateMachine
{
    public static readonly TransitionTable<ProcurementStatus, ProcurementAction> Table = new(
        "procurement",
        [
            new(Draft, UpdateDraft, Draft),
            new(Draft, Submit, PendingApproval),
            new(PendingApproval, Approve, Approved),
            new(PendingApproval, Reject, Rejected),
            new(Approved, MarkOrdered, Ordered),
            new(Ordered, MarkShipped, Shipped),
            new(Shipped, ReceivePart, PartialReceived),
            new(Shipped, ReceiveAll, Received),
            new(PartialReceived, ReceivePart, PartialReceived),
            new(PartialReceived, ReceiveAll, Received),
            new(Draft, Cancel, Cancelled),
            new(PendingApproval, Cancel, Cancelled),
            new(Approved, Cancel, Cancelled),
            new(Ordered, Cancel, Cancelled),
        ],
        ProcurementStatusWords.ToWord,
        ProcurementActionText.Participle,
        [Rejected, Received, Cancelled]);

    /// <summary>
    /// The status after <paramref name="action"/>; a <see cref="Errors.PreconditionFailedException"/>
    /// naming the procurement, its status and where the action is allowed when it is not.
    /// </summary>
    public static ProcurementStatus Next(ProcurementStatus current, ProcurementAction action, string? procurementNo = null) =>
        Table.Next(current, action, procurementNo);

    public static bool CanApply(ProcurementStatus current, ProcurementAction action) => Table.CanApply(current, action);

    public static bool IsFinal(ProcurementStatus status) => Table.IsFinal(status);

    public static IReadOnlyList<ProcurementStatus> AllowedFrom(ProcurementAction action) => Table.AllowedFrom(action);
}
