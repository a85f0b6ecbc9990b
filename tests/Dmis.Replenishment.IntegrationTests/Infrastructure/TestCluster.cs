using Dmis.Replenishment.Data.Schema;
using Dmis.Replenishment.Testing;

namespace Dmis.Replenishment.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL per test run, and one migrated template database that every test class
/// copies (CREATE DATABASE ... TEMPLATE is far faster than migrating again). The template is
/// this run's own: two runs sharing a DMIS_TEST_PG server (two worktrees, say) would otherwise
/// drop and re-create one template, and copy each other's migrations.
/// </summary>
public static class TestCluster
{
    public static readonly string TemplateName = $"dmis_template_{Environment.ProcessId}";

    private static readonly Lazy<Task<PostgresServer>> Server = new(StartAsync);
    private static int databaseCounter;

    public static Task<PostgresServer> GetAsync() => Server.Value;

    /// <summary>A fresh, fully migrated database of its own; returns its connection string.</summary>
    public static async Task<(string Name, string ConnectionString)> CreateMigratedDatabaseAsync(string prefix) =>
        await CreateMigratedDatabaseAsync(await GetAsync(), prefix);

    /// <summary>The same on another server, one that <see cref="CreateTemplateAsync"/> prepared.</summary>
    public static async Task<(string Name, string ConnectionString)> CreateMigratedDatabaseAsync(PostgresServer server, string prefix)
    {
        var name = UniqueName(prefix);
        return (name, await server.CreateDatabaseAsync(name, TemplateName));
    }

    /// <summary>An empty database (no migrations), for the migration tests themselves.</summary>
    public static async Task<(string Name, string ConnectionString)> CreateEmptyDatabaseAsync(string prefix)
    {
        var server = await GetAsync();
        var name = UniqueName(prefix);
        return (name, await server.CreateDatabaseAsync(name));
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await PostgresServer.StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                server.DropDatabaseAsync(TemplateName).GetAwaiter().GetResult();
            }
            catch (Npgsql.NpgsqlException)
            {
                // The server is gone already: nothing left to tidy.
            }

            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        };

        await CreateTemplateAsync(server);
        return server;
    }

    /// <summary>(Re)creates this run's migrated template database on <paramref name="server"/>.</summary>
    public static async Task CreateTemplateAsync(PostgresServer server)
    {
        await server.DropDatabaseAsync(TemplateName);
        var template = await server.CreateDatabaseAsync(TemplateName);
        new DatabaseMigrator(template, _ => { }).Migrate();
        // Nobody may be connected to a template while it is copied.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Unique across runs too, for a DMIS_TEST_PG server that outlives the run.</summary>
    private static string UniqueName(string prefix) =>
        $"{Sanitise(prefix)}_{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}";

    private static string Sanitise(string prefix) =>
        new string(prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray())[..Math.Min(prefix.Length, 40)];
}
