using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Npgsql;

namespace Dmis.Replenishment.Server.Application.NeedsLists;

/// <summary>GetStockStatus's filters and page position (0: any; after: the last row of the previous page).</summary>
public sealed record StockStatusQuery(
    int EventId,
    int WarehouseId,
    int ItemId,
    IReadOnlySet<SeverityLevel> Severities,
    (int WarehouseId, int ItemId)? After,
    int Limit);

/// <summary>One warehouse x item of the dashboard.</summary>
public sealed record StockStatusEntry(WarehouseRow Warehouse, ItemInput Item, StockStatus Status, FreshnessLevel Freshness);

/// <summary>A page of the dashboard, and the counts over every row matching the filters.</summary>
public sealed record StockStatusPage(
    EventPhase Phase,
    DateTime AsOf,
    IReadOnlyList<StockStatusEntry> Rows,
    IReadOnlyDictionary<SeverityLevel, int> Counts,
    int TotalRows);

/// <summary>One warehouse's data freshness.</summary>
public sealed record WarehouseFreshnessEntry(WarehouseRow Warehouse, FreshnessAssessment Freshness);

/// <summary>GetDataFreshness's answer.</summary>
public sealed record FreshnessReport(DateTime AsOf, IReadOnlyList<WarehouseFreshnessEntry> Warehouses, FreshnessLevel Overall);

/// <summary>RecordWarehouseSync's input (status and type as database words).</summary>
public sealed record SyncCommand(
    int WarehouseId, string Status, string SyncType, int ItemsSynced, string? ErrorMessage, DateTime? SyncTime);

/// <summary>
/// The dashboard (stock status), data freshness and warehouse syncs.
/// <para>
/// GetStockStatus is computed for EVERY row of its scope (one event; all active warehouses or one;
/// all active items or one) in memory with <see cref="StockStatusCalculator"/>, from two round trips
/// (context, then one set-based read of stock, inbound and demand for the scope's warehouses), then
/// filtered by severity, counted and paged (keyset on warehouse_id, item_id). Severity is the outcome
/// of the Domain's rules, so it cannot be filtered in SQL without copying them there; the scope is at
/// most warehouses x items (20 x 5,000 = 100,000 rows in the reference data set), which this does in
/// a fraction of a second. The severity counts are over every row matching ALL the filters (the
/// contract's "every row matching the filters, not only this page"); total_rows is their sum.
/// </para>
/// </summary>
public sealed class StockStatusOperations(NpgsqlDataSource dataSource)
{
    public const int MaxErrorMessageLength = 4000;

    public async Task<StockStatusPage> GetStockStatusAsync(StockStatusQuery query, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        RequestRules.Positive(violations, query.EventId, "event_id");
        RequestRules.OptionalId(violations, query.WarehouseId, "warehouse_id");
        RequestRules.OptionalId(violations, query.ItemId, "item_id");
        RequestRules.ThrowIfAny(violations);

        var asOf = RequestRules.Now();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var context = await CalculationReader.LoadDashboardContextAsync(
            connection, query.EventId, NullIfZero(query.WarehouseId), NullIfZero(query.ItemId), cancellationToken);
        var calculationEvent = CalculationInputLoader.EnsureEventOpen(context.Event, query.EventId);
        if (query.WarehouseId > 0)
        {
            var warehouse = context.Warehouses.FirstOrDefault() ?? throw new NotFoundException("warehouse", query.WarehouseId);
            if (!warehouse.IsActive)
            {
                throw new PreconditionFailedException(
                    $"warehouse {query.WarehouseId} ({warehouse.WarehouseName}) is inactive: the dashboard shows active warehouses");
            }
        }

        if (!context.ItemExists)
        {
            throw new NotFoundException("item", query.ItemId);
        }

        var phase = EventPhaseWords.Parse(calculationEvent.CurrentPhase);
        var parameters = CalculationInputLoader.ParametersFor(query.EventId, phase, context.PhaseConfigs);
        var warehouses = context.Warehouses.ToDictionary(warehouse => warehouse.WarehouseId);
        var freshness = warehouses.Values.ToDictionary(
            warehouse => warehouse.WarehouseId,
            warehouse => FreshnessRules.Assess(warehouse.LastSyncDtime, asOf, parameters).Level);

        var items = warehouses.Count == 0
            ? []
            : await CalculationReader.LoadItemsAsync(
                connection, null, query.EventId, warehouses.Keys.ToList(), NullIfZero(query.ItemId),
                DemandWindow.Ending(asOf, parameters.DemandWindowHours), cancellationToken);

        var counts = Enum.GetValues<SeverityLevel>().ToDictionary(severity => severity, _ => 0);
        var page = new List<StockStatusEntry>(Math.Min(query.Limit, items.Count));
        var total = 0;
        foreach (var (warehouseId, item) in items)
        {
            var level = freshness[warehouseId];
            var status = StockStatusCalculator.Evaluate(
                CalculationInputLoader.FiguresOf(item), FreshnessRules.ForCalculation(level), parameters);
            if (query.Severities.Count > 0 && !query.Severities.Contains(status.Severity))
            {
                continue;
            }

            counts[status.Severity]++;
            total++;
            // Rows come ordered by (warehouse, item): the keyset continues after the previous page's last row.
            if (page.Count < query.Limit && IsAfter(warehouseId, item.ItemId, query.After))
            {
                page.Add(new StockStatusEntry(warehouses[warehouseId], item, status, level));
            }
        }

        return new StockStatusPage(phase, asOf, page, counts, total);
    }

    /// <summary>
    /// Every active warehouse's (or the given ones') freshness at now, with the thresholds of the
    /// event's current phase when an event is given (else the SPEC defaults, 2 h and 6 h).
    /// </summary>
    public async Task<FreshnessReport> GetDataFreshnessAsync(
        int eventId, IReadOnlyList<int> warehouseIds, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        RequestRules.OptionalId(violations, eventId, "event_id");
        for (var i = 0; i < warehouseIds.Count; i++)
        {
            RequestRules.Positive(violations, warehouseIds[i], $"warehouse_ids[{i}]");
        }

        RequestRules.ThrowIfAny(violations);

        var asOf = RequestRules.Now();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = PhaseParameters.DefaultFor(EventPhase.Baseline);
        if (eventId > 0)
        {
            var (found, configs) = await CalculationReader.LoadEventAsync(connection, eventId, cancellationToken);
            var calculationEvent = found ?? throw new NotFoundException("event", eventId);
            parameters = CalculationInputLoader.ParametersFor(
                eventId, EventPhaseWords.Parse(calculationEvent.CurrentPhase), configs);
        }

        var distinctIds = warehouseIds.Distinct().ToList();
        var warehouses = await CalculationReader.LoadWarehousesAsync(
            connection, distinctIds.Count == 0 ? null : distinctIds, cancellationToken);
        var missing = distinctIds.Except(warehouses.Select(warehouse => warehouse.WarehouseId)).ToList();
        if (missing.Count > 0)
        {
            throw new NotFoundException("warehouse", missing[0]);
        }

        var entries = warehouses
            .Select(warehouse => new WarehouseFreshnessEntry(
                warehouse, FreshnessRules.Assess(warehouse.LastSyncDtime, asOf, parameters)))
            .ToList();
        return new FreshnessReport(asOf, entries, FreshnessRules.Worst(entries.Select(entry => entry.Freshness.Level)));
    }

    /// <summary>
    /// Logs a sync (triggered_by = the caller). SUCCESS and PARTIAL move the warehouse's last sync
    /// (and, through the trigger, its sync_status); FAILED only logs. Officers and above.
    /// </summary>
    public async Task<WarehouseSyncRow> RecordWarehouseSyncAsync(
        DbScope scope, Caller caller, SyncCommand command, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        RequestRules.Positive(violations, command.WarehouseId, "warehouse_id");
        if (command.ItemsSynced < 0)
        {
            violations.Add(new("items_synced", "must not be negative"));
        }

        RequestRules.NotInFuture(violations, command.SyncTime, RequestRules.Now(), "sync_time");
        RequestRules.MaxLength(violations, command.ErrorMessage, MaxErrorMessageLength, "error_message");
        RequestRules.ThrowIfAny(violations);
        Permissions.EnsureCanPrepareNeedsLists(caller);

        return await WarehouseSyncStore.RecordAsync(
                scope,
                command.WarehouseId,
                command.SyncTime is { } syncTime ? RequestRules.WholeSeconds(syncTime) : null,
                command.SyncType,
                command.Status,
                command.ItemsSynced,
                string.IsNullOrWhiteSpace(command.ErrorMessage) ? null : command.ErrorMessage,
                movesLastSync: command.Status is "SUCCESS" or "PARTIAL",
                caller.UserId,
                cancellationToken)
            ?? throw new NotFoundException("warehouse", command.WarehouseId);
    }

    private static bool IsAfter(int warehouseId, int itemId, (int WarehouseId, int ItemId)? after) =>
        after is not { } key || warehouseId > key.WarehouseId || (warehouseId == key.WarehouseId && itemId > key.ItemId);

    private static int? NullIfZero(int id) => id == 0 ? null : id;
}
