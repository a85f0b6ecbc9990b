using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>The status of a procurement (<c>procurement.status_code</c>).</summary>
public enum ProcurementStatus
{
    Draft,
    PendingApproval,
    Approved,
    Rejected,
    Ordered,
    Shipped,
    PartialReceived,
    Received,
    Cancelled,
}

/// <summary>Converts <see cref="ProcurementStatus"/> to and from the database words.</summary>
public static class ProcurementStatusWords
{
    private static readonly WordMap<ProcurementStatus> Map = new("procurement status", new Dictionary<ProcurementStatus, string>
    {
        [ProcurementStatus.Draft] = "DRAFT",
        [ProcurementStatus.PendingApproval] = "PENDING_APPROVAL",
        [ProcurementStatus.Approved] = "APPROVED",
        [ProcurementStatus.Rejected] = "REJECTED",
        [ProcurementStatus.Ordered] = "ORDERED",
        [ProcurementStatus.Shipped] = "SHIPPED",
        [ProcurementStatus.PartialReceived] = "PARTIAL_RECEIVED",
        [ProcurementStatus.Received] = "RECEIVED",
        [ProcurementStatus.Cancelled] = "CANCELLED",
    });

    /// <summary>The words in enum order.</summary>
    public static IReadOnlyList<string> All => Map.All;

    public static string ToWord(this ProcurementStatus value) => Map.ToWord(value);

    /// <summary>Accepts the database words, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? word, out ProcurementStatus value) => Map.TryParse(word, out value);

    public static ProcurementStatus Parse(string? word) => Map.Parse(word);
}
