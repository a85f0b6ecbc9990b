namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>
/// How a line's gap is covered: A transfers, B donations, C procurement.
/// <see cref="MainSourceWarehouseId"/> is the largest horizon-A share (ties: the earlier source), null without transfers.
/// <see cref="EarliestArrival"/> is the first moment any quantity arrives.
/// </summary>
public sealed record WaterfallPlan(
    HorizonPlan HorizonA,
    HorizonPlan HorizonB,
    HorizonPlan HorizonC,
    int? MainSourceWarehouseId,
    DateTime? EarliestArrival,
    bool StockoutBeforeArrival);
