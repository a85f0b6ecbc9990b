using System.Diagnostics;
using System.Globalization;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.Schema;
using Dmis.Replenishment.Domain.Procurement;
using Npgsql;
using NpgsqlTypes;

namespace Dmis.Replenishment.Bench.Generation;

/// <summary>What a generation did and how long it took.</summary>
public sealed record GenerationReport(
    DataSetSize Size,
    DateTime AnchorUtc,
    double MigrateSeconds,
    double LoadSeconds,
    double IndexAndConstraintSeconds,
    double SummaryRebuildSeconds,
    double AnalyzeSeconds,
    double TotalSeconds,
    IReadOnlyDictionary<string, long> RowCounts,
    IReadOnlyDictionary<string, double> CopySeconds);

/// <summary>
/// Builds the SPEC section 8 reference data set into an empty database migrated by our own
/// migrations (<see cref="DatabaseMigrator"/>), with Npgsql binary COPY.
/// <list type="bullet">
/// <item>20 warehouses (1-3 main hubs), sync times spread: 1-10 fresh (under 2 h), 11-15 medium
/// (2-6 h), 16-20 stale; horizon-A routes between every pair.</item>
/// <item>Items, each with a unit price, baseline burn rate, some with their own minimum threshold,
/// a spread of criticality.</item>
/// <item>Stock for every warehouse x item (inventory + one itembatch each), sized from the item's
/// expected demand at that warehouse, so that some items run short and others have surplus; 2 % of the
/// items of every warehouse are out of stock (usable and reserved 0), and a tenth of those (at least one
/// per warehouse) have never been dispatched from it (no fulfilment line at all: the baseline burn rate
/// applies), the others mostly have dispatches in the 90 days (SPEC 3.3: demand before the last one).</item>
/// <item>Fulfilment lines (reliefrqst -> reliefpkg -> reliefpkg_item) over 90 days, 30 % of them in
/// the last 72 h (the surge of event 1); warehouses and items drawn from Zipf distributions (s = 1:
/// warehouse 1 carries ~28 % of the demand, the top 1 % of items about half). Mostly dispatched or
/// received packages of event 1; some of event 2, some not yet dispatched, some for denied,
/// cancelled or ineligible requests (which must not count).</item>
/// <item>Inbound documents: 40 % transfers (75 % dispatched, with transfer_item lines), 30 % donations
/// (65 % verified, their intake not yet verified; 25 % still entered, all their lines pledged: items drawn
/// across the catalogue, 10-100 units each; and 15 % of the verified donations' lines still pledged: the
/// pledges horizon B draws on, about 2 per item, so a gap after horizon A takes several),
/// 30 % procurement (65 % SHIPPED with procurement_item lines; the rest ordered, approved, partly or
/// fully received).</item>
/// <item>Event 1 (hurricane) in SURGE; event 2 (flood) in BASELINE, used for the phase-change fan-out.</item>
/// </list>
/// Deterministic for a seed, relative to the anchor moment (generation time, whole seconds, UTC).
/// The legacy foreign-key chains hold (reliefpkg_item -> inventory and itembatch; transfer_item ->
/// inventory and itembatch) and every CHECK constraint is respected; foreign keys and secondary
/// indexes are rebuilt and validated after the load (<see cref="DeferredSchema"/>), identity
/// sequences are set past the explicit ids, the hourly fulfilment summary (V7) is rebuilt in one pass,
/// and the database is VACUUMed, ANALYZEd and checkpointed.
/// </summary>
public sealed class ReferenceDataGenerator(string connectionString, DataSetSize size, int seed, Action<string> log)
{
    private const string Actor = "BENCH";
    private const double SurgeShare = 0.30;
    private const double SurgeHours = 72;
    private const double StockedOutShare = 0.02;
    private const double NeverDispatchedShare = 0.1;
    private static readonly string[] Uoms = ["EA", "BOX", "KG", "LTR", "PACK", "CASE"];
    private static readonly string[] Categories =
        ["WATER", "FOOD", "HYGIENE", "MEDICAL", "SHELTER", "BEDDING", "TOOLS", "BABY", "CLOTHING", "LIGHTING"];

    private static readonly string[] LoadedTables =
    [
        "inventory", "itembatch", "reliefrqst", "reliefpkg", "reliefpkg_item", "transfer", "transfer_item",
        "donation", "donation_item", "dnintake", "procurement", "procurement_item", "lead_time_config",
    ];

    private readonly Dictionary<string, long> rowCounts = [];
    private readonly Dictionary<string, double> copySeconds = [];

    private DateTime anchor;
    private Zipf warehouseDemand = null!;
    private Zipf itemDemand = null!;
    private int[] itemOfRank = null!;
    private string[] itemUom = null!;
    private decimal[] itemPrice = null!;
    private bool[,] stockedOut = null!;
    private int[][] neverDispatched = null!;

    public async Task<GenerationReport> GenerateAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        anchor = WholeSeconds(DateTime.UtcNow);
        log($"generating scale {size.Scale.ToString(CultureInfo.InvariantCulture)}: {size.Warehouses} warehouses, {size.Items:N0} items, " +
            $"{size.FulfilmentLines:N0} fulfilment lines, {size.InboundDocuments:N0} inbound documents (seed {seed}, anchor {anchor:u})");

        var stopwatch = Stopwatch.StartNew();
        new DatabaseMigrator(connectionString, _ => { }).Migrate();
        var migrateSeconds = stopwatch.Elapsed.TotalSeconds;
        log($"  migrated (DatabaseMigrator, every migration) in {migrateSeconds:0.0} s");

        Prepare();

        stopwatch.Restart();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var deferred = await DeferredSchema.DropAsync(connection, LoadedTables, cancellationToken);
        log($"  bulk-load mode: {deferred.ForeignKeyCount} foreign keys and {deferred.IndexCount} secondary indexes deferred");

        await LoadEventsAsync(connection, cancellationToken);
        await LoadWarehousesAsync(connection, cancellationToken);
        await LoadItemsAsync(connection, cancellationToken);
        await LoadRoutesAsync(connection, cancellationToken);
        await LoadStockAsync(connection, cancellationToken);
        await LoadDocumentsWithoutSummaryTriggersAsync(connection, cancellationToken);
        var loadSeconds = stopwatch.Elapsed.TotalSeconds;
        log($"  COPY of {rowCounts.Values.Sum():N0} rows in {loadSeconds:0.0} s");

        stopwatch.Restart();
        await deferred.RestoreAsync(connectionString, log, cancellationToken);
        await SetSequencesAsync(connection, cancellationToken);
        var restoreSeconds = stopwatch.Elapsed.TotalSeconds;

        stopwatch.Restart();
        await using (var dataSource = DmisDataSource.Create(connectionString))
        {
            foreach (var summary in SummaryStore.All)
            {
                var rows = await SummaryStore.RebuildAsync(dataSource, summary, cancellationToken);
                log($"  {summary} summary rebuilt: {rows:N0} rows ({stopwatch.Elapsed.TotalSeconds:0.0} s)");
            }
        }

        var summarySeconds = stopwatch.Elapsed.TotalSeconds;

        stopwatch.Restart();
        // VACUUM too, not only ANALYZE: the visibility map is then set as on a steady production table
        // (index-only scans work), and insert-triggered autovacuum does not start in the middle of a measurement.
        await ExecuteAsync(connection, "vacuum (analyze)", cancellationToken);
        // The load's WAL has started checkpoints that would spread their writes over the next minutes,
        // i.e. over the measurements: write the dirty pages now.
        await ExecuteAsync(connection, "checkpoint", cancellationToken);
        var analyzeSeconds = stopwatch.Elapsed.TotalSeconds;
        log($"  VACUUM (ANALYZE) and CHECKPOINT in {analyzeSeconds:0.0} s; data set ready in {total.Elapsed.TotalSeconds:0.0} s");

        return new GenerationReport(
            size, anchor, migrateSeconds, loadSeconds, restoreSeconds, summarySeconds, analyzeSeconds, total.Elapsed.TotalSeconds,
            new Dictionary<string, long>(rowCounts), new Dictionary<string, double>(copySeconds));
    }

    /// <summary>Batch id of the one itembatch of a warehouse x item.</summary>
    public static int BatchId(int warehouseId, int itemId, int items) => ((warehouseId - 1) * items) + itemId;

    private void Prepare()
    {
        var random = new Random(seed);
        warehouseDemand = new Zipf(size.Warehouses, 1.0);
        itemDemand = new Zipf(size.Items, 1.0);

        // Popular items scattered over the ids (rank -> item id), not simply the lowest ids.
        itemOfRank = Enumerable.Range(1, size.Items).ToArray();
        random.Shuffle(itemOfRank);

        itemUom = new string[size.Items + 1];
        itemPrice = new decimal[size.Items + 1];
        for (var item = 1; item <= size.Items; item++)
        {
            itemUom[item] = Uoms[random.Next(Uoms.Length)];
            // Log-uniform 50 .. 20,000 JMD.
            itemPrice[item] = Math.Round((decimal)(50 * Math.Pow(400, random.NextDouble())), 2);
        }

        ChooseStockedOut(new Random(seed + 9));
    }

    /// <summary>
    /// Per warehouse, <see cref="StockedOutShare"/> of the items (at least one) out of stock, and
    /// <see cref="NeverDispatchedShare"/> of those (at least one) never dispatched from it.
    /// </summary>
    private void ChooseStockedOut(Random random)
    {
        stockedOut = new bool[size.Warehouses + 1, size.Items + 1];
        neverDispatched = new int[size.Warehouses + 1][];
        var perWarehouse = Math.Max(1, (int)Math.Round(size.Items * StockedOutShare));
        var neverPerWarehouse = Math.Max(1, (int)Math.Round(perWarehouse * NeverDispatchedShare));
        var items = Enumerable.Range(1, size.Items).ToArray();
        neverDispatched[0] = [];
        for (var w = 1; w <= size.Warehouses; w++)
        {
            random.Shuffle(items);
            foreach (var item in items.Take(perWarehouse))
            {
                stockedOut[w, item] = true;
            }

            neverDispatched[w] = items.Take(neverPerWarehouse).ToArray();
        }
    }

    private int SampleWarehouse(Random random) => warehouseDemand.Sample(random) + 1;

    private int SampleItem(Random random) => itemOfRank[itemDemand.Sample(random)];

    /// <summary>The item's demand probability (by id).</summary>
    private double[] ItemProbabilities()
    {
        var byId = new double[size.Items + 1];
        for (var rank = 0; rank < size.Items; rank++)
        {
            byId[itemOfRank[rank]] = itemDemand.Probabilities[rank];
        }

        return byId;
    }

    private async Task LoadEventsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await CopyAsync(connection, "event",
            "event (event_id, event_type, event_name, event_desc, impact_desc, start_date, status_code, current_phase, phase_changed_at, phase_changed_by, create_by_id, update_by_id)",
            writer =>
            {
                writer.StartRow();
                writer.Write(1, NpgsqlDbType.Integer);
                writer.Write("HURRICANE", NpgsqlDbType.Varchar);
                writer.Write("HURRICANE BENCH", NpgsqlDbType.Varchar);
                writer.Write("Benchmark hurricane, in its surge", NpgsqlDbType.Varchar);
                writer.Write("Island-wide flooding and wind damage", NpgsqlDbType.Text);
                writer.Write(DateOnly.FromDateTime(anchor.AddDays(-3)), NpgsqlDbType.Date);
                writer.Write("A", NpgsqlDbType.Char);
                writer.Write("SURGE", NpgsqlDbType.Varchar);
                writer.Write(Unspecified(anchor.AddHours(-SurgeHours)), NpgsqlDbType.Timestamp);
                writer.Write(Actor, NpgsqlDbType.Varchar);
                writer.Write(Actor, NpgsqlDbType.Varchar);
                writer.Write(Actor, NpgsqlDbType.Varchar);

                writer.StartRow();
                writer.Write(2, NpgsqlDbType.Integer);
                writer.Write("FLOOD", NpgsqlDbType.Varchar);
                writer.Write("FLOOD BENCH", NpgsqlDbType.Varchar);
                writer.Write("Benchmark flood (phase-change fan-out)", NpgsqlDbType.Varchar);
                writer.Write("Regional flooding", NpgsqlDbType.Text);
                writer.Write(DateOnly.FromDateTime(anchor.AddDays(-60)), NpgsqlDbType.Date);
                writer.Write("A", NpgsqlDbType.Char);
                writer.Write("BASELINE", NpgsqlDbType.Varchar);
                writer.WriteNull();
                writer.WriteNull();
                writer.Write(Actor, NpgsqlDbType.Varchar);
                writer.Write(Actor, NpgsqlDbType.Varchar);
                return 2;
            }, cancellationToken);
    }

    /// <summary>Last sync: 1-10 fresh (10-90 min ago), 11-15 medium (2.5-5 h), 16-20 stale (8-48 h).</summary>
    public static TimeSpan SyncAge(int warehouseId) => warehouseId switch
    {
        <= 10 => TimeSpan.FromMinutes(10 + (8 * (warehouseId - 1))),
        <= 15 => TimeSpan.FromHours(2.5 + (0.6 * (warehouseId - 11))),
        _ => TimeSpan.FromHours(8 + (10 * (warehouseId - 16))),
    };

    private async Task LoadWarehousesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        string[] places =
        [
            "KINGSTON", "ST ANDREW", "ST THOMAS", "PORTLAND", "ST MARY", "ST ANN", "TRELAWNY", "ST JAMES", "HANOVER",
            "WESTMORELAND", "ST ELIZABETH", "MANCHESTER", "CLARENDON", "ST CATHERINE",
        ];
        await CopyAsync(connection, "warehouse",
            "warehouse (warehouse_id, warehouse_name, warehouse_type, parish_code, status_code, min_stock_threshold, last_sync_dtime, create_by_id, update_by_id)",
            writer =>
            {
                for (var w = 1; w <= size.Warehouses; w++)
                {
                    var parish = (w - 1) % places.Length;
                    writer.StartRow();
                    writer.Write(w, NpgsqlDbType.Integer);
                    writer.Write($"{places[parish]} RELIEF WAREHOUSE {w:00}", NpgsqlDbType.Text);
                    writer.Write(w <= 3 ? "MAIN-HUB" : "SUB-HUB", NpgsqlDbType.Varchar);
                    writer.Write((parish + 1).ToString("00", CultureInfo.InvariantCulture), NpgsqlDbType.Char);
                    writer.Write("A", NpgsqlDbType.Char);
                    writer.Write((decimal)(5 * (w % 5)), NpgsqlDbType.Numeric);
                    writer.Write(Unspecified(anchor - SyncAge(w)), NpgsqlDbType.Timestamp);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                }

                return size.Warehouses;
            }, cancellationToken);
    }

    private async Task LoadItemsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var random = new Random(seed + 1);
        var probability = ItemProbabilities();
        var lineQuantity = 20.5;   // mean of 1..40
        await CopyAsync(connection, "item",
            "item (item_id, item_code, item_name, default_uom_code, status_code, baseline_burn_rate, min_stock_threshold, criticality_level, create_by_id, update_by_id)",
            writer =>
            {
                for (var item = 1; item <= size.Items; item++)
                {
                    // Average hourly demand per warehouse over the whole history: the fallback rate for stale data.
                    var baseline = size.FulfilmentLines * probability[item] * lineQuantity / (size.HistoryDays * 24.0) / size.Warehouses;
                    var roll = random.NextDouble();
                    writer.StartRow();
                    writer.Write(item, NpgsqlDbType.Integer);
                    writer.Write($"ITM-{item:000000}", NpgsqlDbType.Varchar);
                    writer.Write($"RELIEF ITEM {item:000000} {Categories[item % Categories.Length]}", NpgsqlDbType.Varchar);
                    writer.Write(itemUom[item], NpgsqlDbType.Varchar);
                    writer.Write("A", NpgsqlDbType.Char);
                    writer.Write(Math.Round((decimal)baseline, 4), NpgsqlDbType.Numeric);
                    writer.Write(random.NextDouble() < 0.2 ? (decimal)(10 * random.Next(1, 11)) : 0m, NpgsqlDbType.Numeric);
                    writer.Write(roll < 0.05 ? "CRITICAL" : roll < 0.20 ? "HIGH" : roll < 0.80 ? "NORMAL" : "LOW", NpgsqlDbType.Varchar);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                }

                return size.Items;
            }, cancellationToken);
    }

    /// <summary>Horizon-A routes between every pair of warehouses (4 h between neighbours up to 42 h).</summary>
    private async Task LoadRoutesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await CopyAsync(connection, "lead_time_config",
            "lead_time_config (horizon, from_warehouse_id, to_warehouse_id, lead_time_hours, is_default, effective_from, create_by_id, update_by_id)",
            writer =>
            {
                var rows = 0;
                for (var from = 1; from <= size.Warehouses; from++)
                {
                    for (var to = 1; to <= size.Warehouses; to++)
                    {
                        if (from == to)
                        {
                            continue;
                        }

                        writer.StartRow();
                        writer.Write("A", NpgsqlDbType.Char);
                        writer.Write(from, NpgsqlDbType.Integer);
                        writer.Write(to, NpgsqlDbType.Integer);
                        writer.Write(2 + (2 * Math.Abs(from - to)), NpgsqlDbType.Integer);
                        writer.Write(false, NpgsqlDbType.Boolean);
                        writer.Write(new DateOnly(2000, 1, 1), NpgsqlDbType.Date);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        rows++;
                    }
                }

                return rows;
            }, cancellationToken);
    }

    /// <summary>
    /// inventory + one itembatch per warehouse x item. Usable stock = the expected surge burn rate at
    /// that warehouse x 0-240 h, plus 0-40 units: with SURGE's 72 h x 1.25 requirement roughly a third
    /// of the items in demand have a gap. The stocked-out rows (<see cref="ChooseStockedOut"/>) hold nothing.
    /// </summary>
    private async Task LoadStockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var random = new Random(seed + 2);
        var probability = ItemProbabilities();
        var usable = new decimal[size.Warehouses + 1, size.Items + 1];
        var reserved = new decimal[size.Warehouses + 1, size.Items + 1];
        for (var w = 1; w <= size.Warehouses; w++)
        {
            for (var item = 1; item <= size.Items; item++)
            {
                var surgeRate = SurgeShare * size.FulfilmentLines * warehouseDemand.Probabilities[w - 1] * probability[item] * 20.5 / SurgeHours;
                var quantity = Math.Round((decimal)((surgeRate * random.NextDouble() * 240) + (random.NextDouble() * 40)), 2);
                var reservation = random.NextDouble() < 0.1 ? Math.Round(quantity * (decimal)(random.NextDouble() * 0.2), 2) : 0m;
                usable[w, item] = stockedOut[w, item] ? 0m : quantity;
                reserved[w, item] = stockedOut[w, item] ? 0m : reservation;
            }
        }

        await CopyAsync(connection, "inventory",
            "inventory (inventory_id, item_id, usable_qty, reserved_qty, defective_qty, expired_qty, uom_code, status_code, create_by_id, update_by_id)",
            writer =>
            {
                for (var w = 1; w <= size.Warehouses; w++)
                {
                    for (var item = 1; item <= size.Items; item++)
                    {
                        writer.StartRow();
                        writer.Write(w, NpgsqlDbType.Integer);
                        writer.Write(item, NpgsqlDbType.Integer);
                        writer.Write(usable[w, item], NpgsqlDbType.Numeric);
                        writer.Write(reserved[w, item], NpgsqlDbType.Numeric);
                        writer.Write(0m, NpgsqlDbType.Numeric);
                        writer.Write(0m, NpgsqlDbType.Numeric);
                        writer.Write(itemUom[item], NpgsqlDbType.Varchar);
                        writer.Write("A", NpgsqlDbType.Char);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                    }
                }

                return (long)size.Warehouses * size.Items;
            }, cancellationToken);

        await CopyAsync(connection, "itembatch",
            "itembatch (batch_id, inventory_id, item_id, batch_no, batch_date, usable_qty, reserved_qty, uom_code, avg_unit_value, status_code, create_by_id, update_by_id)",
            writer =>
            {
                var batchDate = DateOnly.FromDateTime(anchor.AddDays(-120));
                for (var w = 1; w <= size.Warehouses; w++)
                {
                    for (var item = 1; item <= size.Items; item++)
                    {
                        var batch = BatchId(w, item, size.Items);
                        writer.StartRow();
                        writer.Write(batch, NpgsqlDbType.Integer);
                        writer.Write(w, NpgsqlDbType.Integer);
                        writer.Write(item, NpgsqlDbType.Integer);
                        writer.Write($"B{batch:0000000}", NpgsqlDbType.Varchar);
                        writer.Write(batchDate, NpgsqlDbType.Date);
                        writer.Write(usable[w, item], NpgsqlDbType.Numeric);
                        writer.Write(reserved[w, item], NpgsqlDbType.Numeric);
                        writer.Write(itemUom[item], NpgsqlDbType.Varchar);
                        writer.Write(Math.Round(itemPrice[item] * (decimal)(0.9 + (0.2 * random.NextDouble())), 2), NpgsqlDbType.Numeric);
                        writer.Write("A", NpgsqlDbType.Char);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                    }
                }

                return (long)size.Warehouses * size.Items;
            }, cancellationToken);
    }

    /// <summary>
    /// <see cref="LoadFulfilmentsAsync"/> and <see cref="LoadInboundAsync"/> with the summaries' row
    /// triggers (V7, V8) off for this session only (session_replication_role = replica; the connection
    /// runs as a superuser): one trigger call per COPYed row would take far longer than the load, and
    /// the summaries are rebuilt in one pass afterwards. These tables have no other triggers while their
    /// foreign keys are deferred, and the setting dies with the session, so a failed load leaves no
    /// trigger disabled.
    /// </summary>
    private async Task LoadDocumentsWithoutSummaryTriggersAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, "set session_replication_role = replica", cancellationToken);
        await LoadFulfilmentsAsync(connection, cancellationToken);
        await LoadInboundAsync(connection, cancellationToken);
        await ExecuteAsync(connection, "reset session_replication_role", cancellationToken);
    }

    private sealed record Package(int RequestId, int WarehouseId, int ToWarehouseId, int? EventId, DateTime? Dispatch, char Status, int Lines);

    private sealed record Request(int? EventId, DateOnly Date, char Urgency, short Status);

    /// <summary>
    /// Requests (two packages each), packages (one source warehouse, 1-9 lines of distinct items, none of
    /// an item never dispatched from that warehouse), and exactly <see cref="DataSetSize.FulfilmentLines"/> lines.
    /// </summary>
    private async Task LoadFulfilmentsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var random = new Random(seed + 3);
        var packages = new List<Package>(size.FulfilmentLines / 4);
        var requests = new List<Request>(size.FulfilmentLines / 8);
        var historySeconds = size.HistoryDays * 86_400.0;
        var surgeSeconds = SurgeHours * 3600;
        var lines = 0;
        while (lines < size.FulfilmentLines)
        {
            if (packages.Count % 2 == 0)
            {
                var eventRoll = random.NextDouble();
                var statusRoll = random.NextDouble();
                requests.Add(new Request(
                    eventRoll < 0.85 ? 1 : eventRoll < 0.95 ? 2 : null,
                    default,
                    "LMHC"[random.Next(4)],
                    statusRoll < 0.02 ? (short)4 : statusRoll < 0.04 ? (short)6 : statusRoll < 0.05 ? (short)8 : (short)3));
            }

            var requestIndex = requests.Count - 1;
            var request = requests[requestIndex];
            var ageSeconds = random.NextDouble() < SurgeShare
                ? random.NextDouble() * surgeSeconds
                : surgeSeconds + (random.NextDouble() * (historySeconds - surgeSeconds));
            var dispatch = anchor.AddSeconds(-Math.Ceiling(ageSeconds));
            var statusRoll2 = random.NextDouble();
            var status = statusRoll2 < 0.55 ? 'D' : statusRoll2 < 0.90 ? 'R' : statusRoll2 < 0.94 ? 'P' : statusRoll2 < 0.97 ? 'C' : 'V';
            var count = Math.Min(1 + random.Next(9), size.FulfilmentLines - lines);
            var from = SampleWarehouse(random);
            var to = 1 + random.Next(size.Warehouses);
            packages.Add(new Package(
                requestIndex + 1,
                from,
                to,
                random.NextDouble() < 0.7 ? request.EventId : null,
                status == 'P' ? null : dispatch,
                status,
                count));
            if (request.Date == default)
            {
                requests[requestIndex] = request with { Date = DateOnly.FromDateTime(dispatch.AddHours(-random.Next(1, 48))) };
            }

            lines += count;
        }

        await CopyAsync(connection, "reliefrqst",
            "reliefrqst (reliefrqst_id, eligible_event_id, request_date, urgency_ind, status_code, create_by_id, update_by_id)",
            writer =>
            {
                for (var i = 0; i < requests.Count; i++)
                {
                    var request = requests[i];
                    writer.StartRow();
                    writer.Write(i + 1, NpgsqlDbType.Integer);
                    WriteNullable(writer, request.EventId);
                    writer.Write(request.Date, NpgsqlDbType.Date);
                    writer.Write(request.Urgency.ToString(), NpgsqlDbType.Char);
                    writer.Write(request.Status, NpgsqlDbType.Smallint);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                }

                return requests.Count;
            }, cancellationToken);

        await CopyAsync(connection, "reliefpkg",
            "reliefpkg (reliefpkg_id, reliefrqst_id, to_inventory_id, eligible_event_id, dispatch_dtime, status_code, create_by_id, update_by_id)",
            writer =>
            {
                for (var i = 0; i < packages.Count; i++)
                {
                    var package = packages[i];
                    writer.StartRow();
                    writer.Write(i + 1, NpgsqlDbType.Integer);
                    writer.Write(package.RequestId, NpgsqlDbType.Integer);
                    writer.Write(package.ToWarehouseId, NpgsqlDbType.Integer);
                    WriteNullable(writer, package.EventId);
                    if (package.Dispatch is { } dispatch)
                    {
                        writer.Write(Unspecified(dispatch), NpgsqlDbType.Timestamp);
                    }
                    else
                    {
                        writer.WriteNull();
                    }

                    writer.Write(package.Status.ToString(), NpgsqlDbType.Char);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                }

                return packages.Count;
            }, cancellationToken);

        await CopyAsync(connection, "reliefpkg_item",
            "reliefpkg_item (reliefpkg_id, fr_inventory_id, batch_id, item_id, item_qty, uom_code, create_by_id, update_by_id)",
            writer =>
            {
                var lineRandom = new Random(seed + 4);
                var chosen = new HashSet<int>();
                long written = 0;
                for (var i = 0; i < packages.Count; i++)
                {
                    var package = packages[i];
                    chosen.Clear();
                    chosen.UnionWith(neverDispatched[package.WarehouseId]);
                    foreach (var item in DistinctItems(lineRandom, package.Lines, chosen))
                    {
                        writer.StartRow();
                        writer.Write(i + 1, NpgsqlDbType.Integer);
                        writer.Write(package.WarehouseId, NpgsqlDbType.Integer);
                        writer.Write(BatchId(package.WarehouseId, item, size.Items), NpgsqlDbType.Integer);
                        writer.Write(item, NpgsqlDbType.Integer);
                        writer.Write((decimal)(1 + lineRandom.Next(40)), NpgsqlDbType.Numeric);
                        writer.Write(itemUom[item], NpgsqlDbType.Varchar);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        written++;
                    }
                }

                return written;
            }, cancellationToken);
    }

    /// <summary><paramref name="count"/> distinct items not in <paramref name="chosen"/> (which takes them), by demand (Zipf), else any not yet taken.</summary>
    private IEnumerable<int> DistinctItems(Random random, int count, HashSet<int> chosen)
    {
        for (var n = 0; n < count; n++)
        {
            var item = 0;
            for (var attempt = 0; attempt < 20 && (item == 0 || chosen.Contains(item)); attempt++)
            {
                item = SampleItem(random);
            }

            while (chosen.Contains(item))
            {
                item = 1 + random.Next(size.Items);
            }

            chosen.Add(item);
            yield return item;
        }
    }

    /// <summary><paramref name="count"/> distinct items not in <paramref name="chosen"/> (which takes them), drawn uniformly.</summary>
    private IEnumerable<int> UniformItems(Random random, int count, HashSet<int> chosen)
    {
        for (var n = 0; n < count && chosen.Count < size.Items; n++)
        {
            int item;
            do
            {
                item = 1 + random.Next(size.Items);
            }
            while (!chosen.Add(item));

            yield return item;
        }
    }

    private async Task LoadInboundAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var transfers = (int)Math.Round(size.InboundDocuments * 0.4);
        var donations = (int)Math.Round(size.InboundDocuments * 0.3);
        var procurements = size.InboundDocuments - transfers - donations;
        await LoadTransfersAsync(connection, transfers, cancellationToken);
        await LoadDonationsAsync(connection, donations, cancellationToken);
        await LoadProcurementsAsync(connection, procurements, cancellationToken);
    }

    private sealed record Transfer(int From, int To, int EventId, char Status, DateOnly Date, DateTime? DispatchedAt, DateTime? ExpectedArrival, DateTime? ReceivedAt, int[] Items);

    private async Task LoadTransfersAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        var random = new Random(seed + 5);
        var transfers = new List<Transfer>(count);
        var chosen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var from = random.NextDouble() < 0.6 ? 1 + random.Next(3) : 1 + random.Next(size.Warehouses);
            var to = 1 + random.Next(size.Warehouses - 1);
            if (to >= from)
            {
                to++;
            }

            var roll = random.NextDouble();
            var status = roll < 0.75 ? 'D' : roll < 0.90 ? 'P' : roll < 0.95 ? 'C' : 'V';
            var dispatched = anchor.AddSeconds(-random.Next(3600, 5 * 86_400));
            var arrival = dispatched.AddHours(8 + random.Next(64));
            chosen.Clear();
            transfers.Add(new Transfer(
                from, to, random.NextDouble() < 0.9 ? 1 : 2, status, DateOnly.FromDateTime(dispatched.AddDays(-1)),
                status == 'P' ? null : dispatched,
                status == 'P' ? null : arrival,
                status is 'C' or 'V' ? dispatched.AddHours(random.Next(4, 48)) : null,
                [.. DistinctItems(random, 1 + random.Next(4), chosen)]));
        }

        await CopyAsync(connection, "transfer",
            "transfer (transfer_id, fr_inventory_id, to_inventory_id, eligible_event_id, transfer_date, reason_text, status_code, dispatched_at, dispatched_by, expected_arrival, received_at, received_by, create_by_id, update_by_id)",
            writer =>
            {
                for (var i = 0; i < transfers.Count; i++)
                {
                    var t = transfers[i];
                    writer.StartRow();
                    writer.Write(i + 1, NpgsqlDbType.Integer);
                    writer.Write(t.From, NpgsqlDbType.Integer);
                    writer.Write(t.To, NpgsqlDbType.Integer);
                    writer.Write(t.EventId, NpgsqlDbType.Integer);
                    writer.Write(t.Date, NpgsqlDbType.Date);
                    writer.Write("BENCH REPLENISHMENT TRANSFER", NpgsqlDbType.Varchar);
                    writer.Write(t.Status.ToString(), NpgsqlDbType.Char);
                    WriteTimestamp(writer, t.DispatchedAt);
                    WriteText(writer, t.DispatchedAt is null ? null : Actor);
                    WriteTimestamp(writer, t.ExpectedArrival);
                    WriteTimestamp(writer, t.ReceivedAt);
                    WriteText(writer, t.ReceivedAt is null ? null : Actor);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                }

                return transfers.Count;
            }, cancellationToken);

        await CopyAsync(connection, "transfer_item",
            "transfer_item (transfer_id, item_id, batch_id, inventory_id, item_qty, uom_code, create_by_id, update_by_id)",
            writer =>
            {
                var qtyRandom = new Random(seed + 6);
                long written = 0;
                for (var i = 0; i < transfers.Count; i++)
                {
                    var t = transfers[i];
                    foreach (var item in t.Items)
                    {
                        writer.StartRow();
                        writer.Write(i + 1, NpgsqlDbType.Integer);
                        writer.Write(item, NpgsqlDbType.Integer);
                        writer.Write(BatchId(t.From, item, size.Items), NpgsqlDbType.Integer);
                        writer.Write(t.From, NpgsqlDbType.Integer);
                        writer.Write((decimal)(1 + qtyRandom.Next(500)), NpgsqlDbType.Numeric);
                        writer.Write(itemUom[item], NpgsqlDbType.Varchar);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        written++;
                    }
                }

                return written;
            }, cancellationToken);
    }

    private sealed record Donation(int EventId, char Status, DateOnly Received, int Warehouse, char IntakeStatus, (int Item, decimal Qty, char Status)[] Lines);

    private async Task LoadDonationsAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        var random = new Random(seed + 7);
        var donations = new List<Donation>(count);
        var chosen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var status = roll < 0.65 ? 'V' : roll < 0.90 ? 'E' : 'P';
            chosen.Clear();
            // An entered donation is a pledge drive's promise: items across the catalogue, modest quantities
            // (so horizon B draws on several pledges of a gap item); the others follow demand.
            var lines = (status == 'E' ? UniformItems(random, 1 + random.Next(4), chosen) : DistinctItems(random, 1 + random.Next(4), chosen))
                .Select(item => (item, (decimal)(status == 'E' ? 10 + random.Next(91) : 10 + random.Next(991)),
                    status switch
                    {
                        'V' => random.NextDouble() < 0.85 ? 'V' : 'P',
                        'E' => 'P',
                        _ => 'V',
                    }))
                .ToArray();
            var intakeRoll = random.NextDouble();
            donations.Add(new Donation(
                random.NextDouble() < 0.9 ? 1 : 2,
                status,
                DateOnly.FromDateTime(anchor.AddDays(-random.Next(0, 10))),
                SampleWarehouse(random),
                intakeRoll < 0.4 ? 'I' : intakeRoll < 0.8 ? 'C' : 'V',
                lines));
        }

        await CopyAsync(connection, "donation",
            "donation (donation_id, event_id, donation_desc, received_date, status_code, create_by_id, update_by_id)",
            writer =>
            {
                for (var i = 0; i < donations.Count; i++)
                {
                    writer.StartRow();
                    writer.Write(i + 1, NpgsqlDbType.Integer);
                    writer.Write(donations[i].EventId, NpgsqlDbType.Integer);
                    writer.Write($"BENCH DONATION {i + 1}", NpgsqlDbType.Text);
                    writer.Write(donations[i].Received, NpgsqlDbType.Date);
                    writer.Write(donations[i].Status.ToString(), NpgsqlDbType.Char);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                }

                return donations.Count;
            }, cancellationToken);

        await CopyAsync(connection, "donation_item",
            "donation_item (donation_id, item_id, item_qty, uom_code, status_code, create_by_id, update_by_id)",
            writer =>
            {
                long written = 0;
                for (var i = 0; i < donations.Count; i++)
                {
                    foreach (var (item, qty, status) in donations[i].Lines)
                    {
                        writer.StartRow();
                        writer.Write(i + 1, NpgsqlDbType.Integer);
                        writer.Write(item, NpgsqlDbType.Integer);
                        writer.Write(qty, NpgsqlDbType.Numeric);
                        writer.Write(itemUom[item], NpgsqlDbType.Varchar);
                        writer.Write(status.ToString(), NpgsqlDbType.Char);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        written++;
                    }
                }

                return written;
            }, cancellationToken);

        await CopyAsync(connection, "dnintake",
            "dnintake (donation_id, inventory_id, intake_date, status_code, create_by_id, update_by_id)",
            writer =>
            {
                for (var i = 0; i < donations.Count; i++)
                {
                    writer.StartRow();
                    writer.Write(i + 1, NpgsqlDbType.Integer);
                    writer.Write(donations[i].Warehouse, NpgsqlDbType.Integer);
                    writer.Write(donations[i].Received, NpgsqlDbType.Date);
                    writer.Write(donations[i].IntakeStatus.ToString(), NpgsqlDbType.Char);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                }

                return donations.Count;
            }, cancellationToken);
    }

    private sealed record ProcurementLine(int Item, decimal Ordered, decimal UnitPrice, decimal Received, string Status);

    private sealed record Procurement(int EventId, int Warehouse, string Method, string Status, DateTime Approved, DateTime? Shipped, DateTime? Arrival, DateTime? Received, ProcurementLine[] Lines)
    {
        public decimal Total => Lines.Sum(line => Math.Round(line.Ordered * line.UnitPrice, 2));
    }

    private async Task LoadProcurementsAsync(NpgsqlConnection connection, int count, CancellationToken cancellationToken)
    {
        string[] methods = ["RFQ", "SINGLE_SOURCE", "EMERGENCY_DIRECT", "RESTRICTED_BIDDING", "OPEN_TENDER"];
        var random = new Random(seed + 8);
        var procurements = new List<Procurement>(count);
        var chosen = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var status = roll < 0.65 ? "SHIPPED" : roll < 0.70 ? "PARTIAL_RECEIVED" : roll < 0.80 ? "ORDERED" : roll < 0.90 ? "APPROVED" : "RECEIVED";
            var approved = anchor.AddHours(-random.Next(24, 30 * 24));
            var shipped = status is "SHIPPED" or "PARTIAL_RECEIVED" or "RECEIVED" ? approved.AddHours(random.Next(12, 96)) : (DateTime?)null;
            chosen.Clear();
            var lineNo = 0;
            var lines = DistinctItems(random, 1 + random.Next(4), chosen)
                .Select(item =>
                {
                    var ordered = (decimal)(10 + random.Next(1991));
                    var (received, lineStatus) = status switch
                    {
                        "RECEIVED" => (ordered, "RECEIVED"),
                        "PARTIAL_RECEIVED" when lineNo++ == 0 => (Math.Round(ordered / 2, 2), "PARTIAL"),
                        _ => (0m, "PENDING"),
                    };
                    return new ProcurementLine(item, ordered, itemPrice[item], received, lineStatus);
                })
                .ToArray();
            procurements.Add(new Procurement(
                random.NextDouble() < 0.9 ? 1 : 2,
                SampleWarehouse(random),
                methods[random.Next(methods.Length)],
                status,
                approved,
                shipped,
                shipped?.AddDays(random.Next(3, 21)),
                status == "RECEIVED" ? shipped!.Value.AddDays(random.Next(1, 5)) : null,
                lines));
        }

        await CopyAsync(connection, "procurement",
            "procurement (procurement_id, procurement_no, event_id, target_warehouse_id, procurement_method, total_value, currency_code, status_code, approved_at, approved_by, approval_threshold_tier, shipped_at, expected_arrival, received_at, received_by, create_by_id, update_by_id)",
            writer =>
            {
                for (var i = 0; i < procurements.Count; i++)
                {
                    var p = procurements[i];
                    var total = p.Total;
                    writer.StartRow();
                    writer.Write(i + 1, NpgsqlDbType.Integer);
                    writer.Write($"PR-BENCH-{i + 1:0000000}", NpgsqlDbType.Varchar);
                    writer.Write(p.EventId, NpgsqlDbType.Integer);
                    writer.Write(p.Warehouse, NpgsqlDbType.Integer);
                    writer.Write(p.Method, NpgsqlDbType.Varchar);
                    writer.Write(total, NpgsqlDbType.Numeric);
                    writer.Write("JMD", NpgsqlDbType.Varchar);
                    writer.Write(p.Status, NpgsqlDbType.Varchar);
                    writer.Write(Unspecified(p.Approved), NpgsqlDbType.Timestamp);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                    writer.Write((p.Method == "EMERGENCY_DIRECT" ? ApprovalTier.Emergency : ProcurementTierRules.TierForValue(total)).ToWord(), NpgsqlDbType.Varchar);
                    WriteTimestamp(writer, p.Shipped);
                    WriteTimestamp(writer, p.Arrival);
                    WriteTimestamp(writer, p.Received);
                    WriteText(writer, p.Received is null ? null : Actor);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                    writer.Write(Actor, NpgsqlDbType.Varchar);
                }

                return procurements.Count;
            }, cancellationToken);

        await CopyAsync(connection, "procurement_item",
            "procurement_item (procurement_item_id, procurement_id, item_id, ordered_qty, unit_price, line_total, uom_code, received_qty, status_code, create_by_id, update_by_id)",
            writer =>
            {
                var id = 0;
                for (var i = 0; i < procurements.Count; i++)
                {
                    foreach (var line in procurements[i].Lines)
                    {
                        writer.StartRow();
                        writer.Write(++id, NpgsqlDbType.Integer);
                        writer.Write(i + 1, NpgsqlDbType.Integer);
                        writer.Write(line.Item, NpgsqlDbType.Integer);
                        writer.Write(line.Ordered, NpgsqlDbType.Numeric);
                        writer.Write(line.UnitPrice, NpgsqlDbType.Numeric);
                        writer.Write(Math.Round(line.Ordered * line.UnitPrice, 2), NpgsqlDbType.Numeric);
                        writer.Write(itemUom[line.Item], NpgsqlDbType.Varchar);
                        writer.Write(line.Received, NpgsqlDbType.Numeric);
                        writer.Write(line.Status, NpgsqlDbType.Varchar);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                        writer.Write(Actor, NpgsqlDbType.Varchar);
                    }
                }

                return id;
            }, cancellationToken);
    }

    /// <summary>Identity sequences continue after the explicit ids.</summary>
    private static async Task SetSequencesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        (string Table, string Column)[] identities =
        [
            ("event", "event_id"), ("warehouse", "warehouse_id"), ("item", "item_id"), ("itembatch", "batch_id"),
            ("reliefrqst", "reliefrqst_id"), ("reliefpkg", "reliefpkg_id"), ("transfer", "transfer_id"),
            ("donation", "donation_id"), ("procurement", "procurement_id"), ("procurement_item", "procurement_item_id"),
        ];
        foreach (var (table, column) in identities)
        {
            await ExecuteAsync(connection,
                $"select setval(pg_get_serial_sequence('public.{table}', '{column}'), coalesce(max({column}), 0) + 1, false) from public.{table}",
                cancellationToken);
        }
    }

    private async Task CopyAsync(
        NpgsqlConnection connection, string table, string target, Func<NpgsqlBinaryImporter, long> writeRows, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        long rows;
        await using (var writer = await connection.BeginBinaryImportAsync($"copy public.{target} from stdin (format binary)", cancellationToken))
        {
            // The row loop is synchronous (cheap per field); Npgsql flushes its buffer as it fills.
            rows = writeRows(writer);
            await writer.CompleteAsync(cancellationToken);
        }

        rowCounts[table] = rows;
        copySeconds[table] = stopwatch.Elapsed.TotalSeconds;
        if (rows >= 10_000)
        {
            log($"  {table}: {rows:N0} rows in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter writer, int? value)
    {
        if (value is { } v)
        {
            writer.Write(v, NpgsqlDbType.Integer);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static void WriteTimestamp(NpgsqlBinaryImporter writer, DateTime? value)
    {
        if (value is { } v)
        {
            writer.Write(Unspecified(v), NpgsqlDbType.Timestamp);
        }
        else
        {
            writer.WriteNull();
        }
    }

    private static void WriteText(NpgsqlBinaryImporter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Varchar);
        }
    }

    private static DateTime WholeSeconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private static DateTime Unspecified(DateTime moment) => DateTime.SpecifyKind(moment, DateTimeKind.Unspecified);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
