namespace Dmis.Replenishment.Data.Procurement;

/// <summary>A <c>procurement</c> header as stored.</summary>
public sealed class ProcurementHeaderRow
{
    public int ProcurementId { get; init; }
    public string ProcurementNo { get; init; } = "";
    public int? NeedsListId { get; init; }
    public int EventId { get; init; }
    public int TargetWarehouseId { get; init; }
    public int? SupplierId { get; set; }
    public string ProcurementMethod { get; set; } = "";
    public string? PoNumber { get; set; }
    public decimal TotalValue { get; set; }
    public string CurrencyCode { get; init; } = "JMD";
    public string StatusCode { get; set; } = "";
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public string? ApprovalThresholdTier { get; set; }
    public DateTime? ShippedAt { get; set; }
    public DateTime? ExpectedArrival { get; set; }
    public DateTime? ReceivedAt { get; set; }
    public string? ReceivedBy { get; set; }
    public string? NotesText { get; set; }
    public string? SubmittedBy { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public string? StatusReason { get; set; }
    public string CreateById { get; init; } = "";
    public DateTime CreateDtime { get; init; }
    public int VersionNbr { get; init; }
}

/// <summary>A <c>procurement_item</c> line with its item's labels.</summary>
public sealed class ProcurementLineRow
{
    public int ProcurementItemId { get; init; }
    public int ProcurementId { get; init; }
    public int ItemId { get; init; }
    public string ItemCode { get; init; } = "";
    public string ItemName { get; init; } = "";
    public int? NeedsListItemId { get; init; }
    public decimal OrderedQty { get; init; }
    public decimal? UnitPrice { get; init; }
    public decimal? LineTotal { get; init; }
    public string UomCode { get; init; } = "";
    public decimal ReceivedQty { get; init; }
    public string StatusCode { get; init; } = "";
}

/// <summary>A procurement with its lines.</summary>
public sealed record StoredProcurement(ProcurementHeaderRow Header, IReadOnlyList<ProcurementLineRow> Lines);

/// <summary>A line to write: new or changed (ordered quantity, price, totals).</summary>
public sealed record ProcurementLineValues(
    int ItemId, int? NeedsListItemId, decimal OrderedQty, decimal? UnitPrice, decimal? LineTotal, string UomCode);

/// <summary>A line after a receipt.</summary>
public sealed record ReceivedLineValues(int ItemId, decimal ReceivedTotal, string StatusCode);

/// <summary>ListProcurements filters (0 / empty: any).</summary>
public sealed record ProcurementFilter(int EventId, int NeedsListId, int TargetWarehouseId, IReadOnlyList<string> Statuses);

/// <summary>A needs-list line with what procurement needs: what is already ordered for it and the item's unit value.</summary>
public sealed class NeedsListSupplyLineRow
{
    public int NeedsListItemId { get; init; }
    public int ItemId { get; init; }
    public string UomCode { get; init; } = "";

    /// <summary>What open procurements (not REJECTED or CANCELLED) of the list already order for this line.</summary>
    public decimal ProcuredQty { get; init; }

    /// <summary>The items' estimated unit value: average avg_unit_value of its active batches (null: none).</summary>
    public decimal? EstimatedUnitValue { get; init; }
}
