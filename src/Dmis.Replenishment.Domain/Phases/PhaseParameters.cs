namespace Dmis.Replenishment.Domain.Phases;

/// <summary>
/// The parameters of a phase (a row of <c>event_phase_config</c>). The safety buffer is
/// carried for display and storage; the calculation itself uses the safety factor (SPEC 3.7).
/// </summary>
public sealed record PhaseParameters(
    int DemandWindowHours,
    int PlanningWindowHours,
    decimal SafetyBufferPct,
    decimal SafetyFactor,
    int FreshnessThresholdHours,
    int StaleThresholdHours)
{
    public const int DefaultFreshnessThresholdHours = 2;
    public const int DefaultStaleThresholdHours = 6;

    /// <summary>SPEC section 2 defaults.</summary>
    public static PhaseParameters DefaultFor(EventPhase phase) => phase switch
    {
        EventPhase.Surge => new(6, 72, 50m, 1.25m, DefaultFreshnessThresholdHours, DefaultStaleThresholdHours),
        EventPhase.Stabilized => new(72, 168, 25m, 1.25m, DefaultFreshnessThresholdHours, DefaultStaleThresholdHours),
        EventPhase.Baseline => new(720, 720, 10m, 1.25m, DefaultFreshnessThresholdHours, DefaultStaleThresholdHours),
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown event phase."),
    };

    /// <summary>Windows and thresholds are at most a year: longer ones overflow the moment arithmetic downstream.</summary>
    public const int MaxHours = 8760;

    /// <summary>A safety factor above this is a typing error, not a policy (NUMERIC(4,2) would take 99.99).</summary>
    public const decimal MaxSafetyFactor = 10m;

    /// <summary>The checks of <c>event_phase_config</c> and the ranges the calculation can use; empty when valid.</summary>
    public IReadOnlyList<FieldViolation> Validate()
    {
        var violations = new List<FieldViolation>();
        Hours(violations, "demand_window_hours", DemandWindowHours);
        Hours(violations, "planning_window_hours", PlanningWindowHours);
        if (SafetyBufferPct is < 0m or > 100m || decimal.Round(SafetyBufferPct, 2) != SafetyBufferPct)
        {
            violations.Add(new("safety_buffer_pct", "must be between 0 and 100 with at most 2 decimals"));
        }

        if (SafetyFactor is < 1m or > MaxSafetyFactor || decimal.Round(SafetyFactor, 2) != SafetyFactor)
        {
            violations.Add(new("safety_factor", $"must be between 1 and {MaxSafetyFactor} with at most 2 decimals"));
        }

        Hours(violations, "freshness_threshold_hours", FreshnessThresholdHours);
        if (StaleThresholdHours <= FreshnessThresholdHours)
        {
            violations.Add(new("stale_threshold_hours", "must be greater than freshness_threshold_hours"));
        }
        else
        {
            Hours(violations, "stale_threshold_hours", StaleThresholdHours);
        }

        return violations;
    }

    private static void Hours(List<FieldViolation> violations, string field, int hours)
    {
        if (hours is < 1 or > MaxHours)
        {
            violations.Add(new(field, $"must be from 1 to {MaxHours} hours"));
        }
    }
}
