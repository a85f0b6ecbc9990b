using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.NeedsLists;

/// <summary>
/// Everything one needs-list calculation (one event, one target warehouse, at <see cref="AsOf"/>)
/// reads. Flat lists keyed by ids, so each can be filled by one set-based query.
/// </summary>
public sealed record CalculationInput
{
    /// <summary>The calculation moment (UTC). Ages, windows and arrivals are measured from it.</summary>
    public required DateTime AsOf { get; init; }

    public required EventPhase Phase { get; init; }

    public required PhaseParameters Parameters { get; init; }

    /// <summary>The warehouse the needs list is for.</summary>
    public required TargetWarehouse Warehouse { get; init; }

    /// <summary>One row per item of the target warehouse (item ids unique).</summary>
    public required IReadOnlyList<ItemInput> Items { get; init; }

    /// <summary>Candidate transfer sources; the target itself, inactive and LOW/never-synced warehouses are skipped.</summary>
    public IReadOnlyList<SourceWarehouse> Sources { get; init; } = [];

    /// <summary>Stock of the candidate sources, one row per (warehouse, item); items not listed have none.</summary>
    public IReadOnlyList<SourceItemStock> SourceStock { get; init; } = [];

    /// <summary>Expected but unconfirmed donations for the event (entered or pledged, not verified); several rows per item are summed.</summary>
    public IReadOnlyList<PipelineDonation> PipelineDonations { get; init; } = [];

    /// <summary>Default lead times per horizon (hours).</summary>
    public HorizonLeadTimes LeadTimes { get; init; } = HorizonLeadTimes.Defaults;
}

/// <summary>The target warehouse.</summary>
public sealed record TargetWarehouse
{
    public required int WarehouseId { get; init; }

    public required string WarehouseName { get; init; }

    /// <summary>warehouse.last_sync_dtime (UTC); null when never synced.</summary>
    public DateTime? LastSyncDtime { get; init; }

    /// <summary>warehouse.status_code = 'A'.</summary>
    public bool IsActive { get; init; } = true;
}

/// <summary>One item at the target warehouse, with everything its line needs.</summary>
public sealed record ItemInput
{
    public required int ItemId { get; init; }

    public string ItemCode { get; init; } = "";

    public string ItemName { get; init; } = "";

    public string UomCode { get; init; } = "";

    /// <summary>item.criticality_level word (CRITICAL, HIGH, NORMAL, LOW); carried through.</summary>
    public string Criticality { get; init; } = "NORMAL";

    /// <summary>inventory.usable_qty at the target (0 without an inventory row).</summary>
    public decimal AvailableQty { get; init; }

    /// <summary>inventory.reserved_qty at the target.</summary>
    public decimal ReservedQty { get; init; }

    /// <summary>Confirmed inbound (v_inbound_stock), source TRANSFER.</summary>
    public decimal InboundTransferQty { get; init; }

    /// <summary>Confirmed inbound (v_inbound_stock), source DONATION.</summary>
    public decimal InboundDonationQty { get; init; }

    /// <summary>Confirmed inbound (v_inbound_stock), source PROCUREMENT.</summary>
    public decimal InboundProcurementQty { get; init; }

    /// <summary>Fulfilled quantity leaving the target in (as_of - demand window, as_of].</summary>
    public decimal FulfilledQtyInWindow { get; init; }

    /// <summary>Number of fulfilment lines in the window (for the burn-rate snapshot).</summary>
    public int FulfillmentCount { get; init; }

    /// <summary>item.baseline_burn_rate (units per hour).</summary>
    public decimal BaselineBurnRate { get; init; }

    /// <summary>item.min_stock_threshold; overrides the warehouse's when &gt; 0.</summary>
    public decimal MinStockThreshold { get; init; }

    /// <summary>Estimated unit value (e.g. from itembatch.avg_unit_value); null when unknown.</summary>
    public decimal? UnitValue { get; init; }

    /// <summary>"NAME (CODE)", for messages.</summary>
    public string Label => ItemCode.Length == 0 ? ItemName : $"{ItemName} ({ItemCode})";
}

/// <summary>A candidate transfer source.</summary>
public sealed record SourceWarehouse
{
    public required int WarehouseId { get; init; }

    public string WarehouseName { get; init; } = "";

    /// <summary>warehouse.last_sync_dtime (UTC); null when never synced.</summary>
    public DateTime? LastSyncDtime { get; init; }

    /// <summary>warehouse.status_code = 'A'.</summary>
    public bool IsActive { get; init; } = true;

    /// <summary>warehouse.min_stock_threshold.</summary>
    public decimal MinStockThreshold { get; init; }

    /// <summary>Route lead time from this source to the target (lead_time_config, horizon A); null: the horizon-A default.</summary>
    public int? RouteLeadTimeHours { get; init; }
}

/// <summary>One item's stock at a candidate source.</summary>
public sealed record SourceItemStock
{
    public required int WarehouseId { get; init; }

    public required int ItemId { get; init; }

    /// <summary>inventory.usable_qty at the source.</summary>
    public decimal AvailableQty { get; init; }

    /// <summary>inventory.reserved_qty at the source.</summary>
    public decimal ReservedQty { get; init; }

    /// <summary>Fulfilled quantity leaving the source in the same demand window: gives its own required qty.</summary>
    public decimal FulfilledQtyInWindow { get; init; }

    /// <summary>Already allocated from this source for this item by open needs lists (pending, under review, approved, in progress).</summary>
    public decimal AllocatedOpenQty { get; init; }
}

/// <summary>Expected but unconfirmed donation quantity of an item for the event (horizon B).</summary>
public sealed record PipelineDonation
{
    public required int ItemId { get; init; }

    public decimal Qty { get; init; }
}
