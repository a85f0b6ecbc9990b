using Dmis.Replenishment.Domain.NeedsLists;

namespace Dmis.Replenishment.Domain.Fulfilment;

/// <summary>
/// What each horizon of a line must receive to be fulfilled (SPEC 4: fulfilment is measured against
/// the adjusted split). Without an adjustment, the calculated split; with one, the split that
/// <see cref="LineSplit.Resplit"/> (the one re-split rule) leaves for the adjusted quantity.
/// This is the one place that says which split fulfilment is measured against.
/// </summary>
public static class FulfilmentTargets
{
    public static HorizonQuantities Of(HorizonQuantities calculated, decimal? adjustedQty)
    {
        if (adjustedQty is not { } adjusted)
        {
            return calculated;
        }

        // Per horizon only the totals matter here, so each horizon is one share of its split.
        var split = new LineSplit([new SourceShare(0, calculated.A)], [new PledgeShare(0, calculated.B)], calculated.C).Resplit(adjusted);
        return new(split.HorizonAQty, split.HorizonBQty, split.HorizonCQty);
    }
}
