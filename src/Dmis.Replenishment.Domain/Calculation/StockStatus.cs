namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>
/// The computed position of one warehouse x item (SPEC section 3, steps 2 to 9). All
/// quantities 2 places, burn rate 4, time to stockout 2 (null when there is no demand).
/// </summary>
public sealed record StockStatus(
    decimal AvailableQty,
    decimal ReservedQty,
    decimal UsableQty,
    InboundQuantities Inbound,
    decimal BurnRate,
    BurnRateSource BurnRateSource,
    decimal RequiredQty,
    decimal CoverageQty,
    decimal GapQty,
    decimal SurplusQty,
    decimal? TimeToStockoutHours,
    SeverityLevel Severity)
{
    public bool HasDemand => BurnRate > 0m;

    public bool HasGap => GapQty > 0m;

    /// <summary>True when the burn rate is the item's baseline (stale data, no recent fulfilments).</summary>
    public bool IsBurnRateEstimated => BurnRateSource == BurnRateSource.Baseline;
}
