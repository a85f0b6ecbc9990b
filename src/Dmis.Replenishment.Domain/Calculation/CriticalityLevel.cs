using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>How much an item matters when supply is short (item.criticality_level); most critical first.</summary>
public enum CriticalityLevel
{
    Critical,
    High,
    Normal,
    Low,
}

public static class CriticalityLevelWords
{
    private static readonly WordMap<CriticalityLevel> Words = new("criticality level", new Dictionary<CriticalityLevel, string>
    {
        [CriticalityLevel.Critical] = "CRITICAL",
        [CriticalityLevel.High] = "HIGH",
        [CriticalityLevel.Normal] = "NORMAL",
        [CriticalityLevel.Low] = "LOW",
    });

    public static string ToWord(this CriticalityLevel level) => Words.ToWord(level);

    /// <summary>The level of a stored word; a missing or unknown word is NORMAL (the column's default).</summary>
    public static CriticalityLevel ParseOrNormal(string? word) =>
        Words.TryParse(word, out var level) ? level : CriticalityLevel.Normal;
}
