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

    /// <summary>The checks of <c>event_phase_config</c>; empty when valid.</summary>
    public IReadOnlyList<FieldViolation> Validate()
    {
        var violations = new List<FieldViolation>();
        if (DemandWindowHours <= 0)
        {
            violations.Add(new("demand_window_hours", "must be greater than 0"));
        }

        if (PlanningWindowHours <= 0)
        {
            violations.Add(new("planning_window_hours", "must be greater than 0"));
        }

        if (SafetyBufferPct is < 0m or > 100m)
        {
            violations.Add(new("safety_buffer_pct", "must be between 0 and 100"));
        }

        if (SafetyFactor < 1m)
        {
            violations.Add(new("safety_factor", "must be at least 1"));
        }

        if (FreshnessThresholdHours <= 0)
        {
            violations.Add(new("freshness_threshold_hours", "must be greater than 0"));
        }

        if (StaleThresholdHours <= FreshnessThresholdHours)
        {
            violations.Add(new("stale_threshold_hours", "must be greater than freshness_threshold_hours"));
        }

        return violations;
    }
}
