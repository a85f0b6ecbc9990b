using Dapper;
using Dmis.Replenishment.Data.Schema;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Npgsql;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ConnectionStringSql;

namespace Dmis.Replenishment.IntegrationTests.Migrations;

/// <summary>
/// Migrating, migrating again, migrating over an existing DMIS database, the pre-flight, and both
/// rollbacks (the guide's Option 2 and rollback-ep02). Every test has a database of its own.
/// </summary>
public sealed class MigrationLifecycleTests
{
    /// <summary>The guide's "Option 2: Selective Rollback (Removes Only EP-02 Changes)", verbatim.</summary>
    private const string GuideSelectiveRollback =
        """
        -- Drop new tables (cascades to foreign keys)
        DROP TABLE IF EXISTS public.needs_list_audit CASCADE;
        DROP TABLE IF EXISTS public.needs_list_item CASCADE;
        DROP TABLE IF EXISTS public.needs_list CASCADE;
        DROP TABLE IF EXISTS public.procurement_item CASCADE;
        DROP TABLE IF EXISTS public.procurement CASCADE;
        DROP TABLE IF EXISTS public.supplier CASCADE;
        DROP TABLE IF EXISTS public.lead_time_config CASCADE;
        DROP TABLE IF EXISTS public.event_phase_config CASCADE;
        DROP TABLE IF EXISTS public.event_phase_history CASCADE;
        DROP TABLE IF EXISTS public.burn_rate_snapshot CASCADE;
        DROP TABLE IF EXISTS public.warehouse_sync_log CASCADE;

        -- Drop views
        DROP VIEW IF EXISTS public.v_inbound_stock;
        DROP VIEW IF EXISTS public.v_stock_status;

        -- Drop triggers
        DROP TRIGGER IF EXISTS trg_warehouse_sync_status ON public.warehouse;
        DROP TRIGGER IF EXISTS trg_event_phase_change ON public.event;

        -- Drop functions
        DROP FUNCTION IF EXISTS public.update_warehouse_sync_status();
        DROP FUNCTION IF EXISTS public.log_event_phase_change();

        -- Remove new columns from existing tables
        ALTER TABLE public.event
        DROP COLUMN IF EXISTS current_phase,
        DROP COLUMN IF EXISTS phase_changed_at,
        DROP COLUMN IF EXISTS phase_changed_by;

        ALTER TABLE public.warehouse
        DROP COLUMN IF EXISTS min_stock_threshold,
        DROP COLUMN IF EXISTS last_sync_dtime,
        DROP COLUMN IF EXISTS sync_status;

        ALTER TABLE public.item
        DROP COLUMN IF EXISTS baseline_burn_rate,
        DROP COLUMN IF EXISTS min_stock_threshold,
        DROP COLUMN IF EXISTS criticality_level;

        ALTER TABLE public.transfer
        DROP COLUMN IF EXISTS dispatched_at,
        DROP COLUMN IF EXISTS dispatched_by,
        DROP COLUMN IF EXISTS expected_arrival,
        DROP COLUMN IF EXISTS received_at,
        DROP COLUMN IF EXISTS received_by,
        DROP COLUMN IF EXISTS needs_list_id;
        """;

    private static readonly string[] Ep02Tables =
    [
        "needs_list", "needs_list_item", "needs_list_audit", "event_phase_config", "event_phase_history",
        "burn_rate_snapshot", "warehouse_sync_log", "procurement", "procurement_item", "supplier", "lead_time_config",
    ];

    private static readonly string[] Ep02LegacyColumns =
    [
        "event.current_phase", "event.phase_changed_at", "event.phase_changed_by",
        "warehouse.min_stock_threshold", "warehouse.last_sync_dtime", "warehouse.sync_status",
        "item.baseline_burn_rate", "item.min_stock_threshold", "item.criticality_level",
        "transfer.dispatched_at", "transfer.dispatched_by", "transfer.expected_arrival",
        "transfer.received_at", "transfer.received_by", "transfer.needs_list_id",
    ];

    /// <summary>V15's view of what needs-list lines received (it reads transfer's EP-02 columns).</summary>
    private const string ReceiptViewCount = "select count(*) from pg_views where viewname = 'v_needs_list_line_receipt'";

    private static readonly IReadOnlyList<string> AllMigrations = DatabaseMigrator.EmbeddedMigrationNames();

    [Fact]
    public async Task Migrate_on_an_empty_database_applies_every_migration_and_a_second_run_applies_none()
    {
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("lifecycle_twice");
        var migrator = new DatabaseMigrator(connectionString, _ => { });

        var first = migrator.Migrate();
        var second = migrator.Migrate();

        Assert.Equal(AllMigrations.Count, first.Count);
        Assert.Contains(first, name => name.StartsWith("V1__", StringComparison.Ordinal));
        Assert.Contains(first, name => name.StartsWith("V2__", StringComparison.Ordinal));
        Assert.Contains(first, name => name.StartsWith("V8__", StringComparison.Ordinal));
        Assert.Empty(second);
        Assert.Equal(3, await ScalarAsync<long>(connectionString, "select count(*) from lead_time_config where is_default"));
    }

    [Fact]
    public async Task Migrate_over_existing_legacy_tables_keeps_them_and_their_data()
    {
        // A DMIS database: the legacy tables exist with data, our migrations never ran there.
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("lifecycle_legacy");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await connection.ExecuteAsync(ReadMigration("V1__legacy_core.sql"), transaction: transaction);
            await connection.ExecuteAsync(
                """
                insert into event (event_id, event_type, event_name, event_desc, impact_desc, start_date, status_code, create_by_id, update_by_id)
                values (7, 'HURRICANE', 'HURRICANE BERYL', 'd', 'i', date '2024-07-03', 'A', 'DMIS', 'DMIS');
                insert into warehouse (warehouse_id, warehouse_name, warehouse_type, status_code, create_by_id, update_by_id)
                values (4, 'MONTEGO BAY', 'MAIN-HUB', 'A', 'DMIS', 'DMIS');
                """, transaction: transaction);
            await transaction.CommitAsync();
        }

        var migrator = new DatabaseMigrator(connectionString, _ => { });
        var preflight = await migrator.DryRunAsync(CancellationToken.None);
        var applied = migrator.Migrate();

        Assert.True(preflight.IsReady, string.Join("; ", preflight.Problems()));
        Assert.Equal(["event", "warehouse", "item", "transfer", "inventory"], preflight.LegacyTablesPresent);
        Assert.Equal(AllMigrations.Count, applied.Count);
        Assert.Equal(
            ("HURRICANE BERYL", "BASELINE"),
            await ScalarAsync<(string, string)>(connectionString, "select event_name, current_phase from event where event_id = 7"));
        Assert.Equal(
            ("MONTEGO BAY", "UNKNOWN"),
            await ScalarAsync<(string, string)>(connectionString, "select warehouse_name, sync_status from warehouse where warehouse_id = 4"));
        Assert.Empty(migrator.Migrate());
    }

    [Fact]
    public async Task The_guides_selective_rollback_runs_as_written_on_a_migrated_database_in_use()
    {
        var (_, connectionString) = await TestCluster.CreateMigratedDatabaseAsync("lifecycle_option2");
        await SeedEp02DataAsync(connectionString);

        await ExecuteAsync(connectionString, GuideSelectiveRollback);

        Assert.Empty(await TablesAsync(connectionString, Ep02Tables));
        Assert.Equal(0, await ScalarAsync<long>(connectionString, ReceiptViewCount));
        Assert.Empty(await ColumnsAsync(connectionString));
        Assert.Equal(0, await ScalarAsync<long>(connectionString,
            "select count(*) from pg_proc where proname in ('update_warehouse_sync_status', 'log_event_phase_change')"));
        Assert.Equal("HURRICANE MELISSA", await ScalarAsync<string>(connectionString, "select event_name from event where event_id = 1"));
    }

    [Fact]
    public async Task After_the_guides_selective_rollback_the_main_applications_demand_writes_still_work_and_are_summarised()
    {
        var (_, connectionString) = await TestCluster.CreateMigratedDatabaseAsync("lifecycle_option2_demand");
        await SeedEp02DataAsync(connectionString);
        await ExecuteAsync(connectionString, GuideSelectiveRollback);

        // V7's triggers read legacy columns only: DMIS dispatching a package is unaffected.
        await ExecuteAsync(connectionString, DemandSql);
        await ExecuteAsync(connectionString, "update reliefpkg set status_code = 'R' where reliefpkg_id = 1");

        Assert.Equal(
            (1L, 5m),
            await ScalarAsync<(long, decimal)>(connectionString,
                "select sum(line_count)::bigint, sum(fulfilled_qty) from fulfilment_hourly_delta where event_id = 1"));
    }

    [Fact]
    public async Task After_the_guides_selective_rollback_the_main_applications_donation_writes_still_work_and_are_summarised()
    {
        var (_, connectionString) = await TestCluster.CreateMigratedDatabaseAsync("lifecycle_option2_donation");
        await SeedEp02DataAsync(connectionString);
        // V8 in use before the rollback: a shipped procurement line and a verified donation in transit.
        await ExecuteAsync(connectionString, ItemSql);
        await ExecuteAsync(connectionString,
            """
            insert into procurement (procurement_id, procurement_no, event_id, target_warehouse_id, procurement_method, status_code,
                                     create_by_id, update_by_id)
            values (1, 'PR-1', 1, 1, 'RFQ', 'SHIPPED', 'DMIS', 'DMIS');
            insert into procurement_item (procurement_id, item_id, ordered_qty, uom_code, create_by_id, update_by_id)
            values (1, 1, 40, 'EA', 'DMIS', 'DMIS');
            """);
        await ExecuteAsync(connectionString, DonationSql(donationId: 1, qty: 3, warehouseId: 1));
        await ExecuteAsync(connectionString, "select inbound_summary_compact()");
        await ExecuteAsync(connectionString, GuideSelectiveRollback);

        // V8's donation triggers must not need EP-02: DMIS entering, receiving and verifying a donation is unaffected.
        await ExecuteAsync(connectionString, DonationSql(donationId: 2, qty: 5, warehouseId: 2));
        await ExecuteAsync(connectionString, "update dnintake set status_code = 'V' where donation_id = 1");

        Assert.Equal(
            [(1, 1, -3m, -1L), (2, 1, 5m, 1L)],
            await QueryAsync<(int, int, decimal, long)>(connectionString,
                """
                select warehouse_id, item_id, sum(inbound_qty), sum(contributions)::bigint
                  from inbound_summary_delta where source_type = 'DONATION' group by 1, 2 order by 1, 2
                """));
        Assert.Equal(2, await ScalarAsync<long>(connectionString, "select inbound_summary_compact()"));
        Assert.Equal(
            [(2, 1, "DONATION", 5m, 1)],
            await QueryAsync<(int, int, string, decimal, int)>(connectionString,
                "select warehouse_id, item_id, source_type, inbound_qty, contributions from inbound_summary where source_type = 'DONATION'"));
    }

    [Fact]
    public async Task Rollback_ep02_then_migrate_restores_the_EP02_schema_and_keeps_legacy_data()
    {
        var (_, connectionString) = await TestCluster.CreateMigratedDatabaseAsync("lifecycle_rollback");
        await SeedEp02DataAsync(connectionString);
        var migrator = new DatabaseMigrator(connectionString, _ => { });

        await migrator.RollbackEp02Async(CancellationToken.None);
        var afterRollback = await migrator.DryRunAsync(CancellationToken.None);
        var tablesAfterRollback = await TablesAsync(connectionString, Ep02Tables);
        var columnsAfterRollback = await ColumnsAsync(connectionString);
        var fulfilmentObjectsAfterRollback = await SummaryObjectsAsync(connectionString, FulfilmentHourly);
        var inboundObjectsAfterRollback = await SummaryObjectsAsync(connectionString, InboundSummary);
        var auditGuardsAfterRollback = await AuditGuardsAsync(connectionString);
        var receiptViewsAfterRollback = await ScalarAsync<long>(connectionString, ReceiptViewCount);
        var changeAuditAfterRollback = await TablesAsync(connectionString, ["change_audit"]);
        var evidenceAfterRollback = await TablesAsync(connectionString, ["needs_list_evidence"]);

        var reapplied = migrator.Migrate();

        Assert.Empty(tablesAfterRollback);
        Assert.Empty(columnsAfterRollback);
        Assert.Equal((0L, 0L, 0L), fulfilmentObjectsAfterRollback);
        Assert.Equal((2L, 8L, 9L), await SummaryObjectsAsync(connectionString, FulfilmentHourly));
        Assert.Equal((0L, 0L, 0L), inboundObjectsAfterRollback);
        Assert.Equal((3L, 17L, 6L), await SummaryObjectsAsync(connectionString, InboundSummary));
        Assert.Equal((0L, 0L), auditGuardsAfterRollback);
        Assert.Equal((1L, 9L), await AuditGuardsAsync(connectionString));
        Assert.Empty(changeAuditAfterRollback);
        Assert.Equal(["change_audit"], await TablesAsync(connectionString, ["change_audit"]));
        Assert.Equal((0L, 1L), (receiptViewsAfterRollback, await ScalarAsync<long>(connectionString, ReceiptViewCount)));
        Assert.Empty(evidenceAfterRollback);
        Assert.Equal(["needs_list_evidence"], await TablesAsync(connectionString, ["needs_list_evidence"]));
        Assert.Equal(["1"], afterRollback.AppliedVersions);
        Assert.True(afterRollback.IsReady, string.Join("; ", afterRollback.Problems()));
        Assert.Equal(AllMigrations.Skip(1), afterRollback.PendingMigrations);
        Assert.Equal(AllMigrations.Skip(1), reapplied);
        Assert.Equal(Sorted(Ep02Tables), await TablesAsync(connectionString, Ep02Tables));
        Assert.Equal(Sorted(Ep02LegacyColumns), await ColumnsAsync(connectionString));
        Assert.Equal(3, await ScalarAsync<long>(connectionString, "select count(*) from lead_time_config where is_default"));
        Assert.Equal(
            ("HURRICANE MELISSA", "BASELINE"),
            await ScalarAsync<(string, string)>(connectionString, "select event_name, current_phase from event where event_id = 1"));
        Assert.Empty(migrator.Migrate());
    }

    [Fact]
    public async Task After_rollback_ep02_and_migrate_the_triggers_work_again()
    {
        var (_, connectionString) = await TestCluster.CreateMigratedDatabaseAsync("lifecycle_retrigger");
        await SeedEp02DataAsync(connectionString);
        var migrator = new DatabaseMigrator(connectionString, _ => { });
        await migrator.RollbackEp02Async(CancellationToken.None);
        migrator.Migrate();

        await ExecuteAsync(connectionString,
            "update event set current_phase = 'SURGE', phase_changed_by = 'TEST_USER' where event_id = 1");
        var history = await ScalarAsync<(string, string, string)>(connectionString,
            "select from_phase, to_phase, changed_by from event_phase_history where event_id = 1");
        var syncStatus = await ScalarAsync<string>(connectionString,
            "update warehouse set last_sync_dtime = now() at time zone 'UTC' where warehouse_id = 1 returning sync_status");

        Assert.Equal(("BASELINE", "SURGE", "TEST_USER"), history);
        Assert.Equal("ONLINE", syncStatus);
    }

    [Fact]
    public async Task The_dry_run_on_an_empty_database_reports_every_migration_pending_and_changes_nothing()
    {
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("lifecycle_dryrun_empty");

        var report = await new DatabaseMigrator(connectionString, _ => { }).DryRunAsync(CancellationToken.None);

        Assert.True(report.IsReady, string.Join("; ", report.Problems()));
        Assert.Equal(AllMigrations, report.PendingMigrations);
        Assert.Empty(report.AppliedVersions);
        Assert.Empty(report.ConflictingTables);
        Assert.Empty(report.LegacyTablesPresent);
        Assert.True(report.ServerVersion >= PreflightReport.MinimumServerVersion);
        Assert.Contains("PostgreSQL", report.ServerVersionText);
        Assert.Equal(0, await ScalarAsync<long>(connectionString,
            "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'"));
    }

    [Fact]
    public async Task The_dry_run_reports_a_foreign_needs_list_table_as_in_the_way_and_changes_nothing()
    {
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("lifecycle_dryrun_foreign");
        await ExecuteAsync(connectionString, "create table public.needs_list (id integer primary key, note text)");

        var report = await new DatabaseMigrator(connectionString, _ => { }).DryRunAsync(CancellationToken.None);

        Assert.False(report.IsReady);
        Assert.Equal(["needs_list"], report.ConflictingTables);
        Assert.Contains(report.Problems(), problem => problem.Contains("public.needs_list", StringComparison.Ordinal));
        Assert.Equal(AllMigrations, report.PendingMigrations);
        Assert.False(await ScalarAsync<bool>(connectionString, "select to_regclass('public.changelog') is not null"));
        Assert.Equal(["id", "note"], await QueryAsync<string>(connectionString,
            "select column_name from information_schema.columns where table_name = 'needs_list' order by ordinal_position"));
    }

    [Fact]
    public async Task The_dry_run_on_a_migrated_database_reports_nothing_pending_and_needs_list_as_ours()
    {
        var (_, connectionString) = await TestCluster.CreateMigratedDatabaseAsync("lifecycle_dryrun_migrated");

        var report = await new DatabaseMigrator(connectionString, _ => { }).DryRunAsync(CancellationToken.None);

        Assert.True(report.IsReady, string.Join("; ", report.Problems()));
        Assert.Empty(report.PendingMigrations);
        Assert.Empty(report.ConflictingTables);
        Assert.Equal(AllMigrations.Count, report.AppliedVersions.Count);
    }

    /// <summary>Legacy rows and EP-02 rows that reference them (a needs list, a transfer to it, phase history).</summary>
    internal static Task SeedEp02DataAsync(string connectionString) =>
        ExecuteAsync(connectionString,
            """
            insert into event (event_id, event_type, event_name, event_desc, impact_desc, start_date, status_code, create_by_id, update_by_id)
            values (1, 'HURRICANE', 'HURRICANE MELISSA', 'd', 'i', current_date, 'A', 'SEED', 'SEED');
            insert into warehouse (warehouse_id, warehouse_name, warehouse_type, status_code, create_by_id, update_by_id)
            values (1, 'KINGSTON', 'MAIN-HUB', 'A', 'SEED', 'SEED'), (2, 'MANDEVILLE', 'SUB-HUB', 'A', 'SEED', 'SEED');
            insert into needs_list (needs_list_id, needs_list_no, event_id, warehouse_id, event_phase, calculation_dtime,
                                    demand_window_hours, planning_window_hours, safety_factor, create_by_id, update_by_id)
            values (1, 'NL-1-1-20250101-001', 1, 1, 'BASELINE', now(), 720, 720, 1.25, 'SEED', 'SEED');
            insert into needs_list_audit (needs_list_id, action_type, actor_user_id) values (1, 'CREATED', 'SEED');
            insert into transfer (fr_inventory_id, to_inventory_id, eligible_event_id, transfer_date, status_code, needs_list_id,
                                  create_by_id, update_by_id)
            values (2, 1, 1, current_date, 'D', 1, 'SEED', 'SEED');
            update event set current_phase = 'SURGE', phase_changed_by = 'SEED' where event_id = 1;
            update event set current_phase = 'BASELINE', phase_changed_by = 'SEED' where event_id = 1;
            """);

    /// <summary>A request, a dispatched package and one line of 5, as DMIS writes them (on the seeded event and warehouses).</summary>
    private const string DemandSql =
        """
        insert into item (item_id, item_code, item_name, default_uom_code, status_code, create_by_id, update_by_id)
        values (1, 'WATER', 'WATER', 'EA', 'A', 'DMIS', 'DMIS');
        insert into inventory (inventory_id, item_id, usable_qty, reserved_qty, defective_qty, expired_qty, uom_code, status_code, create_by_id, update_by_id)
        values (2, 1, 100, 0, 0, 0, 'EA', 'A', 'DMIS', 'DMIS');
        insert into itembatch (batch_id, inventory_id, item_id, batch_no, usable_qty, reserved_qty, uom_code, avg_unit_value, status_code, create_by_id, update_by_id)
        values (1, 2, 1, 'B1', 100, 0, 'EA', 10, 'A', 'DMIS', 'DMIS');
        insert into reliefrqst (reliefrqst_id, eligible_event_id, request_date, urgency_ind, status_code, create_by_id, update_by_id)
        values (1, 1, current_date, 'H', 3, 'DMIS', 'DMIS');
        insert into reliefpkg (reliefpkg_id, reliefrqst_id, to_inventory_id, dispatch_dtime, status_code, create_by_id, update_by_id)
        values (1, 1, 1, now() at time zone 'UTC', 'D', 'DMIS', 'DMIS');
        insert into reliefpkg_item (reliefpkg_id, fr_inventory_id, batch_id, item_id, item_qty, uom_code, create_by_id, update_by_id)
        values (1, 2, 1, 1, 5, 'EA', 'DMIS', 'DMIS');
        """;

    /// <summary>V7's objects are named fulfilment_hour* (tables, functions) and trg_fulfilment_hour* (triggers).</summary>
    private const string FulfilmentHourly = "fulfilment_hour";

    /// <summary>V8's: inbound_summary* and trg_inbound_summary*.</summary>
    private const string InboundSummary = "inbound_summary";

    /// <summary>The tables, triggers and functions of a summary (see its name prefix) that exist: (tables, triggers, functions).</summary>
    private static Task<(long, long, long)> SummaryObjectsAsync(string connectionString, string prefix) =>
        ScalarAsync<(long, long, long)>(connectionString,
            $"""
            select (select count(*) from pg_class where relnamespace = 'public'::regnamespace and relkind = 'r'
                       and starts_with(relname::text, '{prefix}')),
                   (select count(*) from pg_trigger where starts_with(tgname::text, 'trg_{prefix}')),
                   (select count(*) from pg_proc where pronamespace = 'public'::regnamespace and starts_with(proname::text, '{prefix}'))
            """);

    /// <summary>V11's function and the triggers calling it: (functions, triggers).</summary>
    private static Task<(long, long)> AuditGuardsAsync(string connectionString) =>
        ScalarAsync<(long, long)>(connectionString,
            """
            select (select count(*) from pg_proc where pronamespace = 'public'::regnamespace and proname = 'refuse_audit_change'),
                   (select count(*) from pg_trigger t join pg_proc p on p.oid = t.tgfoid where p.proname = 'refuse_audit_change')
            """);

    /// <summary>Item 1, WATER, as DMIS writes it.</summary>
    private const string ItemSql =
        """
        insert into item (item_id, item_code, item_name, default_uom_code, status_code, create_by_id, update_by_id)
        values (1, 'WATER', 'WATER', 'EA', 'A', 'DMIS', 'DMIS');
        """;

    /// <summary>
    /// A donation of item 1 as DMIS writes it, one statement at a time: entered, its verified line, an
    /// intake at the warehouse still to be completed, then the donation verified (on the seeded event).
    /// </summary>
    private static string DonationSql(int donationId, decimal qty, int warehouseId) =>
        $"""
        insert into donation (donation_id, event_id, donation_desc, received_date, status_code, create_by_id, update_by_id)
        values ({donationId}, 1, 'relief supplies', current_date, 'E', 'DMIS', 'DMIS');
        insert into donation_item (donation_id, item_id, item_qty, uom_code, status_code, create_by_id, update_by_id)
        values ({donationId}, 1, {qty.ToString(System.Globalization.CultureInfo.InvariantCulture)}, 'EA', 'V', 'DMIS', 'DMIS');
        insert into dnintake (donation_id, inventory_id, intake_date, status_code, create_by_id, update_by_id)
        values ({donationId}, {warehouseId}, current_date, 'I', 'DMIS', 'DMIS');
        update donation set status_code = 'V', update_by_id = 'DMIS' where donation_id = {donationId};
        """;

    private static string ReadMigration(string fileName)
    {
        using var stream = typeof(DatabaseMigrator).Assembly.GetManifestResourceStream($"Dmis.Replenishment.Data.Migrations.{fileName}")
            ?? throw new InvalidOperationException($"migration {fileName} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static async Task<IReadOnlyList<string>> TablesAsync(string connectionString, string[] names) =>
        Sorted(await QueryAsync<string>(connectionString,
            "select table_name from information_schema.tables where table_schema = 'public' and table_name = any(@names)",
            new { names }));

    /// <summary>Which of the EP-02 columns of the legacy tables exist, as "table.column".</summary>
    private static async Task<IReadOnlyList<string>> ColumnsAsync(string connectionString) =>
        Sorted(await QueryAsync<string>(connectionString,
            """
            select table_name || '.' || column_name from information_schema.columns
             where table_schema = 'public' and table_name || '.' || column_name = any(@names)
            """,
            new { names = Ep02LegacyColumns }));

    private static List<string> Sorted(IEnumerable<string> names) => names.Order(StringComparer.Ordinal).ToList();
}
