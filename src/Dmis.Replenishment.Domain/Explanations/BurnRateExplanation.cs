using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Freshness;

namespace Dmis.Replenishment.Domain.Explanations;

/// <summary>Which of SPEC 3.2 and 3.3's rules gave a burn rate.</summary>
public enum BurnRateRule
{
    /// <summary>CALCULATED: fulfilled in the window / window hours.</summary>
    DemandInWindow,

    /// <summary>CALCULATED 0: nothing fulfilled in the window and the data is fresh.</summary>
    NoCurrentDemand,

    /// <summary>ESTIMATED: out of stock, measured in the window ending at the last dispatch.</summary>
    StockedOutWindow,

    /// <summary>BASELINE: nothing fulfilled in the window and the data is LOW or never synced.</summary>
    BaselineStaleData,

    /// <summary>BASELINE: out of stock and never dispatched from the warehouse for the event.</summary>
    BaselineNeverDispatched,
}

/// <summary>The rule behind a burn rate, why it applied, and the window whose fulfilment lines it counted: (<see cref="WindowStart"/>, <see cref="WindowEnd"/>].</summary>
public sealed record BurnRateExplanation(BurnRateRule Rule, string Reason, DateTime WindowStart, DateTime WindowEnd, int WindowHours);

/// <summary>What a line's burn rate was decided on, as the calculation saw it (or as a stored list kept it).</summary>
/// <param name="StockedOutWindowEnd">The last dispatch, when the window was moved back to it (SPEC 3.3).</param>
/// <param name="Freshness">The warehouse's level for calculations (never Unknown).</param>
public sealed record BurnRateFacts(
    BurnRateSource Source,
    decimal Rate,
    decimal FulfilledQty,
    int FulfillmentCount,
    DateTime? StockedOutWindowEnd,
    bool StockedOut,
    FreshnessLevel Freshness,
    int WindowHours,
    DateTime AsOf)
{
    /// <summary>The facts of a status just calculated at <paramref name="asOf"/>.</summary>
    public static BurnRateFacts Of(StockStatus status, FreshnessLevel freshness, int windowHours, DateTime asOf) =>
        new(status.BurnRateSource, status.BurnRate, status.Burn.FulfilledQty, status.Burn.FulfillmentCount,
            status.Burn.StockedOutWindowEnd, status.IsStockedOut, FreshnessRules.ForCalculation(freshness), windowHours, asOf);
}
