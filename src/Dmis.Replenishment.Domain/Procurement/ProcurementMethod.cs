using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>How the goods are bought (<c>procurement.procurement_method</c>).</summary>
public enum ProcurementMethod
{
    EmergencyDirect,
    SingleSource,
    Rfq,
    RestrictedBidding,
    OpenTender,
    Framework,
}

/// <summary>Converts <see cref="ProcurementMethod"/> to and from the database words.</summary>
public static class ProcurementMethodWords
{
    private static readonly WordMap<ProcurementMethod> Map = new("procurement method", new Dictionary<ProcurementMethod, string>
    {
        [ProcurementMethod.EmergencyDirect] = "EMERGENCY_DIRECT",
        [ProcurementMethod.SingleSource] = "SINGLE_SOURCE",
        [ProcurementMethod.Rfq] = "RFQ",
        [ProcurementMethod.RestrictedBidding] = "RESTRICTED_BIDDING",
        [ProcurementMethod.OpenTender] = "OPEN_TENDER",
        [ProcurementMethod.Framework] = "FRAMEWORK",
    });

    /// <summary>The words in enum order.</summary>
    public static IReadOnlyList<string> All => Map.All;

    public static string ToWord(this ProcurementMethod value) => Map.ToWord(value);

    /// <summary>Accepts the database words, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? word, out ProcurementMethod value) => Map.TryParse(word, out value);

    public static ProcurementMethod Parse(string? word) => Map.Parse(word);
}
