using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>SPEC 3.4, 3.5, 3.7 and 3.9: the stock formulas. Every result is rounded and never negative.</summary>
public static class StockFormulas
{
    /// <summary>Usable stock = max(0, available - reserved).</summary>
    public static decimal UsableQty(decimal availableQty, decimal reservedQty) =>
        Rounding.Quantity(availableQty - reservedQty);

    /// <summary>Hours until the usable stock runs out at the burn rate; null when the burn rate is 0.</summary>
    public static decimal? TimeToStockoutHours(decimal usableQty, decimal burnRate) =>
        burnRate > 0m ? Rounding.Hours(usableQty / burnRate) : null;

    /// <summary>Required = burn rate x planning window x safety factor.</summary>
    public static decimal RequiredQty(decimal burnRate, int planningWindowHours, decimal safetyFactor) =>
        Rounding.Quantity(burnRate > 0m ? burnRate * planningWindowHours * safetyFactor : 0m);

    public static decimal RequiredQty(decimal burnRate, PhaseParameters parameters) =>
        RequiredQty(burnRate, parameters.PlanningWindowHours, parameters.SafetyFactor);

    /// <summary>Coverage = usable stock + confirmed inbound.</summary>
    public static decimal CoverageQty(decimal usableQty, decimal inboundQty) =>
        Rounding.Quantity(usableQty + inboundQty);

    /// <summary>Gap = max(0, required - coverage).</summary>
    public static decimal GapQty(decimal requiredQty, decimal coverageQty) =>
        Rounding.Quantity(requiredQty - coverageQty);

    /// <summary>Surplus = max(0, coverage - required).</summary>
    public static decimal SurplusQty(decimal requiredQty, decimal coverageQty) =>
        Rounding.Quantity(coverageQty - requiredQty);
}
