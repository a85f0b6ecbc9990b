using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Dmis.Replenishment.Bench.Generation;
using Dmis.Replenishment.Bench.Infrastructure;
using Dmis.Replenishment.Bench.Measurement;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.Schema;
using EvolveDb;
using EvolveDb.Migration;
using Npgsql;
using NpgsqlTypes;

namespace Dmis.Replenishment.Bench.Migration;

public sealed class MigrationReport
{
    [JsonPropertyName("benchmark")] public string Benchmark { get; set; } = "dmis-replenishment-migration";
    [JsonPropertyName("scale")] public double Scale { get; set; }
    [JsonPropertyName("postgres_version")] public string PostgresVersion { get; set; } = "";
    [JsonPropertyName("legacy")] public LegacyFigures Legacy { get; set; } = new();
    [JsonPropertyName("migration")] public MigrationFigures Migration { get; set; } = new();
    [JsonPropertyName("checks")] public List<string> Checks { get; set; } = [];
    [JsonPropertyName("checks_passed")] public bool ChecksPassed { get; set; }
}

public sealed class LegacyFigures
{
    [JsonPropertyName("warehouses")] public int Warehouses { get; set; }
    [JsonPropertyName("items")] public int Items { get; set; }
    [JsonPropertyName("inventory_rows")] public long InventoryRows { get; set; }
    [JsonPropertyName("transfers")] public long Transfers { get; set; }
    [JsonPropertyName("load_seconds")] public double LoadSeconds { get; set; }
}

public sealed class MigrationFigures
{
    [JsonPropertyName("seconds")] public double Seconds { get; set; }
    [JsonPropertyName("applied")] public List<string> Applied { get; set; } = [];
    [JsonPropertyName("max_write_stall_ms")] public double? MaxWriteStallMs { get; set; }
    [JsonPropertyName("inventory_updates")] public long InventoryUpdates { get; set; }
    [JsonPropertyName("transfer_inserts")] public long TransferInserts { get; set; }
    [JsonPropertyName("write_errors")] public long WriteErrors { get; set; }
    [JsonPropertyName("write_p50_ms")] public double? WriteP50Ms { get; set; }
    [JsonPropertyName("write_p99_ms")] public double? WriteP99Ms { get; set; }
    [JsonPropertyName("baseline_write_max_ms")] public double? BaselineWriteMaxMs { get; set; }
}

/// <summary>
/// Issue 6 point 4: a legacy database (V1 only, as production has it) with 5,000,000 inventory rows
/// and 1,000,000 transfers (scaled); then V2 and every later migration applied by
/// <see cref="DatabaseMigrator"/> while two writers keep updating inventory rows and inserting
/// transfers, each statement timed. Afterwards the guide's "Step 3: Verify Schema Changes" checks,
/// plus: every constraint validated and every index valid (a failed CONCURRENTLY build leaves an
/// invalid one). Targets: under 60 s, no write waiting more than 1 s.
/// </summary>
public sealed class MigrationBenchmark(BenchOptions options, Action<string> log)
{
    private const int Warehouses = 100;

    public async Task<MigrationReport> RunAsync(CancellationToken cancellationToken)
    {
        var report = new MigrationReport { Scale = options.Scale };
        await using var postgres = await BenchPostgres.StartAsync(cancellationToken);
        report.PostgresVersion = (await postgres.DescribeAsync(cancellationToken)).Version;
        var database = $"dmis_migration_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
        var connectionString = DmisDataSource.WithUtc(await postgres.CreateDatabaseAsync(database, cancellationToken));
        try
        {
            var inventoryRows = Math.Max(Warehouses * 10, (long)(options.LegacyInventoryRows * options.Scale));
            var items = (int)Math.Max(10, inventoryRows / Warehouses);
            var transfers = (int)Math.Max(100, options.LegacyTransfers * options.Scale);
            report.Legacy = await LoadLegacyAsync(connectionString, items, transfers, cancellationToken);

            report.Migration = await MigrateUnderWritesAsync(connectionString, items, cancellationToken);
            report.Checks = await CheckAsync(connectionString, cancellationToken);
            report.ChecksPassed = report.Checks.All(check => check.StartsWith("ok", StringComparison.Ordinal));
        }
        finally
        {
            if (!options.KeepDatabase)
            {
                await postgres.DropDatabaseAsync(database, CancellationToken.None);
            }
        }

        return report;
    }

    private async Task<LegacyFigures> LoadLegacyAsync(string connectionString, int items, int transfers, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        log($"legacy database: V1 only, {Warehouses} warehouses x {items:N0} items = {(long)Warehouses * items:N0} inventory rows, {transfers:N0} transfers");
        await using (var evolveConnection = new NpgsqlConnection(connectionString))
        {
            // The same embedded scripts as DatabaseMigrator, stopped after V1: the production starting point.
            new Evolve(evolveConnection, _ => { })
            {
                EmbeddedResourceAssemblies = [typeof(DatabaseMigrator).Assembly],
                EmbeddedResourceFilters = ["Dmis.Replenishment.Data.Migrations"],
                IsEraseDisabled = true,
                TargetVersion = new MigrationVersion("1"),
            }.Migrate();
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var deferred = await DeferredSchema.DropAsync(connection, ["inventory", "transfer"], cancellationToken);
        await ExecuteAsync(connection,
            """
            insert into event (event_id, event_type, event_name, event_desc, impact_desc, start_date, status_code, create_by_id, update_by_id)
            values (1, 'HURRICANE', 'HURRICANE LEGACY', 'legacy event', 'island-wide', current_date - 10, 'A', 'LEGACY', 'LEGACY'),
                   (2, 'FLOOD', 'FLOOD LEGACY', 'legacy event', 'regional', current_date - 90, 'C', 'LEGACY', 'LEGACY');
            """, cancellationToken);
        await CopyAsync(connection, "warehouse (warehouse_id, warehouse_name, warehouse_type, parish_code, status_code, create_by_id, update_by_id)", writer =>
        {
            for (var w = 1; w <= Warehouses; w++)
            {
                writer.StartRow();
                writer.Write(w, NpgsqlDbType.Integer);
                writer.Write($"LEGACY WAREHOUSE {w:000}", NpgsqlDbType.Text);
                writer.Write(w <= 5 ? "MAIN-HUB" : "SUB-HUB", NpgsqlDbType.Varchar);
                writer.Write((1 + (w % 14)).ToString("00", CultureInfo.InvariantCulture), NpgsqlDbType.Char);
                writer.Write("A", NpgsqlDbType.Char);
                writer.Write("LEGACY", NpgsqlDbType.Varchar);
                writer.Write("LEGACY", NpgsqlDbType.Varchar);
            }
        }, cancellationToken);
        await CopyAsync(connection, "item (item_id, item_code, item_name, default_uom_code, status_code, create_by_id, update_by_id)", writer =>
        {
            for (var i = 1; i <= items; i++)
            {
                writer.StartRow();
                writer.Write(i, NpgsqlDbType.Integer);
                writer.Write($"LEG-{i:0000000}", NpgsqlDbType.Varchar);
                writer.Write($"LEGACY ITEM {i:0000000}", NpgsqlDbType.Varchar);
                writer.Write("EA", NpgsqlDbType.Varchar);
                writer.Write("A", NpgsqlDbType.Char);
                writer.Write("LEGACY", NpgsqlDbType.Varchar);
                writer.Write("LEGACY", NpgsqlDbType.Varchar);
            }
        }, cancellationToken);
        var random = new Random(options.Seed);
        await CopyAsync(connection, "inventory (inventory_id, item_id, usable_qty, reserved_qty, defective_qty, expired_qty, uom_code, status_code, create_by_id, update_by_id)", writer =>
        {
            for (var w = 1; w <= Warehouses; w++)
            {
                for (var i = 1; i <= items; i++)
                {
                    writer.StartRow();
                    writer.Write(w, NpgsqlDbType.Integer);
                    writer.Write(i, NpgsqlDbType.Integer);
                    writer.Write((decimal)random.Next(0, 5000), NpgsqlDbType.Numeric);
                    writer.Write(0m, NpgsqlDbType.Numeric);
                    writer.Write(0m, NpgsqlDbType.Numeric);
                    writer.Write(0m, NpgsqlDbType.Numeric);
                    writer.Write("EA", NpgsqlDbType.Varchar);
                    writer.Write("A", NpgsqlDbType.Char);
                    writer.Write("LEGACY", NpgsqlDbType.Varchar);
                    writer.Write("LEGACY", NpgsqlDbType.Varchar);
                }
            }
        }, cancellationToken);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await CopyAsync(connection, "transfer (transfer_id, fr_inventory_id, to_inventory_id, eligible_event_id, transfer_date, reason_text, status_code, create_by_id, update_by_id)", writer =>
        {
            for (var t = 1; t <= transfers; t++)
            {
                var from = 1 + random.Next(Warehouses);
                var to = 1 + ((from + random.Next(Warehouses - 1)) % Warehouses);
                writer.StartRow();
                writer.Write(t, NpgsqlDbType.Integer);
                writer.Write(from, NpgsqlDbType.Integer);
                writer.Write(to, NpgsqlDbType.Integer);
                writer.Write(1 + random.Next(2), NpgsqlDbType.Integer);
                writer.Write(today.AddDays(-random.Next(0, 3650)), NpgsqlDbType.Date);
                writer.Write("LEGACY TRANSFER", NpgsqlDbType.Varchar);
                writer.Write("PDCV"[random.Next(4)].ToString(), NpgsqlDbType.Char);
                writer.Write("LEGACY", NpgsqlDbType.Varchar);
                writer.Write("LEGACY", NpgsqlDbType.Varchar);
            }
        }, cancellationToken);
        await deferred.RestoreAsync(connectionString, log, cancellationToken);
        foreach (var (table, column) in new[] { ("event", "event_id"), ("warehouse", "warehouse_id"), ("item", "item_id"), ("transfer", "transfer_id") })
        {
            await ExecuteAsync(connection,
                $"select setval(pg_get_serial_sequence('public.{table}', '{column}'), coalesce(max({column}), 0) + 1, false) from public.{table}",
                cancellationToken);
        }

        await ExecuteAsync(connection, "vacuum analyze", cancellationToken);
        log($"  legacy data loaded in {stopwatch.Elapsed.TotalSeconds:0.0} s");
        return new LegacyFigures
        {
            Warehouses = Warehouses,
            Items = items,
            InventoryRows = (long)Warehouses * items,
            Transfers = transfers,
            LoadSeconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1),
        };
    }

    private async Task<MigrationFigures> MigrateUnderWritesAsync(string connectionString, int items, CancellationToken cancellationToken)
    {
        var figures = new MigrationFigures();
        await using var dataSource = DmisDataSource.Create(connectionString);
        using var stopWriters = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var baseline = new LatencySeries();
        var during = new LatencySeries();
        var phase = 0;   // 0 baseline, 1 migrating, 2 after
        long updates = 0, inserts = 0, errors = 0;

        async Task Writer(bool inventory, int seed)
        {
            var random = new Random(seed);
            var hardStop = Stopwatch.StartNew();
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = inventory
                ? new NpgsqlCommand(
                    """
                    update inventory set usable_qty = usable_qty + 1, update_by_id = 'WRITER',
                           update_dtime = now() at time zone 'UTC', version_nbr = version_nbr + 1
                     where inventory_id = $1 and item_id = $2
                    """, connection)
                : new NpgsqlCommand(
                    """
                    insert into transfer (fr_inventory_id, to_inventory_id, eligible_event_id, transfer_date, reason_text, status_code, create_by_id, update_by_id)
                    values ($1, $2, 1, current_date, 'WRITER TRANSFER', 'P', 'WRITER', 'WRITER')
                    """, connection);
            command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new NpgsqlParameter<int> { NpgsqlDbType = NpgsqlDbType.Integer });
            // Bounded: until told to stop, and never longer than 15 minutes.
            while (!stopWriters.IsCancellationRequested && hardStop.Elapsed < TimeSpan.FromMinutes(15))
            {
                var warehouse = 1 + random.Next(Warehouses);
                ((NpgsqlParameter<int>)command.Parameters[0]).TypedValue = warehouse;
                ((NpgsqlParameter<int>)command.Parameters[1]).TypedValue = inventory ? 1 + random.Next(items) : 1 + (warehouse % Warehouses);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await command.ExecuteNonQueryAsync(CancellationToken.None);
                }
                catch (PostgresException)
                {
                    Interlocked.Increment(ref errors);
                    await Task.Delay(2, CancellationToken.None);
                    continue;
                }

                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                switch (Volatile.Read(ref phase))
                {
                    case 0:
                        baseline.Add(ms);
                        break;
                    case 1:
                        during.Add(ms);
                        _ = inventory ? Interlocked.Increment(ref updates) : Interlocked.Increment(ref inserts);
                        break;
                }

                await Task.Delay(2, CancellationToken.None);
            }
        }

        var writers = new[] { Task.Run(() => Writer(true, options.Seed + 1), cancellationToken), Task.Run(() => Writer(false, options.Seed + 2), cancellationToken) };
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        log("applying V2 and later (DatabaseMigrator.Migrate) while two writers update inventory and insert transfers");
        Volatile.Write(ref phase, 1);
        var stopwatch = Stopwatch.StartNew();
        IReadOnlyList<string> applied;
        try
        {
            applied = await Task.Run(() => new DatabaseMigrator(connectionString, _ => { }).Migrate(), cancellationToken);
        }
        finally
        {
            figures.Seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 2);
            Volatile.Write(ref phase, 2);
            await Task.Delay(500, CancellationToken.None);
            await stopWriters.CancelAsync();
            await Task.WhenAll(writers);
        }

        figures.Applied = [.. applied];
        figures.MaxWriteStallMs = during.Max();
        figures.WriteP50Ms = during.Percentile(50);
        figures.WriteP99Ms = during.Percentile(99);
        figures.BaselineWriteMaxMs = baseline.Max();
        figures.InventoryUpdates = updates;
        figures.TransferInserts = inserts;
        figures.WriteErrors = errors;
        log($"  migrated in {figures.Seconds:0.0} s ({applied.Count} migrations); max write stall {figures.MaxWriteStallMs} ms over {during.Count} writes, {errors} errors");
        return figures;
    }

    /// <summary>The guide's "Step 3: Verify Schema Changes", and every constraint and index valid.</summary>
    private static async Task<List<string>> CheckAsync(string connectionString, CancellationToken cancellationToken)
    {
        var checks = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        async Task Expect(string what, string sql, long expected)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var actual = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            checks.Add($"{(actual == expected ? "ok" : "FAILED")}: {what} ({actual}, expected {expected})");
        }

        await Expect("the guide's eleven new tables exist",
            """
            select count(*) from information_schema.tables where table_schema = 'public' and table_name in (
              'needs_list', 'needs_list_item', 'needs_list_audit', 'event_phase_config', 'event_phase_history',
              'burn_rate_snapshot', 'warehouse_sync_log', 'procurement', 'procurement_item', 'supplier', 'lead_time_config')
            """, 11);
        await Expect("needs_list has its named check constraints",
            """
            select count(*) from pg_constraint where conrelid = 'public.needs_list'::regclass
               and conname in ('c_needs_list_phase', 'c_needs_list_freshness', 'c_needs_list_status', 'c_needs_list_gap')
            """, 4);
        await Expect("the guide's four idx_needs_list_* indexes",
            """
            select count(*) from pg_indexes where schemaname = 'public'
               and indexname in ('idx_needs_list_event', 'idx_needs_list_warehouse', 'idx_needs_list_status', 'idx_needs_list_calc_date')
            """, 4);
        await Expect("both triggers",
            """
            select count(distinct trigger_name) from information_schema.triggers where trigger_schema = 'public'
               and trigger_name in ('trg_warehouse_sync_status', 'trg_event_phase_change')
            """, 2);
        await Expect("both views",
            "select count(*) from information_schema.views where table_schema = 'public' and table_name in ('v_stock_status', 'v_inbound_stock')", 2);
        await Expect("three default lead times", "select count(*) from public.lead_time_config where is_default", 3);
        await Expect("every constraint validated (none left NOT VALID)",
            "select count(*) from pg_constraint where connamespace = 'public'::regnamespace and not convalidated", 0);
        await Expect("every index valid (no failed CONCURRENTLY build)",
            """
            select count(*) from pg_index i join pg_class c on c.oid = i.indexrelid
             where c.relnamespace = 'public'::regnamespace and not (i.indisvalid and i.indisready)
            """, 0);
        await Expect("legacy rows kept the EP-02 defaults (current_phase of every event set)",
            "select count(*) from public.event where current_phase is null", 0);
        return checks;
    }

    public static string Table(MigrationReport r)
    {
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture,
            $"Migration without downtime: {r.Legacy.InventoryRows:N0} inventory rows, {r.Legacy.Transfers:N0} transfers ({r.PostgresVersion.Split(',')[0]})");
        b.AppendLine("| figure | value | target |");
        b.AppendLine("|---|---:|---|");
        b.AppendLine(CultureInfo.InvariantCulture, $"| migration.seconds (V2 and later) | {r.Migration.Seconds:0.0} s | < 60 s |");
        b.AppendLine(CultureInfo.InvariantCulture, $"| migration.max_write_stall_ms | {r.Migration.MaxWriteStallMs:0.#} ms | < 1000 ms |");
        b.AppendLine(CultureInfo.InvariantCulture, $"| write p50 / p99 during migration | {r.Migration.WriteP50Ms:0.##} / {r.Migration.WriteP99Ms:0.##} ms | |");
        b.AppendLine(CultureInfo.InvariantCulture, $"| writes during migration (updates / inserts / errors) | {r.Migration.InventoryUpdates} / {r.Migration.TransferInserts} / {r.Migration.WriteErrors} | |");
        b.AppendLine(CultureInfo.InvariantCulture, $"| slowest write before migration | {r.Migration.BaselineWriteMaxMs:0.#} ms | |");
        b.AppendLine(CultureInfo.InvariantCulture, $"| applied | {string.Join(", ", r.Migration.Applied)} | |");
        b.AppendLine();
        foreach (var check in r.Checks)
        {
            b.AppendLine(check);
        }

        return b.ToString();
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string target, Action<NpgsqlBinaryImporter> rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"copy public.{target} from stdin (format binary)", cancellationToken);
        rows(writer);
        await writer.CompleteAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
