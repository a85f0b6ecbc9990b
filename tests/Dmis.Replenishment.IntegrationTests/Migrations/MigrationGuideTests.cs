using Dapper;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Npgsql;

namespace Dmis.Replenishment.IntegrationTests.Migrations;

/// <summary>
/// The DBA's EP-02 migration guide, checked on a migrated database:
/// its verification queries run as written wherever psql syntax allows, and its BEGIN ... ROLLBACK
/// blocks run inside an Npgsql transaction that is rolled back.
/// </summary>
public sealed class MigrationGuideTests(MigrationGuideTests.Fixture fixture) : IClassFixture<MigrationGuideTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            // Guide step 6: "Ensure this event_id exists", "Ensure this warehouse_id exists".
            await seed.EventAsync(1, "BASELINE");
            await seed.WarehouseAsync(1, "KINGSTON HUB");
            await seed.EventAsync(2, "STABILIZED");
            await seed.EventAsync(3, "BASELINE");
        }
    }

    // ---------------------------------------------------------------------------------------
    // Pre-migration checklist, 3. Verify Dependencies (verbatim)
    // ---------------------------------------------------------------------------------------

    private const string GuideDependencies =
        """
        SELECT
            tc.table_name,
            kcu.column_name,
            ccu.table_name AS foreign_table_name,
            ccu.column_name AS foreign_column_name
        FROM information_schema.table_constraints AS tc
        JOIN information_schema.key_column_usage AS kcu
          ON tc.constraint_name = kcu.constraint_name
        JOIN information_schema.constraint_column_usage AS ccu
          ON ccu.constraint_name = tc.constraint_name
        WHERE constraint_type = 'FOREIGN KEY'
          AND tc.table_name IN ('event', 'warehouse', 'item', 'transfer');
        """;

    [Fact]
    public async Task The_guides_dependency_check_lists_the_transfer_foreign_key_to_needs_list()
    {
        var foreignKeys = await fixture.QueryAsync<(string Table, string Column, string ForeignTable, string ForeignColumn)>(GuideDependencies);

        Assert.Contains(("transfer", "needs_list_id", "needs_list", "needs_list_id"), foreignKeys);
        Assert.Contains(("transfer", "to_inventory_id", "warehouse", "warehouse_id"), foreignKeys);
    }

    // ---------------------------------------------------------------------------------------
    // Step 3: Verify Schema Changes
    // ---------------------------------------------------------------------------------------

    /// <summary>`\d+ table`, as data: "name type [not null]" of each column.</summary>
    private const string ColumnsOf =
        """
        SELECT column_name || ' ' ||
               CASE data_type
                   WHEN 'character varying' THEN 'varchar(' || character_maximum_length || ')'
                   WHEN 'numeric' THEN 'numeric(' || numeric_precision || ',' || numeric_scale || ')'
                   WHEN 'timestamp without time zone' THEN 'timestamp(' || datetime_precision || ')'
                   ELSE data_type
               END ||
               CASE is_nullable WHEN 'NO' THEN ' not null' ELSE '' END
          FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = @table
        """;

    [Theory]
    [InlineData("event", new[]
    {
        "current_phase varchar(15) not null", "phase_changed_at timestamp(0)", "phase_changed_by varchar(20)",
    })]
    [InlineData("warehouse", new[]
    {
        "min_stock_threshold numeric(12,2) not null", "last_sync_dtime timestamp(0)", "sync_status varchar(10)",
    })]
    [InlineData("item", new[]
    {
        "baseline_burn_rate numeric(10,4)", "min_stock_threshold numeric(12,2)", "criticality_level varchar(10)",
    })]
    [InlineData("transfer", new[]
    {
        "dispatched_at timestamp(0)", "dispatched_by varchar(20)", "expected_arrival timestamp(0)",
        "received_at timestamp(0)", "received_by varchar(20)", "needs_list_id integer",
    })]
    public async Task The_legacy_tables_have_the_new_EP02_columns(string table, string[] expected)
    {
        var columns = await fixture.QueryAsync<string>(ColumnsOf, new { table });

        Assert.Superset(expected.ToHashSet(), columns.ToHashSet());
    }

    [Fact]
    public async Task New_legacy_rows_get_the_EP02_column_defaults()
    {
        await InRolledBackTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                """
                insert into event (event_id, event_type, event_name, event_desc, impact_desc, start_date, status_code, create_by_id, update_by_id)
                values (900, 'FLOOD', 'DEFAULTS', 'd', 'i', current_date, 'A', 'T', 'T');
                insert into warehouse (warehouse_id, warehouse_name, warehouse_type, status_code, create_by_id, update_by_id)
                values (900, 'DEFAULTS', 'SUB-HUB', 'A', 'T', 'T');
                insert into item (item_id, item_code, item_name, default_uom_code, status_code, create_by_id, update_by_id)
                values (900, 'DEFAULTS', 'DEFAULTS', 'EA', 'A', 'T', 'T');
                """, transaction: transaction);

            var row = await connection.QuerySingleAsync<(string Phase, decimal WarehouseMin, string Sync, decimal Burn, decimal ItemMin, string Criticality)>(
                """
                select e.current_phase, w.min_stock_threshold, w.sync_status, i.baseline_burn_rate, i.min_stock_threshold, i.criticality_level
                  from event e, warehouse w, item i
                 where e.event_id = 900 and w.warehouse_id = 900 and i.item_id = 900
                """, transaction: transaction);

            Assert.Equal(("BASELINE", 0m, "UNKNOWN", 0m, 0m, "NORMAL"), row);
        });
    }

    private const string GuideNewTables =
        """
        SELECT table_name
        FROM information_schema.tables
        WHERE table_schema = 'public'
          AND table_name IN (
            'needs_list',
            'needs_list_item',
            'needs_list_audit',
            'event_phase_config',
            'event_phase_history',
            'burn_rate_snapshot',
            'warehouse_sync_log',
            'procurement',
            'procurement_item',
            'supplier',
            'lead_time_config'
          )
        ORDER BY table_name;
        """;

    [Fact]
    public async Task All_eleven_new_tables_exist()
    {
        var tables = await fixture.QueryAsync<string>(GuideNewTables);

        Assert.Equal(
        [
            "burn_rate_snapshot", "event_phase_config", "event_phase_history", "lead_time_config", "needs_list",
            "needs_list_audit", "needs_list_item", "procurement", "procurement_item", "supplier", "warehouse_sync_log",
        ], tables);
    }

    private const string GuideConstraints =
        """
        SELECT conname, contype
        FROM pg_constraint
        WHERE conrelid = 'public.needs_list'::regclass;
        """;

    [Fact]
    public async Task Needs_list_has_the_guides_constraints()
    {
        var constraints = await fixture.QueryAsync<(string Name, char Type)>(GuideConstraints);

        Assert.Superset(new HashSet<(string, char)>
        {
            ("pk_needs_list", 'p'),
            ("uq_needs_list_no", 'u'),
            ("fk_needs_list_event", 'f'),
            ("fk_needs_list_warehouse", 'f'),
            ("fk_needs_list_superseded_by", 'f'),
            ("c_needs_list_phase", 'c'),
            ("c_needs_list_freshness", 'c'),
            ("c_needs_list_status", 'c'),
            ("c_needs_list_gap", 'c'),
        }, constraints.ToHashSet());
    }

    /// <summary>`\di public.idx_needs_list_*` (psql takes '_' literally; LIKE would not).</summary>
    private const string NeedsListIndexes =
        """
        SELECT indexname
          FROM pg_indexes
         WHERE schemaname = 'public'
           AND starts_with(indexname, 'idx_needs_list_')
         ORDER BY indexname
        """;

    [Fact]
    public async Task Needs_list_has_the_guides_four_indexes()
    {
        var indexes = await fixture.QueryAsync<string>(NeedsListIndexes);

        Assert.Superset(
            new HashSet<string> { "idx_needs_list_calc_date", "idx_needs_list_event", "idx_needs_list_status", "idx_needs_list_warehouse" },
            indexes.ToHashSet());
    }

    private const string GuideTriggers =
        """
        SELECT trigger_name, event_manipulation, event_object_table
        FROM information_schema.triggers
        WHERE trigger_schema = 'public'
          AND trigger_name IN ('trg_warehouse_sync_status', 'trg_event_phase_change');
        """;

    [Fact]
    public async Task The_sync_status_and_phase_change_triggers_exist()
    {
        var triggers = await fixture.QueryAsync<(string Name, string Event, string Table)>(GuideTriggers);

        Assert.Equal(
            new HashSet<(string, string, string)>
            {
                ("trg_warehouse_sync_status", "INSERT", "warehouse"),
                ("trg_warehouse_sync_status", "UPDATE", "warehouse"),
                ("trg_event_phase_change", "UPDATE", "event"),
            },
            triggers.ToHashSet());
    }

    private const string GuideViews =
        """
        SELECT table_name
        FROM information_schema.views
        WHERE table_schema = 'public'
          AND table_name IN ('v_stock_status', 'v_inbound_stock');
        """;

    [Fact]
    public async Task Both_views_exist()
    {
        var views = await fixture.QueryAsync<string>(GuideViews);

        Assert.Equal(["v_inbound_stock", "v_stock_status"], views.Order());
    }

    // ---------------------------------------------------------------------------------------
    // Step 4: Apply Initial Data
    // ---------------------------------------------------------------------------------------

    private const string GuideDefaultLeadTimes = "SELECT * FROM public.lead_time_config WHERE is_default = TRUE;";

    [Fact]
    public async Task The_three_default_lead_times_are_8_72_and_336_hours()
    {
        var defaults = await fixture.QueryAsync<dynamic>(GuideDefaultLeadTimes);

        Assert.Equal(
            [("A", 8), ("B", 72), ("C", 336)],
            defaults.Select(row => ((string)row.horizon, (int)row.lead_time_hours)).Order());
    }

    private const string GuideEventPhaseBackfill =
        """
        UPDATE public.event
        SET current_phase = 'BASELINE',
            phase_changed_at = update_dtime,
            phase_changed_by = update_by_id
        WHERE current_phase IS NULL;
        """;

    private const string GuideWarehouseSyncBackfill =
        """
        UPDATE public.warehouse
        SET sync_status = CASE
            WHEN last_sync_dtime IS NULL THEN 'UNKNOWN'
            WHEN last_sync_dtime > NOW() - INTERVAL '2 hours' THEN 'ONLINE'
            WHEN last_sync_dtime > NOW() - INTERVAL '6 hours' THEN 'STALE'
            ELSE 'OFFLINE'
        END
        WHERE sync_status = 'UNKNOWN';
        """;

    [Fact]
    public async Task The_guides_backfill_updates_run_and_classify_warehouses_that_were_left_unknown()
    {
        await InRolledBackTransactionAsync(async (connection, transaction) =>
        {
            // A warehouse synced 3 h ago whose status was never computed (as on a legacy row).
            await connection.ExecuteAsync(
                """
                insert into warehouse (warehouse_id, warehouse_name, warehouse_type, status_code, last_sync_dtime, create_by_id, update_by_id)
                values (901, 'BACKFILL', 'SUB-HUB', 'A', (now() at time zone 'UTC') - interval '3 hours', 'T', 'T');
                update warehouse set sync_status = 'UNKNOWN' where warehouse_id = 901;
                """, transaction: transaction);

            var eventsUpdated = await connection.ExecuteAsync(GuideEventPhaseBackfill, transaction: transaction);
            await connection.ExecuteAsync(GuideWarehouseSyncBackfill, transaction: transaction);

            Assert.Equal(0, eventsUpdated); // current_phase is NOT NULL DEFAULT 'BASELINE': nothing to backfill
            Assert.Equal("STALE", await connection.ExecuteScalarAsync<string>(
                "select sync_status from warehouse where warehouse_id = 901", transaction: transaction));
        });
    }

    // ---------------------------------------------------------------------------------------
    // Step 5: Grant Permissions
    // ---------------------------------------------------------------------------------------

    private const string GuideGrants =
        """
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dmis_app_user;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO dmis_app_user;
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO dmis_readonly_user;

        GRANT ALL PRIVILEGES ON TABLE public.needs_list TO dmis_app_user;
        GRANT ALL PRIVILEGES ON TABLE public.needs_list_item TO dmis_app_user;
        GRANT ALL PRIVILEGES ON TABLE public.needs_list_audit TO dmis_app_user;
        GRANT ALL PRIVILEGES ON TABLE public.procurement TO dmis_app_user;
        GRANT ALL PRIVILEGES ON TABLE public.supplier TO dmis_app_user;
        GRANT ALL PRIVILEGES ON TABLE public.lead_time_config TO dmis_app_user;
        """;

    [Fact]
    public async Task The_migration_creates_the_guides_roles_with_their_privileges()
    {
        var roles = await fixture.QueryAsync<string>(
            "select rolname from pg_roles where rolname in ('dmis_app_user', 'dmis_readonly_user') order by rolname");
        var privileges = await fixture.QueryAsync<bool>(
            """
            select unnest(array[
                has_table_privilege('dmis_app_user', 'public.needs_list', 'INSERT'),
                has_table_privilege('dmis_app_user', 'public.event', 'UPDATE'),
                has_table_privilege('dmis_readonly_user', 'public.needs_list', 'SELECT'),
                not has_table_privilege('dmis_readonly_user', 'public.needs_list', 'INSERT')])
            """);

        Assert.Equal(["dmis_app_user", "dmis_readonly_user"], roles);
        Assert.All(privileges, Assert.True);
    }

    [Fact]
    public async Task The_guides_grants_run_as_written() =>
        await InRolledBackTransactionAsync((connection, transaction) => connection.ExecuteAsync(GuideGrants, transaction: transaction));

    // ---------------------------------------------------------------------------------------
    // Step 6: Test Schema Integrity
    // ---------------------------------------------------------------------------------------

    private const string GuideInsertNeedsList =
        """
        INSERT INTO public.needs_list (
            needs_list_no,
            event_id,
            warehouse_id,
            event_phase,
            calculation_dtime,
            demand_window_hours,
            planning_window_hours,
            safety_factor,
            data_freshness_level,
            status_code,
            create_by_id,
            update_by_id
        ) VALUES (
            'NL-TEST-001',
            1,  -- Ensure this event_id exists
            1,  -- Ensure this warehouse_id exists
            'BASELINE',
            NOW(),
            720,
            720,
            1.25,
            'HIGH',
            'DRAFT',
            'SYSTEM',
            'SYSTEM'
        );
        """;

    private const string GuideSelectNeedsList = "SELECT * FROM public.needs_list WHERE needs_list_no = 'NL-TEST-001';";

    /// <summary>The guide says 'SUBMITTED', a slip: no such needs-list status; its 'submitted' status is PENDING_APPROVAL.</summary>
    private const string GuideSubmitNeedsList =
        """
        UPDATE public.needs_list
        SET status_code = 'PENDING_APPROVAL'
        WHERE needs_list_no = 'NL-TEST-001';
        """;

    private const string GuideSelectAudit =
        """
        SELECT * FROM public.needs_list_audit WHERE needs_list_id = (
            SELECT needs_list_id FROM public.needs_list WHERE needs_list_no = 'NL-TEST-001'
        );
        """;

    [Fact]
    public async Task A_sample_needs_list_can_be_inserted_and_submitted_without_writing_audit_rows()
    {
        await InRolledBackTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(GuideInsertNeedsList, transaction: transaction);
            var inserted = (await connection.QueryAsync<dynamic>(GuideSelectNeedsList, transaction: transaction)).Single();
            var updated = await connection.ExecuteAsync(GuideSubmitNeedsList, transaction: transaction);
            var audit = await connection.QueryAsync<dynamic>(GuideSelectAudit, transaction: transaction);

            Assert.Equal("DRAFT", (string)inserted.status_code);
            Assert.Equal(0m, (decimal)inserted.total_gap_qty);
            Assert.Equal(1, (int)inserted.version_nbr);
            Assert.Equal(1, updated);
            Assert.Empty(audit); // "should be empty in test": the audit trail is written by the service, not by a trigger
        });
    }

    private const string GuideChangePhase =
        """
        UPDATE public.event
        SET current_phase = 'SURGE',
            phase_changed_at = NOW(),
            phase_changed_by = 'TEST_USER'
        WHERE event_id = 1;
        """;

    private const string GuideSelectPhaseHistory =
        "SELECT * FROM public.event_phase_history WHERE event_id = 1 ORDER BY changed_at DESC LIMIT 1;";

    [Fact]
    public async Task A_phase_change_writes_a_history_row_with_who_changed_it()
    {
        await InRolledBackTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(GuideChangePhase, transaction: transaction);
            var history = (await connection.QueryAsync<dynamic>(GuideSelectPhaseHistory, transaction: transaction)).Single();

            Assert.Equal("BASELINE", (string)history.from_phase);
            Assert.Equal("SURGE", (string)history.to_phase);
            Assert.Equal("TEST_USER", (string)history.changed_by);
            Assert.True(((DateTime)history.changed_at - DateTime.UtcNow).Duration() < TimeSpan.FromMinutes(1),
                $"changed_at {history.changed_at} is not UTC now");
        });
    }

    [Fact]
    public async Task A_phase_change_without_phase_changed_by_is_attributed_to_the_updating_user()
    {
        await InRolledBackTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "update event set current_phase = 'SURGE', phase_changed_by = null, update_by_id = 'KEMAR' where event_id = 3",
                transaction: transaction);

            var changedBy = await connection.ExecuteScalarAsync<string>(
                "select changed_by from event_phase_history where event_id = 3", transaction: transaction);

            Assert.Equal("KEMAR", changedBy);
        });
    }

    [Fact]
    public async Task Setting_the_same_phase_again_writes_no_history()
    {
        await InRolledBackTransactionAsync(async (connection, transaction) =>
        {
            var updated = await connection.ExecuteAsync(
                """
                UPDATE public.event
                SET current_phase = 'STABILIZED',
                    phase_changed_at = NOW(),
                    phase_changed_by = 'TEST_USER'
                WHERE event_id = 2;
                """, transaction: transaction);

            var history = await connection.ExecuteScalarAsync<long>(
                "select count(*) from event_phase_history where event_id = 2", transaction: transaction);

            Assert.Equal(1, updated);
            Assert.Equal(0, history);
        });
    }

    // ---------------------------------------------------------------------------------------
    // trg_warehouse_sync_status
    // ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(null, "UNKNOWN")]
    [InlineData(0.5, "ONLINE")]
    [InlineData(3.0, "STALE")]
    [InlineData(7.0, "OFFLINE")]
    public async Task A_new_warehouse_gets_its_sync_status_from_its_last_sync(double? hoursAgo, string expected)
    {
        await InRolledBackTransactionAsync(async (connection, transaction) =>
        {
            var status = await connection.ExecuteScalarAsync<string>(
                """
                insert into warehouse (warehouse_id, warehouse_name, warehouse_type, status_code, last_sync_dtime, sync_status,
                                       create_by_id, update_by_id)
                values (902, 'SYNC TEST', 'SUB-HUB', 'A',
                        (now() at time zone 'UTC') - make_interval(secs => @hoursAgo::float8 * 3600), 'ONLINE', 'T', 'T')
                returning sync_status
                """, new { hoursAgo }, transaction);

            Assert.Equal(expected, status);
        });
    }

    [Fact]
    public async Task A_new_last_sync_time_recomputes_the_sync_status()
    {
        await InRolledBackTransactionAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                """
                insert into warehouse (warehouse_id, warehouse_name, warehouse_type, status_code, create_by_id, update_by_id)
                values (903, 'RESYNC TEST', 'SUB-HUB', 'A', 'T', 'T')
                """, transaction: transaction);

            async Task<string?> SyncedHoursAgo(double hours) => await connection.ExecuteScalarAsync<string>(
                """
                update warehouse set last_sync_dtime = (now() at time zone 'UTC') - make_interval(secs => @hours * 3600)
                 where warehouse_id = 903
                returning sync_status
                """, new { hours }, transaction);

            Assert.Equal("ONLINE", await SyncedHoursAgo(1));
            Assert.Equal("OFFLINE", await SyncedHoursAgo(10));
            Assert.Equal("STALE", await SyncedHoursAgo(5.5));
        });
    }

    // ---------------------------------------------------------------------------------------
    // Post-Migration Validation
    // ---------------------------------------------------------------------------------------

    private const string GuideTableCounts =
        """
        -- Should have records (existing data)
        SELECT 'event' AS table_name, COUNT(*) AS record_count FROM public.event
        UNION ALL
        SELECT 'warehouse', COUNT(*) FROM public.warehouse
        UNION ALL
        SELECT 'item', COUNT(*) FROM public.item
        UNION ALL
        SELECT 'transfer', COUNT(*) FROM public.transfer
        UNION ALL
        -- Should be empty (new tables)
        SELECT 'needs_list', COUNT(*) FROM public.needs_list
        UNION ALL
        SELECT 'procurement', COUNT(*) FROM public.procurement
        UNION ALL
        SELECT 'supplier', COUNT(*) FROM public.supplier
        UNION ALL
        SELECT 'lead_time_config', COUNT(*) FROM public.lead_time_config;
        """;

    [Fact]
    public async Task The_table_counts_show_legacy_data_empty_new_tables_and_three_lead_times()
    {
        var counts = (await fixture.QueryAsync<(string Table, long Count)>(GuideTableCounts)).ToDictionary(row => row.Table, row => row.Count);

        Assert.Equal(["event", "warehouse", "item", "transfer", "needs_list", "procurement", "supplier", "lead_time_config"], counts.Keys);
        Assert.True(counts["event"] >= 1);
        Assert.True(counts["warehouse"] >= 1);
        Assert.Equal(0, counts["needs_list"]);
        Assert.Equal(0, counts["procurement"]);
        Assert.Equal(0, counts["supplier"]);
        Assert.Equal(3, counts["lead_time_config"]);
    }

    private const string GuideInvalidPhase =
        """
        INSERT INTO public.needs_list (needs_list_no, event_id, warehouse_id, event_phase, calculation_dtime, demand_window_hours, planning_window_hours, safety_factor, create_by_id, update_by_id)
        VALUES ('TEST', 1, 1, 'INVALID', NOW(), 10, 10, 1.0, 'TEST', 'TEST');
        """;

    [Fact]
    public async Task A_needs_list_in_phase_INVALID_is_refused_by_c_needs_list_phase()
    {
        await InRolledBackTransactionAsync(async (connection, transaction) =>
        {
            var error = await Assert.ThrowsAsync<PostgresException>(
                () => connection.ExecuteAsync(GuideInvalidPhase, transaction: transaction));

            Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
            Assert.Equal("needs_list", error.TableName);
            Assert.Equal("c_needs_list_phase", error.ConstraintName);
        });
    }

    /// <summary>
    /// The guide's "3. Performance Check" as written selects tablename and indexname from
    /// pg_stat_user_indexes, which has no such columns on any PostgreSQL version (they are
    /// relname and indexrelname; tablename/indexname are pg_indexes' names). Corrected form:
    /// </summary>
    private const string CorrectedPerformanceCheck =
        """
        SELECT schemaname, relname AS tablename, indexrelname AS indexname, idx_scan
        FROM pg_stat_user_indexes
        WHERE schemaname = 'public'
          AND relname LIKE 'needs_list%'
        ORDER BY tablename, indexname;
        """;

    private const string GuidePerformanceCheckAsWritten =
        """
        SELECT schemaname, tablename, indexname, idx_scan
        FROM pg_stat_user_indexes
        WHERE schemaname = 'public'
          AND tablename LIKE 'needs_list%'
        ORDER BY tablename, indexname;
        """;

    [Fact]
    public async Task The_corrected_performance_check_lists_the_needs_list_indexes()
    {
        var indexes = await fixture.QueryAsync<(string Schema, string Table, string Index, long Scans)>(CorrectedPerformanceCheck);

        Assert.All(indexes, index => Assert.StartsWith("needs_list", index.Table));
        Assert.Superset(
            new HashSet<string>
            {
                "idx_needs_list_calc_date", "idx_needs_list_event", "idx_needs_list_status", "idx_needs_list_warehouse",
                "idx_nli_needs_list", "idx_nli_item", "idx_nli_severity", "idx_nla_needs_list", "idx_nla_action_date",
            },
            indexes.Select(index => index.Index).ToHashSet());
    }

    [Fact]
    public async Task The_guides_performance_check_as_written_fails_for_want_of_its_column_names()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.QueryAsync<dynamic>(GuidePerformanceCheckAsWritten));

        Assert.Equal(PostgresErrorCodes.UndefinedColumn, error.SqlState);
    }

    private async Task InRolledBackTransactionAsync(Func<NpgsqlConnection, NpgsqlTransaction, Task> body)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await body(connection, transaction);
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }
}
