using Dmis.Replenishment.Data.Explanations;
using Dmis.Replenishment.Domain.NeedsLists;
namespace Dmis.Replenishment.Data.NeedsLists;

/// <summary>A needs-list header as stored, with the warehouse name and what V4 keeps of its calculation.</summary>
public sealed class NeedsListHeaderRow
{
    public int NeedsListId { get; init; }
    public string NeedsListNo { get; init; } = "";
    public int EventId { get; init; }
    public int WarehouseId { get; init; }
    public string WarehouseName { get; init; } = "";
    public string EventPhase { get; init; } = "";
    public string StatusCode { get; init; } = "";
    public DateTime CalculationDtime { get; init; }
    public int DemandWindowHours { get; init; }
    public int PlanningWindowHours { get; init; }
    public decimal SafetyFactor { get; init; }
    public string DataFreshnessLevel { get; init; } = "";
    public decimal TotalGapQty { get; init; }
    public decimal? TotalEstimatedValue { get; init; }
    public string? NotesText { get; init; }
    public string CreateById { get; init; } = "";
    public DateTime CreateDtime { get; init; }
    public string? SubmittedBy { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public string? UnderReviewBy { get; init; }
    public DateTime? UnderReviewAt { get; init; }
    public string? ReviewedBy { get; init; }
    public DateTime? ReviewedAt { get; init; }
    public string? ApprovedBy { get; init; }
    public DateTime? ApprovedAt { get; init; }
    public string? RejectedBy { get; init; }
    public DateTime? RejectedAt { get; init; }
    public string? RejectionReason { get; init; }
    public string? ReturnedBy { get; init; }
    public DateTime? ReturnedAt { get; init; }
    public string? ReturnedReason { get; init; }
    public string? CancelledBy { get; init; }
    public DateTime? CancelledAt { get; init; }
    public int? SupersededById { get; init; }
    public int? SupersedesId { get; init; }
    public int VersionNbr { get; init; }

    /// <summary>From needs_list_calculation (null for a list this service did not generate).</summary>
    public decimal? SafetyBufferPct { get; init; }
    public int? FreshnessThresholdHours { get; init; }
    public int? StaleThresholdHours { get; init; }

    /// <summary>When the list was last escalated (null: never), from its audit trail.</summary>
    public DateTime? LastEscalationAt { get; init; }

    /// <summary>Escalated since the latest submission (the domain's rule, <see cref="EscalationHistory.EscalatedSince"/>).</summary>
    public bool Escalated => new EscalationHistory(null, LastEscalationAt).EscalatedSince(SubmittedAt);
}

/// <summary>A needs-list line as stored (needs_list_item, the item, and needs_list_item_calculation).</summary>
public sealed class NeedsListLineRow
{
    public int NeedsListItemId { get; init; }
    public int ItemId { get; init; }
    public string ItemCode { get; init; } = "";
    public string ItemName { get; init; } = "";
    public string UomCode { get; init; } = "";
    public string Criticality { get; init; } = "";
    public decimal BurnRate { get; init; }
    public string BurnRateSource { get; init; } = "";
    public decimal AvailableStock { get; init; }
    public decimal ReservedQty { get; init; }
    public decimal InboundTransferQty { get; init; }
    public decimal InboundDonationQty { get; init; }
    public decimal InboundProcurementQty { get; init; }
    public decimal RequiredQty { get; init; }
    public decimal CoverageQty { get; init; }
    public decimal GapQty { get; init; }
    public decimal? TimeToStockoutHours { get; init; }
    public string SeverityLevel { get; init; } = "";
    public decimal HorizonAQty { get; init; }
    public int? HorizonASourceWarehouseId { get; init; }
    public decimal HorizonBQty { get; init; }
    public decimal HorizonCQty { get; init; }
    public decimal? AdjustedQty { get; init; }
    public string? AdjustmentReason { get; init; }
    public string? AdjustmentNotes { get; init; }
    public string? AdjustedBy { get; init; }
    public DateTime? AdjustedAt { get; init; }
    public decimal FulfilledQty { get; init; }
    public string FulfillmentStatus { get; init; } = "";

    // needs_list_item_calculation (null for a line this service did not generate)
    public int? LineNo { get; init; }
    public decimal? FulfilledQtyInWindow { get; init; }
    public int? FulfillmentCount { get; init; }
    public decimal? UnitValue { get; init; }
    public decimal? EstimatedValue { get; init; }
    public DateTime? ProjectedStockoutDtime { get; init; }
    public int? HorizonALeadTimeHours { get; init; }
    public int? HorizonBLeadTimeHours { get; init; }
    public int? HorizonCLeadTimeHours { get; init; }
    public bool HorizonAAfterStockout { get; init; }
    public bool HorizonBAfterStockout { get; init; }
    public bool HorizonCAfterStockout { get; init; }
    public bool StockoutBeforeArrival { get; init; }

    /// <summary>JSON array of {code, message, item_id, warehouse_id}.</summary>
    public string? Warnings { get; init; }

    // The horizon-A split in allocation order: the same position in each array is one source.
    public int[] SplitWarehouseIds { get; init; } = [];
    public decimal[] SplitQtys { get; init; } = [];
    public int[] SplitLeadTimeHours { get; init; } = [];
    public DateTime[] SplitArrivals { get; init; } = [];

    // The horizon-B split in drawing order: the same position in each array is one pledge (donation line).
    public int[] PledgeDonationIds { get; init; } = [];
    public decimal[] PledgeQtys { get; init; } = [];

    /// <summary>Adjusted lines: the horizons after the re-split (null when not adjusted, or adjusted before V14).</summary>
    public decimal? AdjustedHorizonAQty { get; init; }
    public decimal? AdjustedHorizonBQty { get; init; }
    public decimal? AdjustedHorizonCQty { get; init; }

    /// <summary>Adjusted lines: what each source and pledge keeps, parallel to the calculated arrays.</summary>
    public decimal[]? AdjustedSplitQtys { get; init; }
    public decimal[]? AdjustedPledgeQtys { get; init; }

    /// <summary>Out-of-stock lines: the end of the window their demand was measured in (the last dispatch).</summary>
    public DateTime? DemandWindowEnd { get; init; }
}

/// <summary>
/// A stored needs list: header, lines in line order, the names of the warehouses in their horizon-A
/// splits and the descriptions of the donations in their horizon-B splits.
/// </summary>
public sealed record StoredNeedsList(
    NeedsListHeaderRow Header,
    IReadOnlyList<NeedsListLineRow> Lines,
    IReadOnlyDictionary<int, string> SourceWarehouseNames,
    IReadOnlyDictionary<int, string> DonationDescriptions)
{
    /// <summary>What each line (by needs_list_item_id) received per horizon; a line not in it received nothing.</summary>
    public IReadOnlyDictionary<int, LineReceivedRow> Received { get; init; } = new Dictionary<int, LineReceivedRow>();
}

/// <summary>A line's receipts per horizon (v_needs_list_line_receipt).</summary>
public sealed record LineReceivedRow(int NeedsListItemId, decimal ReceivedAQty, decimal ReceivedBQty, decimal ReceivedCQty);

/// <summary>A DRAFT or RETURNED list that a new generate supersedes (or retires for sufficient coverage).</summary>
public sealed record SupersedableList(int NeedsListId, string NeedsListNo, string StatusCode);

/// <summary>An open draft a generate retires, and the status it leaves with.</summary>
public sealed record RetiredList(int NeedsListId, string OldStatus, string NewStatus);

/// <summary>The open drafts a generate retires, with the audit action and notes they get, at <paramref name="At"/>.</summary>
public sealed record DraftRetirement(IReadOnlyList<RetiredList> Lists, string AuditAction, string Notes, DateTime At);

/// <summary>What a generate finds under its (event, warehouse) lock: the day's numbers, the open drafts, and the id reserved for a new list.</summary>
public sealed record GenerateSlot(IReadOnlyList<string> NumbersOfTheDay, IReadOnlyList<SupersedableList> OpenDrafts, int NewNeedsListId);

/// <summary>A new needs list to insert: the header and its calculation details.</summary>
public sealed record NewNeedsList
{
    public required string NeedsListNo { get; init; }
    public required int EventId { get; init; }
    public required int WarehouseId { get; init; }
    public required string EventPhase { get; init; }
    public required DateTime CalculationDtime { get; init; }
    public required int DemandWindowHours { get; init; }
    public required int PlanningWindowHours { get; init; }
    public required decimal SafetyFactor { get; init; }
    public required decimal SafetyBufferPct { get; init; }
    public required int FreshnessThresholdHours { get; init; }
    public required int StaleThresholdHours { get; init; }
    public required string DataFreshnessLevel { get; init; }
    public decimal? DataAgeHours { get; init; }
    public required decimal TotalGapQty { get; init; }
    public required decimal TotalEstimatedValue { get; init; }
    public required int ItemsEvaluated { get; init; }
    public required int SufficientCoverageCount { get; init; }
    public required string HeaderWarningsJson { get; init; }
    public string? Notes { get; init; }

    /// <summary>notes_text of the CREATED audit row.</summary>
    public required string CreatedAuditNotes { get; init; }

    public required IReadOnlyList<NewNeedsListLine> Lines { get; init; }

    /// <summary>What explaining its lines later needs (V18); null: nothing kept.</summary>
    public NewNeedsListEvidence? Evidence { get; init; }
}

/// <summary>A new line with its calculation details and horizon-A split.</summary>
public sealed record NewNeedsListLine
{
    public required int LineNo { get; init; }
    public required int ItemId { get; init; }
    public required string UomCode { get; init; }
    public required decimal BurnRate { get; init; }
    public required string BurnRateSource { get; init; }
    public required decimal AvailableStock { get; init; }
    public required decimal ReservedQty { get; init; }
    public required decimal InboundTransferQty { get; init; }
    public required decimal InboundDonationQty { get; init; }
    public required decimal InboundProcurementQty { get; init; }
    public required decimal RequiredQty { get; init; }
    public required decimal CoverageQty { get; init; }
    public required decimal GapQty { get; init; }
    public decimal? TimeToStockoutHours { get; init; }
    public required string SeverityLevel { get; init; }
    public required decimal HorizonAQty { get; init; }
    public int? HorizonASourceWarehouseId { get; init; }
    public required decimal HorizonBQty { get; init; }
    public required decimal HorizonCQty { get; init; }
    public required decimal FulfilledQtyInWindow { get; init; }
    public required int FulfillmentCount { get; init; }
    public decimal? UnitValue { get; init; }
    public decimal? EstimatedValue { get; init; }
    public DateTime? ProjectedStockout { get; init; }
    public int? HorizonALeadTimeHours { get; init; }
    public int? HorizonBLeadTimeHours { get; init; }
    public int? HorizonCLeadTimeHours { get; init; }
    public bool HorizonAAfterStockout { get; init; }
    public bool HorizonBAfterStockout { get; init; }
    public bool HorizonCAfterStockout { get; init; }
    public bool StockoutBeforeArrival { get; init; }
    public DateTime? DemandWindowEnd { get; init; }
    public required string WarningsJson { get; init; }
    public required IReadOnlyList<NewSourceAllocation> Sources { get; init; }
    public required IReadOnlyList<NewPledgeAllocation> Pledges { get; init; }
}

/// <summary>One horizon-A source of a new line.</summary>
public sealed record NewSourceAllocation(int WarehouseId, decimal Qty, int LeadTimeHours, DateTime ExpectedArrival);

/// <summary>One horizon-B pledge (the donation's line for the line's item) of a new line.</summary>
public sealed record NewPledgeAllocation(int DonationId, decimal Qty);

/// <summary>Filters of ListNeedsLists (0 / empty: any).</summary>
public sealed record NeedsListFilter(int EventId, int WarehouseId, IReadOnlyList<string> Statuses);
