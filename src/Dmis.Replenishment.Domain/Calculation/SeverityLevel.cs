namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>How soon an item runs out (database words CRITICAL, WARNING, WATCH, OK); most urgent first.</summary>
public enum SeverityLevel
{
    Critical,
    Warning,
    Watch,
    Ok,
}

public static class SeverityLevelWords
{
    public static string ToWord(this SeverityLevel severity) => severity switch
    {
        SeverityLevel.Critical => "CRITICAL",
        SeverityLevel.Warning => "WARNING",
        SeverityLevel.Watch => "WATCH",
        SeverityLevel.Ok => "OK",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "Unknown severity."),
    };

    public static bool TryParse(string? word, out SeverityLevel severity)
    {
        switch (word?.Trim().ToUpperInvariant())
        {
            case "CRITICAL": severity = SeverityLevel.Critical; return true;
            case "WARNING": severity = SeverityLevel.Warning; return true;
            case "WATCH": severity = SeverityLevel.Watch; return true;
            case "OK": severity = SeverityLevel.Ok; return true;
            default: severity = default; return false;
        }
    }

    public static SeverityLevel Parse(string? word) =>
        TryParse(word, out var severity)
            ? severity
            : throw new FormatException($"'{word}' is not a severity (CRITICAL, WARNING, WATCH or OK).");
}
