namespace Dmis.Replenishment.Domain.Freshness;

/// <summary>
/// A warehouse's data freshness at a moment: the dashboard level (may be Unknown), the
/// level calculations use (never Unknown), and the age in hours (2 places; null when never synced).
/// </summary>
public sealed record FreshnessAssessment(FreshnessLevel Level, decimal? AgeHours)
{
    /// <summary>The level for calculations and for <c>needs_list.data_freshness_level</c>: Unknown becomes Low.</summary>
    public FreshnessLevel CalculationLevel => FreshnessRules.ForCalculation(Level);

    public bool NeverSynced => Level == FreshnessLevel.Unknown;
}
