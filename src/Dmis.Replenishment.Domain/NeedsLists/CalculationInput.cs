using Dmis.Replenishment.Domain.Calculation;
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

    /// <summary>Expected but unconfirmed donation lines for the event (entered or pledged, not verified): horizon B draws on them.</summary>
    public IReadOnlyList<PledgeLine> Pledges { get; init; } = [];

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

    /// <summary>item.criticality_level word (CRITICAL, HIGH, NORMAL, LOW).</summary>
    public string Criticality { get; init; } = "NORMAL";

    /// <summary><see cref="Criticality"/> as a level (unknown words are NORMAL): orders lines of equal urgency.</summary>
    public CriticalityLevel CriticalityLevel => CriticalityLevelWords.ParseOrNormal(Criticality);

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

    /// <summary>Stocked-out items only: the last counted dispatch from the target for the event, at or before as_of; null when none (or not read).</summary>
    public DateTime? LastDispatchDtime { get; init; }

    /// <summary>Stocked-out items only: fulfilled in the demand window ending at <see cref="LastDispatchDtime"/>.</summary>
    public decimal FulfilledQtyBeforeLastDispatch { get; init; }

    /// <summary>Stocked-out items only: fulfilment lines in the demand window ending at <see cref="LastDispatchDtime"/>.</summary>
    public int FulfillmentCountBeforeLastDispatch { get; init; }

    /// <summary>The demand figures the burn rate is measured on (SPEC 3.2 and 3.3).</summary>
    public DemandFigures Demand => new(
        FulfilledQtyInWindow,
        FulfillmentCount,
        LastDispatchDtime is { } last ? new LastDispatchDemand(last, FulfilledQtyBeforeLastDispatch, FulfillmentCountBeforeLastDispatch) : null);

    /// <summary>The figures a stock status is computed from.</summary>
    public StockFigures Figures => new(
        AvailableQty,
        ReservedQty,
        new InboundQuantities(InboundTransferQty, InboundDonationQty, InboundProcurementQty),
        Demand,
        BaselineBurnRate);

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

    /// <summary>Its horizon-A lead time to the target: the route's, else the default.</summary>
    public int LeadTimeHours(HorizonLeadTimes defaults) => RouteLeadTimeHours ?? defaults.HorizonAHours;
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

/// <summary>
/// A pledge: one expected but unconfirmed donation line of the event (horizon B), with what open
/// needs lists (pending, under review, approved, in progress) already drew from it.
/// </summary>
public sealed record PledgeLine
{
    public required int DonationId { get; init; }

    public required int ItemId { get; init; }

    /// <summary>donation.donation_desc, for people.</summary>
    public string Description { get; init; } = "";

    /// <summary>donation.received_date: older pledges are drawn on first.</summary>
    public DateTime PledgedOn { get; init; }

    /// <summary>donation_item.item_qty.</summary>
    public decimal PledgedQty { get; init; }

    /// <summary>What open needs lists' horizon-B splits already drew from this line.</summary>
    public decimal DrawnOpenQty { get; init; }
}
