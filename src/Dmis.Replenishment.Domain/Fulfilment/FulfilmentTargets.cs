namespace Dmis.Replenishment.Domain.Fulfilment;

/// <summary>
/// What each horizon of a line must receive to be fulfilled (SPEC 4: fulfilment is measured against
/// the adjusted split). Without an adjustment, the calculated split. With one, the split the adjusted
/// quantity leaves: a cut comes off C first, then B, then A; an increase goes to C.
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

        var cut = calculated.Total - adjusted;
        if (cut <= 0m)
        {
            return calculated with { C = calculated.C - cut };
        }

        var fromC = Math.Min(cut, calculated.C);
        var fromB = Math.Min(cut - fromC, calculated.B);
        var fromA = Math.Min(cut - fromC - fromB, calculated.A);
        return new(calculated.A - fromA, calculated.B - fromB, calculated.C - fromC);
    }
}
