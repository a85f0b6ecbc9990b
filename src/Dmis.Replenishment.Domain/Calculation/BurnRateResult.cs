namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>A burn rate (units per hour, 4 places) and where it came from.</summary>
public readonly record struct BurnRateResult(decimal Rate, BurnRateSource Source)
{
    /// <summary>True when there is demand, so a time to stockout exists.</summary>
    public bool HasDemand => Rate > 0m;

    /// <summary>True when the rate is the item's baseline, not observed demand.</summary>
    public bool IsEstimated => Source == BurnRateSource.Baseline;
}
