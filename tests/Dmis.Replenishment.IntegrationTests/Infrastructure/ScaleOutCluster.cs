using System.Diagnostics;
using Dmis.Replenishment.Testing;
using Npgsql;

namespace Dmis.Replenishment.IntegrationTests.Infrastructure;

/// <summary>
/// A local primary of its own with a streaming standby and a PgBouncer (transaction pooling) in
/// front of it, for the tests of the read-only, pooled and direct connections. Each part starts
/// when a test class first asks for it, once per run, so the rest of the suite never waits for them.
/// The primary has its own migrated template; its databases appear on the standby by replication.
/// </summary>
public static class ScaleOutCluster
{
    private static readonly Lazy<Task<PostgresServer>> Primary = new(StartPrimaryAsync);
    private static readonly Lazy<Task<PostgresServer>> Standby = new(async () => await (await Primary.Value).StartStandbyAsync());
    private static readonly Lazy<Task<PostgresServer>> Bouncer = new(async () => await (await Primary.Value).StartPgBouncerAsync());

    /// <summary>A fresh migrated database on the primary; returns its name and (admin) connection string.</summary>
    public static async Task<(string Name, string ConnectionString)> CreateMigratedDatabaseAsync(string prefix) =>
        await TestCluster.CreateMigratedDatabaseAsync(await Primary.Value, prefix);

    /// <summary>The standby's connection string for <paramref name="database"/> (read-only; superuser, for the tests' checks).</summary>
    public static async Task<string> StandbyConnectionStringAsync(string database) =>
        (await Standby.Value).GetConnectionString(database);

    /// <summary>PgBouncer's connection string for <paramref name="database"/>.</summary>
    public static async Task<string> PgBouncerConnectionStringAsync(string database) =>
        (await Bouncer.Value).GetConnectionString(database);

    /// <summary>
    /// The transactions PgBouncer has carried for <paramref name="database"/> (SHOW STATS on its
    /// console, through psql: the console speaks only the simple query protocol, which Npgsql does not use).
    /// </summary>
    public static async Task<long> PgBouncerTransactionsAsync(string database)
    {
        var console = new NpgsqlConnectionStringBuilder((await Bouncer.Value).ConnectionString);
        var startInfo = new ProcessStartInfo("psql")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-X", "-A", "-F", "|", "-h", console.Host!, "-p", console.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "pgbouncer", "-c", "SHOW STATS" })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var psql = Process.Start(startInfo)!;
        var output = await psql.StandardOutput.ReadToEndAsync();
        var error = await psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        if (psql.ExitCode != 0)
        {
            throw new InvalidOperationException($"psql SHOW STATS failed: {error}");
        }

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var column = Array.IndexOf(lines[0].Split('|'), "total_xact_count");
        return lines.Skip(1)
            .Select(line => line.Split('|'))
            .Where(fields => fields.Length > column && fields[0] == database)
            .Select(fields => long.Parse(fields[column], System.Globalization.CultureInfo.InvariantCulture))
            .SingleOrDefault();
    }

    private static async Task<PostgresServer> StartPrimaryAsync()
    {
        var primary = await PostgresServer.StartLocalAsync();
        await TestCluster.CreateTemplateAsync(primary);
        return primary;
    }
}
