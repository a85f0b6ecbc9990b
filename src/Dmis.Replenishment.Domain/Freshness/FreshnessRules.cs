using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Freshness;

/// <summary>SPEC 3.1: how fresh a warehouse's data is.</summary>
public static class FreshnessRules
{
    /// <summary>
    /// HIGH when the age is under the fresh threshold, MEDIUM under the stale threshold,
    /// LOW otherwise; UNKNOWN when never synced. The level is decided on the exact age;
    /// the reported age is rounded to 2 places. A sync stamped after <paramref name="asOf"/>
    /// (clock skew) counts as age 0.
    /// </summary>
    public static FreshnessAssessment Assess(
        DateTime? lastSync, DateTime asOf, int freshThresholdHours, int staleThresholdHours)
    {
        if (lastSync is null)
        {
            return new(FreshnessLevel.Unknown, null);
        }

        var age = Math.Max(0m, Hours.Between(lastSync.Value, asOf));
        var level = age < freshThresholdHours ? FreshnessLevel.High
            : age < staleThresholdHours ? FreshnessLevel.Medium
            : FreshnessLevel.Low;
        return new(level, Rounding.Hours(age));
    }

    public static FreshnessAssessment Assess(DateTime? lastSync, DateTime asOf, PhaseParameters parameters) =>
        Assess(lastSync, asOf, parameters.FreshnessThresholdHours, parameters.StaleThresholdHours);

    /// <summary>Never synced counts as LOW in calculations.</summary>
    public static FreshnessLevel ForCalculation(FreshnessLevel level) =>
        level == FreshnessLevel.Unknown ? FreshnessLevel.Low : level;

    /// <summary>
    /// The worst of several warehouses' levels (LOW when any is LOW or UNKNOWN);
    /// UNKNOWN when there are none.
    /// </summary>
    public static FreshnessLevel Worst(IEnumerable<FreshnessLevel> levels)
    {
        var worst = (FreshnessLevel?)null;
        foreach (var level in levels)
        {
            var forCalculation = ForCalculation(level);
            if (worst is null || forCalculation > worst)
            {
                worst = forCalculation;
            }
        }

        return worst ?? FreshnessLevel.Unknown;
    }
}
