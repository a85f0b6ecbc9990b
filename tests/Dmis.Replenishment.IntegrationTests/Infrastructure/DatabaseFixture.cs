using Dapper;
using Npgsql;

namespace Dmis.Replenishment.IntegrationTests.Infrastructure;

/// <summary>A migrated database of one test class, with a server instance on it.</summary>
public class DatabaseFixture : IAsyncLifetime
{
    private ReplenishmentServerFactory? factory;

    public string ConnectionString { get; private set; } = "";

    public ReplenishmentServerFactory Factory => factory ?? throw new InvalidOperationException("fixture not started");

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabaseAsync();
        factory = CreateFactory(ConnectionString);
        _ = factory.Server; // start it now, so tests measure calls, not start-up
    }

    /// <summary>A migrated database of this class's own on the run's shared server; returns its connection string.</summary>
    protected virtual async Task<string> CreateDatabaseAsync() =>
        (await TestCluster.CreateMigratedDatabaseAsync(GetType().Name)).ConnectionString;

    /// <summary>The server instance on the class's database.</summary>
    protected virtual ReplenishmentServerFactory CreateFactory(string connectionString) => new(connectionString);

    public virtual async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteAsync(sql, parameters);
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }
}
