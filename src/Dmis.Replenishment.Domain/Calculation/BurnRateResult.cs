namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>
/// A burn rate (units per hour, 4 places), where it came from, and the demand it was measured on:
/// the fulfilled quantity and number of fulfilment lines of the window used. <see cref="StockedOutWindowEnd"/>
/// is the last dispatch when the window was moved back to it (source ESTIMATED, SPEC 3.3), else null.
/// </summary>
public readonly record struct BurnRateResult(
    decimal Rate, BurnRateSource Source, decimal FulfilledQty, int FulfillmentCount, DateTime? StockedOutWindowEnd = null)
{
    /// <summary>True when there is demand, so a time to stockout exists.</summary>
    public bool HasDemand => Rate > 0m;

    /// <summary>True when the rate is the item's baseline, not observed demand.</summary>
    public bool IsBaseline => Source == BurnRateSource.Baseline;
}
