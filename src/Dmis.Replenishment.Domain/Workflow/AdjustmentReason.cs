namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>Why a line's quantity was adjusted (<c>needs_list_item.adjustment_reason</c>).</summary>
public enum AdjustmentReason
{
    DemandAdjusted,
    PartialCoverage,
    PriorityChange,
    BudgetConstraint,
    SupplierLimit,

    /// <summary>Needs notes.</summary>
    Other,
}

/// <summary>Converts <see cref="AdjustmentReason"/> to and from the database words.</summary>
public static class AdjustmentReasonWords
{
    private static readonly WordMap<AdjustmentReason> Map = new("adjustment reason", new Dictionary<AdjustmentReason, string>
    {
        [AdjustmentReason.DemandAdjusted] = "DEMAND_ADJUSTED",
        [AdjustmentReason.PartialCoverage] = "PARTIAL_COVERAGE",
        [AdjustmentReason.PriorityChange] = "PRIORITY_CHANGE",
        [AdjustmentReason.BudgetConstraint] = "BUDGET_CONSTRAINT",
        [AdjustmentReason.SupplierLimit] = "SUPPLIER_LIMIT",
        [AdjustmentReason.Other] = "OTHER",
    });

    /// <summary>The words in enum order.</summary>
    public static IReadOnlyList<string> All => Map.All;

    public static string ToWord(this AdjustmentReason value) => Map.ToWord(value);

    /// <summary>Accepts the database words, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? word, out AdjustmentReason value) => Map.TryParse(word, out value);

    public static AdjustmentReason Parse(string? word) => Map.Parse(word);
}
