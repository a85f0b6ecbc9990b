using Dmis.Replenishment.Domain.Freshness;

namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>SPEC 3.2 and 3.3: the burn rate and the zero-burn rules.</summary>
public static class BurnRateRules
{
    /// <summary>
    /// Fulfilled quantity in the demand window / window hours (CALCULATED). With no
    /// fulfilments: 0 (CALCULATED, "no current demand") when the data is HIGH or MEDIUM;
    /// the item's baseline burn rate (BASELINE) when the data is LOW or never synced.
    /// </summary>
    public static BurnRateResult Calculate(
        decimal fulfilledQtyInWindow, int demandWindowHours, FreshnessLevel freshness, decimal baselineBurnRate)
    {
        if (demandWindowHours <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(demandWindowHours), demandWindowHours, "The demand window must be greater than 0 hours.");
        }

        var rate = fulfilledQtyInWindow > 0m ? Rounding.BurnRate(fulfilledQtyInWindow / demandWindowHours) : Rounding.BurnRate(0m);
        if (rate > 0m || FreshnessRules.ForCalculation(freshness) != FreshnessLevel.Low)
        {
            return new(rate, BurnRateSource.Calculated);
        }

        return new(Rounding.BurnRate(baselineBurnRate), BurnRateSource.Baseline);
    }
}
