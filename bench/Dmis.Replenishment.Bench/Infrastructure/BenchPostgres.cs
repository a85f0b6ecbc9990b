using Dmis.Replenishment.Testing;
using Npgsql;

namespace Dmis.Replenishment.Bench.Infrastructure;

/// <summary>
/// The PostgreSQL server of a benchmark: <c>DMIS_BENCH_PG</c> (an admin connection string; the
/// bench creates and drops its own database there) when set, else whatever the tests would use
/// (<see cref="PostgresServer"/>: <c>DMIS_TEST_PG</c>, Testcontainers, or a throw-away local cluster).
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    public const string ConnectionStringVariable = "DMIS_BENCH_PG";

    private readonly PostgresServer server;

    private BenchPostgres(PostgresServer server, string source)
    {
        this.server = server;
        Source = source;
    }

    /// <summary>Where the server came from (for the report).</summary>
    public string Source { get; }

    public static async Task<BenchPostgres> StartAsync(CancellationToken cancellationToken)
    {
        var fromBench = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(fromBench))
        {
            // PostgresServer takes DMIS_TEST_PG as is: hand it ours, for this process only.
            Environment.SetEnvironmentVariable(PostgresServer.ConnectionStringVariable, fromBench);
        }

        var server = await PostgresServer.StartAsync(cancellationToken);
        var source = !string.IsNullOrWhiteSpace(fromBench) ? ConnectionStringVariable : server.Strategy.ToString();
        return new BenchPostgres(server, source);
    }

    public string ConnectionString(string database) => server.GetConnectionString(database);

    /// <summary>Creates an empty database (dropping a leftover of the same name first).</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await server.DropDatabaseAsync(name, cancellationToken);
        return await server.CreateDatabaseAsync(name, cancellationToken: cancellationToken);
    }

    public Task DropDatabaseAsync(string name, CancellationToken cancellationToken) =>
        server.DropDatabaseAsync(name, cancellationToken);

    /// <summary>"PostgreSQL 16.14 ..." and the settings that matter for the figures.</summary>
    public async Task<(string Version, Dictionary<string, string> Settings)> DescribeAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var version = new NpgsqlCommand("select version()", connection);
        var text = (string)(await version.ExecuteScalarAsync(cancellationToken))!;
        var settings = new Dictionary<string, string>();
        await using var show = new NpgsqlCommand(
            """
            select name, setting || coalesce(unit, '') from pg_settings
             where name in ('shared_buffers', 'work_mem', 'max_connections', 'fsync', 'synchronous_commit',
                            'max_parallel_workers_per_gather', 'jit', 'effective_cache_size')
             order by name
            """, connection);
        await using var reader = await show.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            settings[reader.GetString(0)] = reader.GetString(1);
        }

        return (text, settings);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
