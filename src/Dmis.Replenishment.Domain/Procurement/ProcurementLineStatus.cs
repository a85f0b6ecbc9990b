using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>How much of a procurement line has arrived (<c>procurement_item.status_code</c>).</summary>
public enum ProcurementLineStatus
{
    Pending,
    Partial,
    Received,
    Cancelled,
}

/// <summary>Converts <see cref="ProcurementLineStatus"/> to and from the database words.</summary>
public static class ProcurementLineStatusWords
{
    private static readonly WordMap<ProcurementLineStatus> Map = new("procurement line status", new Dictionary<ProcurementLineStatus, string>
    {
        [ProcurementLineStatus.Pending] = "PENDING",
        [ProcurementLineStatus.Partial] = "PARTIAL",
        [ProcurementLineStatus.Received] = "RECEIVED",
        [ProcurementLineStatus.Cancelled] = "CANCELLED",
    });

    /// <summary>The words in enum order.</summary>
    public static IReadOnlyList<string> All => Map.All;

    public static string ToWord(this ProcurementLineStatus value) => Map.ToWord(value);

    /// <summary>Accepts the database words, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? word, out ProcurementLineStatus value) => Map.TryParse(word, out value);

    public static ProcurementLineStatus Parse(string? word) => Map.Parse(word);
}
