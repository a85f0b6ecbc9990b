namespace Dmis.Replenishment.Data.Fulfilment;

/// <summary>A needs-list line's split and what it received per horizon (v_needs_list_line_receipt).</summary>
public sealed class LineReceiptRow
{
    public int NeedsListId { get; init; }
    public int NeedsListItemId { get; init; }
    public int ItemId { get; init; }
    public decimal HorizonAQty { get; init; }
    public decimal HorizonBQty { get; init; }
    public decimal HorizonCQty { get; init; }
    public decimal? AdjustedQty { get; init; }
    public string FulfillmentStatus { get; init; } = "";
    public decimal ReceivedAQty { get; init; }
    public decimal ReceivedBQty { get; init; }
    public decimal ReceivedCQty { get; init; }
}

/// <summary>A legacy transfer's header as the dispatch and receive steps read it.</summary>
public sealed class TransferRow
{
    public int TransferId { get; init; }
    public int FrInventoryId { get; init; }
    public int ToInventoryId { get; init; }
    public int? EligibleEventId { get; init; }
    public int? NeedsListId { get; init; }
    public string StatusCode { get; init; } = "";
    public DateTime? DispatchedAt { get; init; }
    public string? DispatchedBy { get; init; }
    public DateTime? ReceivedAt { get; init; }
    public string? ReceivedBy { get; init; }
    public int VersionNbr { get; init; }
}

/// <summary>A transfer line with the source batch it comes from.</summary>
public sealed class TransferLineRow
{
    public int ItemId { get; init; }
    public int BatchId { get; init; }
    public decimal ItemQty { get; init; }
    public string UomCode { get; init; } = "";
    public decimal BatchUsableQty { get; init; }
    public decimal BatchReservedQty { get; init; }
    public string? BatchNo { get; init; }
    public DateOnly? ExpiryDate { get; init; }
    public decimal AvgUnitValue { get; init; }
}

/// <summary>A transfer with its lines.</summary>
public sealed record StoredTransfer(TransferRow Header, IReadOnlyList<TransferLineRow> Lines);
