using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>The approval tier of a procurement (<c>procurement.approval_threshold_tier</c>).</summary>
public enum ApprovalTier
{
    Tier1,
    Tier2,
    Tier3,
    Emergency,
}

/// <summary>Converts <see cref="ApprovalTier"/> to and from the database words.</summary>
public static class ApprovalTierWords
{
    private static readonly WordMap<ApprovalTier> Map = new("approval tier", new Dictionary<ApprovalTier, string>
    {
        [ApprovalTier.Tier1] = "TIER_1",
        [ApprovalTier.Tier2] = "TIER_2",
        [ApprovalTier.Tier3] = "TIER_3",
        [ApprovalTier.Emergency] = "EMERGENCY",
    });

    /// <summary>The words in enum order.</summary>
    public static IReadOnlyList<string> All => Map.All;

    public static string ToWord(this ApprovalTier value) => Map.ToWord(value);

    /// <summary>Accepts the database words, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? word, out ApprovalTier value) => Map.TryParse(word, out value);

    public static ApprovalTier Parse(string? word) => Map.Parse(word);
}
