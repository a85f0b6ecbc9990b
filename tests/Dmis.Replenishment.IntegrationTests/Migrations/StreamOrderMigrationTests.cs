using Dapper;
using Dmis.Replenishment.Data.Schema;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Npgsql;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ConnectionStringSql;

namespace Dmis.Replenishment.IntegrationTests.Migrations;

/// <summary>
/// V12: stream rows of needs_list_audit and event_phase_history get their ids in commit order, other
/// audit rows are not held up, and rollback-ep02 removes what V12 added. Every test has a database of its own.
/// </summary>
public sealed class StreamOrderMigrationTests
{
    private const string StatusRow =
        """
        insert into needs_list_audit (needs_list_id, action_type, field_name, old_value, new_value, actor_user_id)
        values (1, 'STATUS_CHANGED', 'status_code', 'DRAFT', 'PENDING_APPROVAL', 'tester')
        returning audit_id
        """;

    private static readonly string[] V12Functions =
    [
        "needs_list_audit_is_stream_event", "stream_row_in_commit_order", "needs_list_audit_notify",
    ];

    [Fact]
    public async Task A_stream_row_waits_for_the_open_transaction_of_an_earlier_one_so_its_id_is_larger()
    {
        var connectionString = await SeededDatabaseAsync("stream_order_wait");
        await using var first = await OpenAsync(connectionString);
        await using var second = await OpenAsync(connectionString);
        await using var firstTransaction = await first.BeginTransactionAsync();
        var firstId = await first.ExecuteScalarAsync<long>(StatusRow, transaction: firstTransaction);
        await using var secondTransaction = await second.BeginTransactionAsync();

        var secondInsert = second.ExecuteScalarAsync<long>(StatusRow, transaction: secondTransaction);
        await UntilAsync(async () => await ScalarAsync<long>(connectionString,
            """
            select count(*) from pg_locks l join pg_database d on d.oid = l.database
             where l.locktype = 'advisory' and not l.granted and d.datname = current_database()
            """) == 1);
        var waitedForTheFirst = !secondInsert.IsCompleted;
        await firstTransaction.CommitAsync();
        var secondId = await secondInsert;
        await secondTransaction.CommitAsync();

        Assert.True(waitedForTheFirst);
        Assert.True(secondId > firstId, $"{secondId} after {firstId}");
    }

    [Fact]
    public async Task An_audit_row_that_is_not_a_stream_event_does_not_wait()
    {
        var connectionString = await SeededDatabaseAsync("stream_order_nowait");
        await using var first = await OpenAsync(connectionString);
        await using var second = await OpenAsync(connectionString);
        await using var firstTransaction = await first.BeginTransactionAsync();
        await first.ExecuteScalarAsync<long>(StatusRow, transaction: firstTransaction);

        var created = await second.ExecuteScalarAsync<long>(
            """
            insert into needs_list_audit (needs_list_id, action_type, field_name, old_value, new_value, actor_user_id)
            values (1, 'STATUS_CHANGED', 'fulfilled_qty', '0', '10', 'tester') returning audit_id
            """).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(created > 0);
    }

    [Fact]
    public async Task Rollback_ep02_removes_the_V12_functions_and_migrate_brings_them_back()
    {
        var (_, connectionString) = await TestCluster.CreateMigratedDatabaseAsync("stream_order_rollback");
        var migrator = new DatabaseMigrator(connectionString, _ => { });

        await migrator.RollbackEp02Async(CancellationToken.None);
        var afterRollback = await FunctionCountAsync(connectionString);
        migrator.Migrate();

        Assert.Equal(0, afterRollback);
        Assert.Equal(V12Functions.Length, await FunctionCountAsync(connectionString));
    }

    private static async Task<string> SeededDatabaseAsync(string name)
    {
        var (_, connectionString) = await TestCluster.CreateMigratedDatabaseAsync(name);
        await MigrationLifecycleTests.SeedEp02DataAsync(connectionString);
        return connectionString;
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> FunctionCountAsync(string connectionString) =>
        (await QueryAsync<long>(connectionString,
            "select count(*) from pg_proc where pronamespace = 'public'::regnamespace and proname = any(@names)",
            new { names = V12Functions }))[0];

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(50);
        }
    }
}
