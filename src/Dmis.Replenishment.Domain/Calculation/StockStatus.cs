namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>
/// The computed position of one warehouse x item (SPEC section 3, steps 2 to 9). All
/// quantities 2 places, burn rate 4, time to stockout 2 (null when there is no demand).
/// <see cref="Burn"/> says where the burn rate came from and what demand it was measured on.
/// </summary>
public sealed record StockStatus(
    decimal AvailableQty,
    decimal ReservedQty,
    decimal UsableQty,
    InboundQuantities Inbound,
    BurnRateResult Burn,
    decimal RequiredQty,
    decimal CoverageQty,
    decimal GapQty,
    decimal SurplusQty,
    decimal? TimeToStockoutHours,
    SeverityLevel Severity)
{
    public decimal BurnRate => Burn.Rate;

    public BurnRateSource BurnRateSource => Burn.Source;

    public bool HasDemand => BurnRate > 0m;

    public bool HasGap => GapQty > 0m;

    /// <summary>True when the burn rate is the item's baseline (stale data or never dispatched, no observed demand).</summary>
    public bool IsBurnRateEstimated => Burn.IsBaseline;

    /// <summary>True when the item is out of stock (usable 0).</summary>
    public bool IsStockedOut => UsableQty <= 0m;
}
