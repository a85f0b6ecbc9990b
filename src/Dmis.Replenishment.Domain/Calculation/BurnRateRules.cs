using Dmis.Replenishment.Domain.Freshness;

namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>SPEC 3.2 and 3.3: the burn rate, the zero-burn rules and the stocked-out rule.</summary>
public static class BurnRateRules
{
    /// <summary>
    /// The burn rate of one warehouse x item. With usable stock (<paramref name="usableQty"/> &gt; 0), or
    /// stocked out but dispatched at as_of itself: fulfilled in the window / window hours (CALCULATED);
    /// with no fulfilment in it, 0 (CALCULATED, "no current demand") when the data is HIGH or MEDIUM, the
    /// item's baseline (BASELINE) when it is LOW or never synced. Stocked out (usable 0),
    /// an empty shelf dispatches nothing, so the window keeps its length but ends at the last dispatch
    /// before as_of (ESTIMATED); never dispatched for the event: the baseline (BASELINE), whatever the freshness.
    /// </summary>
    public static BurnRateResult Calculate(
        DemandFigures demand, decimal usableQty, int demandWindowHours, FreshnessLevel freshness, decimal baselineBurnRate, DateTime asOf)
    {
        if (demandWindowHours <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(demandWindowHours), demandWindowHours, "The demand window must be greater than 0 hours.");
        }

        if (usableQty <= 0m)
        {
            if (demand.BeforeLastDispatch is { } last && last.LastDispatch < asOf)
            {
                return new(Rate(last.FulfilledQty, demandWindowHours), BurnRateSource.Estimated,
                    last.FulfilledQty, last.FulfillmentCount, last.LastDispatch);
            }

            if (demand.BeforeLastDispatch is null && demand.FulfilledQtyInWindow <= 0m)
            {
                return Baseline(baselineBurnRate);
            }
        }

        var rate = Rate(demand.FulfilledQtyInWindow, demandWindowHours);
        if (rate > 0m || FreshnessRules.ForCalculation(freshness) != FreshnessLevel.Low)
        {
            return new(rate, BurnRateSource.Calculated, demand.FulfilledQtyInWindow, demand.FulfillmentCount);
        }

        return Baseline(baselineBurnRate);
    }

    private static decimal Rate(decimal fulfilledQty, int windowHours) =>
        Rounding.BurnRate(fulfilledQty > 0m ? fulfilledQty / windowHours : 0m);

    private static BurnRateResult Baseline(decimal baselineBurnRate) =>
        new(Rounding.BurnRate(baselineBurnRate), BurnRateSource.Baseline, 0m, 0);
}
