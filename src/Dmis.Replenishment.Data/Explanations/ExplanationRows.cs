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

/// <summary>What a generate keeps for explaining its lines later (needs_list_evidence, V18): parallel arrays, one position per row.</summary>
public sealed record NewNeedsListEvidence
{
    public required int HorizonALeadTimeHours { get; init; }
    public required int HorizonBLeadTimeHours { get; init; }
    public required int HorizonCLeadTimeHours { get; init; }
    public int[] ExcludedWarehouseIds { get; init; } = [];

    /// <summary>null: never synced.</summary>
    public decimal?[] ExcludedDataAgeHours { get; init; } = [];
    public int[] EligibleWarehouseIds { get; init; } = [];
    public int[] EligibleLeadTimeHours { get; init; } = [];
    public int[] SourceItemIds { get; init; } = [];
    public int[] SourceWarehouseIds { get; init; } = [];
    public decimal[] SourceUsableQtys { get; init; } = [];
    public decimal[] SourceThresholdQtys { get; init; } = [];
    public decimal[] SourceOwnRequiredQtys { get; init; } = [];
    public decimal[] SourceHeldQtys { get; init; } = [];
    public int[] PledgeItemIds { get; init; } = [];
    public int[] PledgeDonationIds { get; init; } = [];
    public decimal[] PledgePledgedQtys { get; init; } = [];
    public decimal[] PledgeDrawnQtys { get; init; } = [];
}

/// <summary>A source as a generate kept it (V18): left out for its data (<see cref="DataAgeHours"/> null: never synced) or eligible, with its lead time.</summary>
public sealed record StoredSourceRow
{
    public int WarehouseId { get; init; }
    public string WarehouseName { get; init; } = "";
    public bool Eligible { get; init; }
    public decimal? DataAgeHours { get; init; }
    public int LeadTimeHours { get; init; }
}

/// <summary>An eligible source's figures for the line's item at generation (V18).</summary>
public sealed record StoredSourceFiguresRow
{
    public int WarehouseId { get; init; }
    public decimal UsableQty { get; init; }
    public decimal ThresholdQty { get; init; }
    public decimal OwnRequiredQty { get; init; }
    public decimal HeldQty { get; init; }
}

/// <summary>A pledge of the line's item at generation (V18), with its donation's description and date.</summary>
public sealed record StoredPledgeRow
{
    public int DonationId { get; init; }
    public string Description { get; init; } = "";
    public DateTime PledgedOn { get; init; }
    public decimal PledgedQty { get; init; }
    public decimal DrawnOpenQty { get; init; }
}

/// <summary>What a generate kept of a list (V18) for one of its items; <see cref="LeadTimes"/> null: nothing was kept (an older list).</summary>
public sealed record StoredEvidence(
    (int A, int B, int C)? LeadTimes,
    IReadOnlyList<StoredSourceRow> Sources,
    IReadOnlyList<StoredSourceFiguresRow> SourceFigures,
    IReadOnlyList<StoredPledgeRow> Pledges);
