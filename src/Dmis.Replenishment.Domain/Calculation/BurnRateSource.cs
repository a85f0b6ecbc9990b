namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>Where a burn rate comes from (database words CALCULATED, BASELINE, MANUAL, ESTIMATED).</summary>
public enum BurnRateSource
{
    Calculated,
    Baseline,
    Manual,
    Estimated,
}

public static class BurnRateSourceWords
{
    public static string ToWord(this BurnRateSource source) => source switch
    {
        BurnRateSource.Calculated => "CALCULATED",
        BurnRateSource.Baseline => "BASELINE",
        BurnRateSource.Manual => "MANUAL",
        BurnRateSource.Estimated => "ESTIMATED",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown burn rate source."),
    };

    public static bool TryParse(string? word, out BurnRateSource source)
    {
        switch (word?.Trim().ToUpperInvariant())
        {
            case "CALCULATED": source = BurnRateSource.Calculated; return true;
            case "BASELINE": source = BurnRateSource.Baseline; return true;
            case "MANUAL": source = BurnRateSource.Manual; return true;
            case "ESTIMATED": source = BurnRateSource.Estimated; return true;
            default: source = default; return false;
        }
    }

    public static BurnRateSource Parse(string? word) =>
        TryParse(word, out var source)
            ? source
            : throw new FormatException($"'{word}' is not a burn rate source.");
}
