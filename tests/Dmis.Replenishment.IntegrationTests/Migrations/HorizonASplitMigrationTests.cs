using Dmis.Replenishment.Data.Schema;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Npgsql;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ConnectionStringSql;

namespace Dmis.Replenishment.IntegrationTests.Migrations;

/// <summary>
/// V9 moves each line's horizon-A split from needs_list_item_source rows into arrays on its
/// calculation row; v_needs_list_item_source shows them as rows again, and a check keeps the
/// arrays consistent.
/// </summary>
public sealed class HorizonASplitMigrationTests
{
    /// <summary>
    /// On top of SeedEp02DataAsync (event 1, warehouses 1 and 2, needs list 1): a third warehouse,
    /// two items, and two lines of list 1 with their calculation rows.
    /// </summary>
    private const string LinesSql =
        """
        insert into warehouse (warehouse_id, warehouse_name, warehouse_type, status_code, create_by_id, update_by_id)
        values (3, 'OCHO RIOS', 'SUB-HUB', 'A', 'SEED', 'SEED');
        insert into item (item_id, item_code, item_name, default_uom_code, status_code, create_by_id, update_by_id)
        values (1, 'WATER', 'WATER', 'EA', 'A', 'DMIS', 'DMIS'), (2, 'RICE', 'RICE', 'EA', 'A', 'DMIS', 'DMIS');
        insert into needs_list_item (needs_list_item_id, needs_list_id, item_id, uom_code, required_qty, coverage_qty, gap_qty,
                                     horizon_a_qty, create_by_id, update_by_id)
        values (11, 1, 1, 'EA', 100, 0, 100, 100, 'SEED', 'SEED'), (12, 1, 2, 'EA', 50, 0, 50, 0, 'SEED', 'SEED');
        insert into needs_list_item_calculation (needs_list_item_id, line_no, create_by_id, update_by_id)
        values (11, 1, 'SEED', 'SEED'), (12, 2, 'SEED', 'SEED');
        """;

    [Fact]
    public async Task V9_moves_the_split_rows_into_the_lines_arrays_in_allocation_order_and_drops_the_table()
    {
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("split_v9_move");
        var migrator = new DatabaseMigrator(connectionString, _ => { });
        migrator.Migrate(targetVersion: "8");
        await MigrationLifecycleTests.SeedEp02DataAsync(connectionString);
        await ExecuteAsync(connectionString, LinesSql);
        // Inserted out of allocation order: the move must follow allocation_seq, not insertion.
        await ExecuteAsync(connectionString,
            """
            insert into needs_list_item_source (needs_list_item_id, source_warehouse_id, allocation_seq, qty, lead_time_hours,
                                                expected_arrival, create_by_id, update_by_id)
            values (11, 2, 2, 40.00, 12, '2025-01-01 12:00', 'SEED', 'SEED'),
                   (11, 3, 1, 60.00, 8, '2025-01-01 08:00', 'SEED', 'SEED');
            """);

        var applied = migrator.Migrate(targetVersion: "9");

        Assert.Equal("V9__horizon_a_split_per_line.sql", applied[0]);
        Assert.Null(await ScalarAsync<string?>(connectionString, "select to_regclass('public.needs_list_item_source')::text"));
        var split = await QueryAsync<(int LineId, int WarehouseId, short Seq, decimal Qty, int LeadTime, DateTime Arrival)>(
            connectionString,
            """
            select needs_list_item_id, source_warehouse_id, allocation_seq, qty, lead_time_hours, expected_arrival
              from v_needs_list_item_source order by needs_list_item_id, allocation_seq
            """);
        Assert.Equal(
            [
                (11, 3, (short)1, 60.00m, 8, new DateTime(2025, 1, 1, 8, 0, 0)),
                (11, 2, (short)2, 40.00m, 12, new DateTime(2025, 1, 1, 12, 0, 0)),
            ],
            split);
        Assert.Equal(
            (0, 0),
            await ScalarAsync<(int, int)>(connectionString,
                """
                select cardinality(horizon_a_split_warehouse_ids), cardinality(horizon_a_split_arrivals)
                  from needs_list_item_calculation where needs_list_item_id = 12
                """));
    }

    [Theory]
    [InlineData("array[2, 3], array[60.00], array[8, 12], array['2025-01-01 08:00'::timestamp, '2025-01-01 12:00']", "lengths differ")]
    [InlineData("array[2], array[0.00], array[8], array['2025-01-01 08:00'::timestamp]", "zero quantity")]
    [InlineData("array[2], array[60.00], array[0], array['2025-01-01 08:00'::timestamp]", "zero lead time")]
    [InlineData("array[null::int], array[60.00], array[8], array['2025-01-01 08:00'::timestamp]", "no warehouse")]
    [InlineData("array[2], array[null::numeric], array[8], array['2025-01-01 08:00'::timestamp]", "no quantity")]
    [InlineData("array[2], array[60.00], array[8], array[null::timestamp]", "no arrival")]
    public async Task The_split_check_refuses_inconsistent_arrays(string arrays, string why)
    {
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("split_v9_check");
        new DatabaseMigrator(connectionString, _ => { }).Migrate();
        await MigrationLifecycleTests.SeedEp02DataAsync(connectionString);
        await ExecuteAsync(connectionString, LinesSql);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connectionString,
            $"""
            update needs_list_item_calculation
               set (horizon_a_split_warehouse_ids, horizon_a_split_qtys, horizon_a_split_lead_time_hours,
                    horizon_a_split_arrivals) = ({arrays})
             where needs_list_item_id = 11
            """));

        Assert.True(refused.ConstraintName == "c_needs_list_item_calculation_split", why);
    }

    [Fact]
    public async Task The_split_check_accepts_a_consistent_split()
    {
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("split_v9_ok");
        new DatabaseMigrator(connectionString, _ => { }).Migrate();
        await MigrationLifecycleTests.SeedEp02DataAsync(connectionString);
        await ExecuteAsync(connectionString, LinesSql);

        await ExecuteAsync(connectionString,
            """
            update needs_list_item_calculation
               set (horizon_a_split_warehouse_ids, horizon_a_split_qtys, horizon_a_split_lead_time_hours,
                    horizon_a_split_arrivals) = (array[2, 3], array[60.00, 40.00], array[8, 12],
                                                 array['2025-01-01 08:00'::timestamp, '2025-01-01 12:00'])
             where needs_list_item_id = 11
            """);

        Assert.Equal(
            [(2, (short)1), (3, (short)2)],
            await QueryAsync<(int, short)>(connectionString,
                "select source_warehouse_id, allocation_seq from v_needs_list_item_source where needs_list_item_id = 11 order by 2"));
    }
}
