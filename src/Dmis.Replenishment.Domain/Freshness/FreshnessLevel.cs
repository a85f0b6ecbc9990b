namespace Dmis.Replenishment.Domain.Freshness;

/// <summary>
/// How current a warehouse's data is. <see cref="Unknown"/> (never synced) is shown on
/// dashboards only; calculations treat it as <see cref="Low"/>.
/// </summary>
public enum FreshnessLevel
{
    High,
    Medium,
    Low,
    Unknown,
}

/// <summary>Converts <see cref="FreshnessLevel"/> to and from the words HIGH, MEDIUM, LOW, UNKNOWN.</summary>
public static class FreshnessLevelWords
{
    public static string ToWord(this FreshnessLevel level) => level switch
    {
        FreshnessLevel.High => "HIGH",
        FreshnessLevel.Medium => "MEDIUM",
        FreshnessLevel.Low => "LOW",
        FreshnessLevel.Unknown => "UNKNOWN",
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown freshness level."),
    };

    public static bool TryParse(string? word, out FreshnessLevel level)
    {
        switch (word?.Trim().ToUpperInvariant())
        {
            case "HIGH": level = FreshnessLevel.High; return true;
            case "MEDIUM": level = FreshnessLevel.Medium; return true;
            case "LOW": level = FreshnessLevel.Low; return true;
            case "UNKNOWN": level = FreshnessLevel.Unknown; return true;
            default: level = default; return false;
        }
    }

    public static FreshnessLevel Parse(string? word) =>
        TryParse(word, out var level)
            ? level
            : throw new FormatException($"'{word}' is not a freshness level (HIGH, MEDIUM, LOW or UNKNOWN).");
}
