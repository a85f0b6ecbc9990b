namespace Dmis.Replenishment.Domain.Warnings;

/// <summary>Stable warning codes. Header: data and source warnings; line: item warnings.</summary>
public static class WarningCodes
{
    /// <summary>Header: the target warehouse's data is not fresh (MEDIUM or LOW).</summary>
    public const string StaleData = "STALE_DATA";

    /// <summary>Header: the target warehouse has never synced.</summary>
    public const string NeverSynced = "NEVER_SYNCED";

    /// <summary>Header: the target warehouse is inactive.</summary>
    public const string WarehouseInactive = "WAREHOUSE_INACTIVE";

    /// <summary>Header: an active warehouse is not used as a transfer source because its data is LOW or it never synced.</summary>
    public const string SourceExcluded = "SOURCE_EXCLUDED";

    /// <summary>Header: some lines have no unit value, so the estimated total leaves them out.</summary>
    public const string UnitValueMissing = "UNIT_VALUE_MISSING";

    /// <summary>Line: the item is out of stock at the warehouse (usable 0); the message says how its demand was measured.</summary>
    public const string StockedOut = "STOCKED_OUT";

    /// <summary>Line: the burn rate is the item's baseline, not observed demand.</summary>
    public const string EstimatedBurnRate = "ESTIMATED_BURN_RATE";

    /// <summary>Line: even the earliest replenishment arrives after the projected stockout.</summary>
    public const string StockoutBeforeArrival = "STOCKOUT_BEFORE_ARRIVAL";

    /// <summary>Line: no other warehouse can transfer any of the item.</summary>
    public const string NoTransferSource = "NO_TRANSFER_SOURCE";
}
