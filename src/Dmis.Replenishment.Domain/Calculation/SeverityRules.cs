namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>SPEC 3.6: severity from the (rounded) time to stockout.</summary>
public static class SeverityRules
{
    public const decimal CriticalUnderHours = 8m;
    public const decimal WarningUnderHours = 24m;
    public const decimal WatchUnderHours = 72m;

    /// <summary>CRITICAL under 8 h, WARNING under 24 h, WATCH under 72 h, else OK; OK without demand (null).</summary>
    public static SeverityLevel Classify(decimal? timeToStockoutHours) => timeToStockoutHours switch
    {
        null => SeverityLevel.Ok,
        < CriticalUnderHours => SeverityLevel.Critical,
        < WarningUnderHours => SeverityLevel.Warning,
        < WatchUnderHours => SeverityLevel.Watch,
        _ => SeverityLevel.Ok,
    };
}
