using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.NeedsLists;

namespace Dmis.Replenishment.Domain.Planning;

/// <summary>
/// One target warehouse of a network plan: its calculation input (its sources carry their route lead
/// time to this target; the source stock and the pledges are the network's, the same lists for every
/// target) and its evaluation (<see cref="NeedsListCalculator.Evaluate"/>).
/// </summary>
public sealed record PlanTarget(CalculationInput Input, TargetEvaluation Evaluation);

/// <summary>
/// <see cref="NetworkPlanner.Plan"/>'s answer: per target warehouse (in the order given) its needs list
/// with the splits the plan gives it, the transfers those splits make (most urgent line first), the
/// stockouts no horizon prevents (most urgent first), and the totals.
/// </summary>
public sealed record NetworkPlan(
    IReadOnlyList<CalculationResult> Warehouses,
    IReadOnlyList<PlannedTransfer> Transfers,
    IReadOnlyList<UnpreventedStockout> Stockouts,
    PlanTotals Totals);

/// <summary>A transfer the plan makes: <see cref="Qty"/> of the item from one warehouse to another.</summary>
public sealed record PlannedTransfer(
    int FromWarehouseId,
    string FromWarehouseName,
    int ToWarehouseId,
    string ToWarehouseName,
    ItemInput Item,
    decimal Qty,
    int LeadTimeHours,
    DateTime ExpectedArrival);

/// <summary>A line whose earliest replenishment (any horizon) arrives after its projected stockout.</summary>
public sealed record UnpreventedStockout(
    int WarehouseId,
    string WarehouseName,
    ItemInput Item,
    SeverityLevel Severity,
    DateTime ProjectedStockout,
    DateTime? EarliestArrival);

/// <summary>The plan's sums over every warehouse's lines.</summary>
public sealed record PlanTotals(
    decimal GapQty,
    decimal HorizonAQty,
    decimal HorizonBQty,
    decimal HorizonCQty,
    decimal EstimatedValue,
    int WarehousesWithGap,
    int Lines);
