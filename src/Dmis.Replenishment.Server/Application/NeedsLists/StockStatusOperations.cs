using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;
using Npgsql;

namespace Dmis.Replenishment.Server.Application.NeedsLists;

/// <summary>GetStockStatus's filters and page position (0: any; after: where the previous page ended).</summary>
public sealed record StockStatusQuery(
    int EventId,
    int WarehouseId,
    int ItemId,
    IReadOnlySet<SeverityLevel> Severities,
    StockStatusPosition? After,
    int Limit);

/// <summary>The last row of a page, and the moment its pages are calculated at (the first page's).</summary>
public sealed record StockStatusPosition(int WarehouseId, int ItemId, DateTime AsOf);

/// <summary>One warehouse x item of the dashboard.</summary>
public sealed record StockStatusEntry(WarehouseRow Warehouse, ItemInput Item, StockStatus Status, FreshnessLevel Freshness)
{
    /// <summary>What the event's pledges of the item can still give (after open lists' draws); filled for the page's rows.</summary>
    public decimal PledgedAvailableQty { get; init; }
}

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
/// GetStockStatus: every page of one paging is calculated at the first page's moment (it travels in the
/// page token). The first page computes EVERY row of its scope (one event; all active warehouses or one;
/// all active items or one) in memory with <see cref="StockStatusCalculator"/>, from two round trips
/// (context, then one set-based read of stock, inbound and demand for the scope's warehouses), then
/// filters by severity, counts and pages (keyset on warehouse_id, item_id). Severity is the outcome of
/// the Domain's rules, so it cannot be filtered in SQL without copying them there. The severity counts
/// are over every row matching ALL the filters (the contract's "every row matching the filters, not
/// only this page"); total_rows is their sum. They are kept for 10 minutes per scope and moment
/// (<see cref="StockStatusTotalsCache"/>), so the next pages read only the warehouses they show, one at
/// a time from where the previous page ended; another instance, or after that, computes the whole
/// scope again at the token's moment (same figures, as slow as the first page).
/// </para>
/// </summary>
public sealed class StockStatusOperations(ReadConnections reads, StockStatusTotalsCache totalsCache, TimeProvider time)
{
    public const int MaxErrorMessageLength = 4000;

    public async Task<StockStatusPage> GetStockStatusAsync(StockStatusQuery query, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        RequestRules.Positive(violations, query.EventId, "event_id");
        RequestRules.OptionalId(violations, query.WarehouseId, "warehouse_id");
        RequestRules.OptionalId(violations, query.ItemId, "item_id");
        RequestRules.ThrowIfAny(violations);

        var asOf = query.After?.AsOf ?? time.Now();
        await using var connection = await reads.OpenAsync(cancellationToken);
        var context = await CalculationReader.LoadDashboardContextAsync(
            connection, query.EventId, NullIfZero(query.WarehouseId), NullIfZero(query.ItemId), cancellationToken);
        var calculationEvent = CalculationInputLoader.EnsureEventOpen(context.Event, query.EventId);
        if (query.WarehouseId > 0)
        {
            var warehouse = context.Warehouses is [var asked, ..] ? asked : throw new NotFoundException("warehouse", query.WarehouseId);
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
        var scope = new DashboardScope(
            query, phase,
            CalculationInputLoader.ParametersFor(query.EventId, phase, context.PhaseConfigs), context.Warehouses, asOf);
        var totalsKey = new StockStatusTotalsCache.Key(
            query.EventId, query.WarehouseId, query.ItemId, string.Join(',', query.Severities.Order()), asOf);
        if (query.After is { } after && totalsCache.TryGet(totalsKey, out var totals))
        {
            var rows = await ReadPageAsync(connection, scope, after, cancellationToken);
            return new StockStatusPage(phase, asOf, await WithPledgesAsync(connection, query.EventId, rows, cancellationToken), totals.Counts, totals.TotalRows);
        }

        var page = await ReadWholeScopeAsync(connection, scope, cancellationToken);
        totalsCache.Add(totalsKey, new StockStatusTotalsCache.Totals(page.Counts, page.TotalRows));
        return page with { Rows = await WithPledgesAsync(connection, query.EventId, page.Rows, cancellationToken) };
    }

    /// <summary>One GetStockStatus call: its query, the event's phase and parameters, its warehouses (id order) and moment.</summary>
    private sealed class DashboardScope(
        StockStatusQuery query, EventPhase phase, PhaseParameters parameters, IReadOnlyList<WarehouseRow> warehouses, DateTime asOf)
    {
        private readonly Dictionary<int, FreshnessLevel> freshness = warehouses.ToDictionary(
            warehouse => warehouse.WarehouseId,
            warehouse => FreshnessRules.Assess(warehouse.LastSyncDtime, asOf, parameters).Level);

        public StockStatusQuery Query => query;

        public EventPhase Phase => phase;

        public DateTime AsOf => asOf;

        public IReadOnlyList<WarehouseRow> Warehouses => warehouses;

        public DemandWindow Window => DemandWindow.Ending(asOf, parameters.DemandWindowHours);

        /// <summary>The row of one warehouse x item, or null when the severity filter leaves it out.</summary>
        public StockStatusEntry? Evaluate(WarehouseRow warehouse, ItemInput item)
        {
            var level = freshness[warehouse.WarehouseId];
            var status = StockStatusCalculator.Evaluate(
                item.Figures, FreshnessRules.ForCalculation(level), parameters, asOf);
            return query.Severities.Count > 0 && !query.Severities.Contains(status.Severity)
                ? null
                : new StockStatusEntry(warehouse, item, status, level);
        }
    }

    /// <summary>The page's rows with what the event's pledges of their items can still give (one read for the page).</summary>
    private static async Task<IReadOnlyList<StockStatusEntry>> WithPledgesAsync(
        NpgsqlConnection connection, int eventId, IReadOnlyList<StockStatusEntry> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return rows;
        }

        var pledges = await CalculationReader.LoadPledgesAsync(
            connection, null, eventId, [.. rows.Select(row => row.Item.ItemId).Distinct()],
            [.. NeedsListStateMachine.HoldingAllocations.Select(status => status.ToWord())], exceptNeedsListId: 0, cancellationToken);
        var available = PledgePromises.AvailableByItem(pledges);
        return [.. rows.Select(row => row with { PledgedAvailableQty = Rounding.Quantity(available.GetValueOrDefault(row.Item.ItemId)) })];
    }

    /// <summary>Every row of the scope, counted; the page is the rows after the query's position.</summary>
    private static async Task<StockStatusPage> ReadWholeScopeAsync(
        NpgsqlConnection connection, DashboardScope scope, CancellationToken cancellationToken)
    {
        var query = scope.Query;
        var warehouses = scope.Warehouses.ToDictionary(warehouse => warehouse.WarehouseId);
        var items = warehouses.Count == 0
            ? []
            : await CalculationReader.LoadItemsAsync(
                connection, null, query.EventId, warehouses.Keys.ToList(), new ItemSelection(NullIfZero(query.ItemId)), scope.Window,
                cancellationToken);

        var counts = Enum.GetValues<SeverityLevel>().ToDictionary(severity => severity, _ => 0);
        var page = new List<StockStatusEntry>(Math.Min(query.Limit, items.Count));
        var total = 0;
        foreach (var (warehouseId, item) in items)
        {
            if (scope.Evaluate(warehouses[warehouseId], item) is not { } entry)
            {
                continue;
            }

            counts[entry.Status.Severity]++;
            total++;
            // Rows come ordered by (warehouse, item): the keyset continues after the previous page's last row.
            if (page.Count < query.Limit && IsAfter(warehouseId, item.ItemId, query.After))
            {
                page.Add(entry);
            }
        }

        return new StockStatusPage(scope.Phase, scope.AsOf, page, counts, total);
    }

    /// <summary>The page after the query's position only, reading one warehouse at a time (from that position) until it is full.</summary>
    private static async Task<IReadOnlyList<StockStatusEntry>> ReadPageAsync(
        NpgsqlConnection connection, DashboardScope scope, StockStatusPosition after, CancellationToken cancellationToken)
    {
        var query = scope.Query;
        var page = new List<StockStatusEntry>(query.Limit);
        foreach (var warehouse in scope.Warehouses.Where(warehouse => warehouse.WarehouseId >= after.WarehouseId))
        {
            var itemsAfter = warehouse.WarehouseId == after.WarehouseId ? after.ItemId : (int?)null;
            var items = await CalculationReader.LoadItemsAsync(
                connection, null, query.EventId, [warehouse.WarehouseId], new ItemSelection(NullIfZero(query.ItemId), itemsAfter),
                scope.Window, cancellationToken);
            foreach (var (_, item) in items)
            {
                if (scope.Evaluate(warehouse, item) is { } entry)
                {
                    page.Add(entry);
                    if (page.Count == query.Limit)
                    {
                        return page;
                    }
                }
            }
        }

        return page;
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

        var asOf = time.Now();
        await using var connection = await reads.OpenAsync(cancellationToken);
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

        var now = time.Now();
        RequestRules.NotInFuture(violations, command.SyncTime, now, "sync_time");
        RequestRules.MaxLength(violations, command.ErrorMessage, MaxErrorMessageLength, "error_message");
        RequestRules.ThrowIfAny(violations);
        Permissions.EnsureCanPrepareNeedsLists(caller);
        WarehouseAuthority.EnsureMayActFor(caller, command.WarehouseId, "record syncs");

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
                now,
                cancellationToken)
            ?? throw new NotFoundException("warehouse", command.WarehouseId);
    }

    private static bool IsAfter(int warehouseId, int itemId, StockStatusPosition? after) =>
        after is null || warehouseId > after.WarehouseId || (warehouseId == after.WarehouseId && itemId > after.ItemId);

    private static int? NullIfZero(int id) => id == 0 ? null : id;
}
