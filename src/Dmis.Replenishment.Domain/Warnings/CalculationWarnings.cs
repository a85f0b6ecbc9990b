using System.Globalization;

namespace Dmis.Replenishment.Domain.Warnings;

/// <summary>Builds the warnings and their messages.</summary>
public static class CalculationWarnings
{
    private const string MayNotReflect = "Calculations may not reflect current stock levels.";

    /// <summary>"Data for {warehouse} is {X} hours old": the sentence SPEC 4 uses for an unacknowledged submit too.</summary>
    public static string DataAgeMessage(string warehouseName, decimal ageHours) =>
        $"Data for {warehouseName} is {FormatHours(ageHours)} hours old";

    /// <summary>Hours without useless zeros: 7.50 -> "7.5", 6.00 -> "6", 12.25 -> "12.25".</summary>
    public static string FormatHours(decimal hours) =>
        Rounding.Hours(hours).ToString("0.##", CultureInfo.InvariantCulture);

    public static CalculationWarning StaleData(int warehouseId, string warehouseName, decimal ageHours) =>
        new(WarningCodes.StaleData, $"{DataAgeMessage(warehouseName, ageHours)}. {MayNotReflect}", WarehouseId: warehouseId);

    public static CalculationWarning NeverSynced(int warehouseId, string warehouseName) =>
        new(WarningCodes.NeverSynced, $"Data for {warehouseName} has never been synced. {MayNotReflect}", WarehouseId: warehouseId);

    public static CalculationWarning WarehouseInactive(int warehouseId, string warehouseName) =>
        new(WarningCodes.WarehouseInactive, $"{warehouseName} is inactive.", WarehouseId: warehouseId);

    public static CalculationWarning SourceStale(int warehouseId, string warehouseName, decimal ageHours) =>
        new(WarningCodes.SourceExcluded,
            $"{warehouseName} is not used as a transfer source: its data is {FormatHours(ageHours)} hours old.",
            WarehouseId: warehouseId);

    public static CalculationWarning SourceNeverSynced(int warehouseId, string warehouseName) =>
        new(WarningCodes.SourceExcluded,
            $"{warehouseName} is not used as a transfer source: its data has never been synced.",
            WarehouseId: warehouseId);

    public static CalculationWarning UnitValueMissing(int lineCount) =>
        new(WarningCodes.UnitValueMissing,
            lineCount == 1
                ? "The estimated value leaves out 1 item without a unit value."
                : $"The estimated value leaves out {lineCount} items without a unit value.");

    public static CalculationWarning EstimatedBurnRate(int itemId, string itemLabel, int warehouseId, bool stockedOut) =>
        new(WarningCodes.EstimatedBurnRate,
            stockedOut
                ? $"Burn rate for {itemLabel} is estimated from the baseline: it is out of stock and was never dispatched from here for this event."
                : $"Burn rate for {itemLabel} is estimated from the baseline: no recent fulfilments and the data is stale.",
            itemId, warehouseId);

    /// <summary>SPEC 3.3: an out-of-stock item whose demand was measured before its last dispatch (<paramref name="lastDispatch"/>), or never dispatched (null).</summary>
    public static CalculationWarning StockedOut(int itemId, string itemLabel, int warehouseId, int windowHours, DateTime? lastDispatch) =>
        new(WarningCodes.StockedOut,
            lastDispatch is { } last
                ? $"{itemLabel} is out of stock; demand measured over the {windowHours} h before the last dispatch at {FormatMoment(last)}."
                : $"{itemLabel} is out of stock and was never dispatched from here for this event; demand is the item's baseline.",
            itemId, warehouseId);

    public static CalculationWarning StockoutBeforeArrival(
        int itemId, string itemLabel, int warehouseId, DateTime projectedStockout, DateTime earliestArrival) =>
        new(WarningCodes.StockoutBeforeArrival,
            $"{itemLabel} is projected to run out at {FormatMoment(projectedStockout)}, before the earliest replenishment arrives at {FormatMoment(earliestArrival)}.",
            itemId, warehouseId);

    public static CalculationWarning NoTransferSource(int itemId, string itemLabel, int warehouseId) =>
        new(WarningCodes.NoTransferSource,
            $"No other warehouse can transfer {itemLabel}: none has current data and stock above its own needs and safety level.",
            itemId, warehouseId);

    internal static string FormatMoment(DateTime utc) =>
        utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
