using Dmis.Replenishment.Domain.NeedsLists;

namespace Dmis.Replenishment.Data.Explanations;

/// <summary>A relief package line counted in a burn rate's window (reliefpkg_item with its package).</summary>
public sealed record FulfilmentLineRow
{
    public int ReliefpkgId { get; init; }
    public int ReliefrqstId { get; init; }
    public int ItemId { get; init; }
    public int BatchId { get; init; }
    public decimal Qty { get; init; }
    public DateTime DispatchedAt { get; init; }
    public string PackageStatus { get; init; } = "";
}

/// <summary>The page position after a fulfilment line: its dispatch moment, package and batch.</summary>
public sealed record FulfilmentLinePosition(DateTime DispatchedAt, int ReliefpkgId, int BatchId);

/// <summary>A row of v_inbound_stock: one document behind a confirmed inbound figure.</summary>
public sealed record InboundDocumentRow
{
    public string SourceType { get; init; } = "";
    public int DocumentId { get; init; }
    public decimal Qty { get; init; }
    public DateTime? ExpectedArrival { get; init; }
}

/// <summary>What one open needs list holds of a source warehouse's stock (<see cref="HolderId"/> = the warehouse) or of a pledge (the donation).</summary>
public sealed record HoldRow
{
    public int HolderId { get; init; }
    public int NeedsListId { get; init; }
    public string NeedsListNo { get; init; } = "";
    public decimal Qty { get; init; }
}

/// <summary>The evidence around a preview line that the calculation itself does not keep.</summary>
/// <param name="InactiveWarehouses">Warehouses never read as sources because they are inactive.</param>
/// <param name="SourceHolds">What each open list holds at each source warehouse, for the item.</param>
/// <param name="PledgeHolds">What each open list of the event drew from each pledge, for the item.</param>
public sealed record CurrentEvidence(
    IReadOnlyList<InboundDocumentRow> InboundDocuments,
    IReadOnlyList<SourceWarehouse> InactiveWarehouses,
    IReadOnlyList<HoldRow> SourceHolds,
    IReadOnlyList<HoldRow> PledgeHolds);
