using Dapper;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Npgsql;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// The audit tables are append-only even for the application's database role holding every table
/// privilege (the migration guide's grants, then GRANT ALL): TRUNCATE, DELETE and UPDATE are refused.
/// Each check runs as dmis_app_user in a transaction that is rolled back.
/// </summary>
public sealed class AppendOnlyAuditTests(AppendOnlyAuditTests.Fixture fixture) : IClassFixture<AppendOnlyAuditTests.Fixture>
{
    public static readonly TheoryData<string> AppendOnlyTables = new()
    {
        "needs_list_audit", "event_phase_history", "burn_rate_snapshot", "warehouse_sync_log", "change_audit",
    };

    /// <summary>Event 1 with one phase change in its history, warehouse 1 with one sync logged, one change audited.</summary>
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "BASELINE");
            await seed.WarehouseAsync(1, "KINGSTON CENTRAL");
            await ExecuteAsync(
                """
                update event set current_phase = 'SURGE', phase_changed_by = 'SEED' where event_id = 1;
                insert into warehouse_sync_log (warehouse_id, sync_dtime, sync_type, sync_status, items_synced, triggered_by)
                values (1, now() at time zone 'UTC', 'MANUAL', 'SUCCESS', 3, 'SEED');
                insert into change_audit (entity_type, entity_id, action_type, after_row, actor_user_id, action_dtime)
                values ('SUPPLIER', 1, 'CREATED', '{"supplier_id": 1}', 'SEED', now() at time zone 'UTC');
                """);
        }
    }

    [Theory]
    [MemberData(nameof(AppendOnlyTables))]
    public async Task The_application_role_cannot_truncate_an_audit_table(string table)
    {
        var error = await AsApplicationRoleAsync($"truncate {table}");

        Assert.Contains("append-only", error.MessageText);
    }

    [Theory]
    [InlineData("delete from event_phase_history")]
    [InlineData("update event_phase_history set reason_text = 'rewritten'")]
    [InlineData("delete from warehouse_sync_log")]
    [InlineData("update warehouse_sync_log set items_synced = 0")]
    [InlineData("delete from change_audit")]
    [InlineData("update change_audit set reason_text = 'rewritten'")]
    public async Task The_application_role_cannot_delete_or_update_audit_rows(string sql)
    {
        var error = await AsApplicationRoleAsync(sql);

        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(1, await fixture.ScalarAsync<int>($"select count(*)::int from {sql.Split(' ')[sql.StartsWith("delete") ? 2 : 1]}"));
    }

    /// <summary>Runs <paramref name="sql"/> as dmis_app_user with every table privilege, and returns the refusal.</summary>
    private async Task<PostgresException> AsApplicationRoleAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            """
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dmis_app_user;
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO dmis_app_user;
            GRANT ALL PRIVILEGES ON ALL TABLES IN SCHEMA public TO dmis_app_user;
            SET LOCAL ROLE dmis_app_user;
            """, transaction: transaction);

        return await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql, transaction: transaction));
    }
}
