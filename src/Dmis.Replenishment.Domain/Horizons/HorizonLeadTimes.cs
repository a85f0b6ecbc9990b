namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>
/// Default lead times per horizon, in hours (the <c>lead_time_config</c> defaults:
/// A transfers 8 h, B donations 72 h, C procurement 336 h). A route-specific horizon-A
/// lead time, when configured, comes with the source warehouse instead.
/// </summary>
public sealed record HorizonLeadTimes(int HorizonAHours, int HorizonBHours, int HorizonCHours)
{
    public static readonly HorizonLeadTimes Defaults = new(8, 72, 336);

    /// <summary>lead_time_hours &gt; 0 (the table check); empty when valid.</summary>
    public IReadOnlyList<FieldViolation> Validate()
    {
        var violations = new List<FieldViolation>();
        if (HorizonAHours <= 0)
        {
            violations.Add(new("horizon_a_lead_time_hours", "must be greater than 0"));
        }

        if (HorizonBHours <= 0)
        {
            violations.Add(new("horizon_b_lead_time_hours", "must be greater than 0"));
        }

        if (HorizonCHours <= 0)
        {
            violations.Add(new("horizon_c_lead_time_hours", "must be greater than 0"));
        }

        return violations;
    }
}
