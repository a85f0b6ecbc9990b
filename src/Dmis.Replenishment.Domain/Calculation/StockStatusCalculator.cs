using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>
/// The stock status of one warehouse x item (the GetStockStatus dashboard row, and the
/// first step of every needs-list line): the SPEC section 3 rules without the waterfall.
/// </summary>
public static class StockStatusCalculator
{
    /// <param name="figures">The warehouse x item figures.</param>
    /// <param name="freshness">The warehouse's freshness level (Unknown is treated as Low).</param>
    /// <param name="parameters">The phase parameters (demand and planning windows, safety factor).</param>
    /// <param name="asOf">The calculation moment (a stocked-out item's window moves back from it).</param>
    public static StockStatus Evaluate(StockFigures figures, FreshnessLevel freshness, PhaseParameters parameters, DateTime asOf)
    {
        var usable = StockFormulas.UsableQty(figures.AvailableQty, figures.ReservedQty);
        var burn = BurnRateRules.Calculate(
            figures.Demand, usable, parameters.DemandWindowHours, freshness, figures.BaselineBurnRate, asOf);
        var timeToStockout = StockFormulas.TimeToStockoutHours(usable, burn.Rate);
        var required = StockFormulas.RequiredQty(burn.Rate, parameters);
        var coverage = StockFormulas.CoverageQty(usable, figures.Inbound.TotalQty);

        return new StockStatus(
            AvailableQty: Rounding.Quantity(figures.AvailableQty),
            ReservedQty: Rounding.Quantity(figures.ReservedQty),
            UsableQty: usable,
            Inbound: figures.Inbound,
            Burn: burn,
            RequiredQty: required,
            CoverageQty: coverage,
            GapQty: StockFormulas.GapQty(required, coverage),
            SurplusQty: StockFormulas.SurplusQty(required, coverage),
            TimeToStockoutHours: timeToStockout,
            Severity: SeverityRules.Classify(timeToStockout));
    }
}
