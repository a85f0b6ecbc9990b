namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>The raw figures of one warehouse x item that a stock status is computed from.</summary>
/// <param name="AvailableQty">inventory.usable_qty (0 without an inventory row).</param>
/// <param name="ReservedQty">inventory.reserved_qty.</param>
/// <param name="Inbound">Confirmed inbound by source.</param>
/// <param name="Demand">Fulfilled demand in the window, and before the last dispatch when stocked out.</param>
/// <param name="BaselineBurnRate">item.baseline_burn_rate (units per hour).</param>
public readonly record struct StockFigures(
    decimal AvailableQty,
    decimal ReservedQty,
    InboundQuantities Inbound,
    DemandFigures Demand,
    decimal BaselineBurnRate);
