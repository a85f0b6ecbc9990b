using Dapper;
using Npgsql;

namespace Dmis.Replenishment.IntegrationTests.Infrastructure;

/// <summary>
/// One-off statements on a database known only by its connection string, for tests that make
/// databases of their own (migrations, server commands) rather than using a fixture's.
/// </summary>
internal static class ConnectionStringSql
{
    public static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteAsync(sql);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.QuerySingleAsync<T>(sql);
    }

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(string connectionString, string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }
}
