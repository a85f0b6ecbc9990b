using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Warnings;

namespace Dmis.Replenishment.Domain.NeedsLists;

/// <summary>
/// The outcome of a calculation: the header, every item's status (in input order), and the
/// needs-list lines (items with a gap, most urgent first).
/// </summary>
public sealed record CalculationResult(
    CalculationHeader Header,
    IReadOnlyList<CalculatedItem> Items,
    IReadOnlyList<CalculatedLine> Lines);

/// <summary>
/// <see cref="NeedsListCalculator.Evaluate"/>'s answer: the target's freshness, every item's status (in
/// input order), and the ids of the items with a gap (in input order).
/// </summary>
public sealed record TargetEvaluation(
    FreshnessAssessment Freshness,
    IReadOnlyList<CalculatedItem> Items,
    IReadOnlyList<int> GapItemIds);

/// <summary>The needs-list header.</summary>
/// <param name="Freshness">Target freshness: Level for display (may be Unknown), CalculationLevel for storage, AgeHours.</param>
/// <param name="TotalGapQty">Sum of the lines' gaps.</param>
/// <param name="TotalEstimatedValue">Sum of gap x unit value over lines whose unit value is known.</param>
/// <param name="ItemsEvaluated">Number of items calculated.</param>
/// <param name="SufficientCoverageCount">Items with no gap.</param>
/// <param name="Warnings">Header-level warnings (freshness, excluded sources, missing unit values).</param>
public sealed record CalculationHeader(
    DateTime AsOf,
    EventPhase Phase,
    PhaseParameters Parameters,
    TargetWarehouse Warehouse,
    FreshnessAssessment Freshness,
    decimal TotalGapQty,
    decimal TotalEstimatedValue,
    int ItemsEvaluated,
    int SufficientCoverageCount,
    IReadOnlyList<CalculationWarning> Warnings);

/// <summary>One item's status at the target warehouse (dashboard and burn-rate snapshot).</summary>
public sealed record CalculatedItem(ItemInput Item, StockStatus Status);

/// <summary>A needs-list line: an item with a gap, and how the gap is covered.</summary>
/// <param name="ProjectedStockout">as_of + time to stockout; null without demand.</param>
/// <param name="MainSourceWarehouseId">The largest horizon-A share (needs_list_item.horizon_a_source_warehouse_id); null without transfers.</param>
/// <param name="StockoutBeforeArrival">Even the earliest replenishment arrives after the projected stockout.</param>
/// <param name="EstimatedValue">gap x unit value (2 places); null when the unit value is unknown.</param>
/// <param name="Warnings">Line-level warnings.</param>
public sealed record CalculatedLine(
    ItemInput Item,
    StockStatus Status,
    DateTime? ProjectedStockout,
    HorizonPlan HorizonA,
    HorizonPlan HorizonB,
    HorizonPlan HorizonC,
    int? MainSourceWarehouseId,
    bool StockoutBeforeArrival,
    decimal? EstimatedValue,
    IReadOnlyList<CalculationWarning> Warnings);
