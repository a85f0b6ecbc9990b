using Dapper;
using EvolveDb;
using EvolveDb.Migration;
using Npgsql;

namespace Dmis.Replenishment.Data.Schema;

/// <summary>
/// Applies the embedded Evolve migrations (V1 legacy subset, V2 EP-02, later ones), checks the
/// guide's pre-flight, and removes EP-02 again (rollback-ep02).
/// </summary>
public sealed class DatabaseMigrator(string connectionString, Action<string> log)
{
    private const string MigrationsFilter = "Dmis.Replenishment.Data.Migrations";
    private const string RollbackResource = "Dmis.Replenishment.Data.Rollback.rollback_ep02.sql";

    /// <summary>Tables that EP-02 creates: none may exist before V2 is applied (guide step 1).</summary>
    private static readonly string[] Ep02Tables = ["needs_list", "procurement", "supplier", "lead_time_config"];

    /// <summary>Legacy tables EP-02 alters (guide step 1).</summary>
    private static readonly string[] LegacyTables = ["event", "warehouse", "item", "transfer", "inventory"];

    /// <summary>Applies the pending migrations, up to and including <paramref name="targetVersion"/> ("8", "2.1") when given.</summary>
    public IReadOnlyList<string> Migrate(string? targetVersion = null)
    {
        using var connection = new NpgsqlConnection(Infrastructure.DmisDataSource.WithUtc(connectionString));
        var evolve = CreateEvolve(connection);
        if (targetVersion is not null)
        {
            evolve.TargetVersion = new MigrationVersion(targetVersion);
        }

        evolve.Migrate();
        return evolve.AppliedMigrations;
    }

    public async Task<PreflightReport> DryRunAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Infrastructure.DmisDataSource.WithUtc(connectionString));
        await connection.OpenAsync(cancellationToken);

        var serverVersion = await connection.ExecuteScalarAsync<string>("select version()") ?? "";
        var existing = (await connection.QueryAsync<string>(
            """
            select table_name from information_schema.tables
            where table_schema = 'public' and table_name = any(@names)
            """,
            new { names = LegacyTables.Concat(Ep02Tables).ToArray() })).ToHashSet();

        var applied = await AppliedVersionsAsync(connection, cancellationToken);
        var pending = PendingMigrations(applied);
        var ep02Applied = applied.Any(version => MajorVersion(version) >= 2);

        return new PreflightReport(
            serverVersion,
            connection.PostgreSqlVersion,
            LegacyTables.Where(existing.Contains).ToList(),
            // Once our V2 is in, these tables are ours, not in the way.
            ep02Applied ? [] : Ep02Tables.Where(existing.Contains).ToList(),
            applied,
            pending);
    }

    public async Task RollbackEp02Async(CancellationToken cancellationToken)
    {
        var script = ReadResource(RollbackResource);
        await using var connection = new NpgsqlConnection(Infrastructure.DmisDataSource.WithUtc(connectionString));
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(script, transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        log("EP-02 rolled back: V2 and later objects removed; `migrate` can apply them again.");
    }

    private Evolve CreateEvolve(NpgsqlConnection connection) =>
        new(connection, log)
        {
            EmbeddedResourceAssemblies = [typeof(DatabaseMigrator).Assembly],
            EmbeddedResourceFilters = [MigrationsFilter],
            IsEraseDisabled = true,
            CommandTimeout = 600,
        };

    private static async Task<IReadOnlyList<string>> AppliedVersionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var hasChangelog = await connection.ExecuteScalarAsync<bool>(
            "select to_regclass('public.changelog') is not null");
        if (!hasChangelog)
        {
            return [];
        }

        var versions = await connection.QueryAsync<string>(new CommandDefinition(
            // type 0 = a versioned migration; Evolve also records the schema it found (type 1/2, version "0").
            "select version from public.changelog where type = 0 and version is not null and success order by id",
            cancellationToken: cancellationToken));
        return versions.ToList();
    }

    private static IReadOnlyList<string> PendingMigrations(IReadOnlyList<string> applied)
    {
        var appliedSet = applied.ToHashSet();
        return EmbeddedMigrationNames()
            .Where(name => !appliedSet.Contains(VersionOf(name)))
            .ToList();
    }

    /// <summary>Migration file names like V2_1__validate.sql, in version order.</summary>
    public static IReadOnlyList<string> EmbeddedMigrationNames() =>
        typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(MigrationsFilter + ".V", StringComparison.Ordinal))
            .Select(name => name[(MigrationsFilter.Length + 1)..])
            .OrderBy(name => VersionOf(name).Split('.').Select(int.Parse).ToArray(), VersionComparer.Instance)
            .ToList();

    /// <summary>"V2_1__x.sql" -> "2.1" (Evolve's spelling in its changelog).</summary>
    private static string VersionOf(string fileName) =>
        fileName[1..fileName.IndexOf("__", StringComparison.Ordinal)].Replace('_', '.');

    private static int MajorVersion(string version) => int.Parse(version.Split('.')[0]);

    private static string ReadResource(string name)
    {
        using var stream = typeof(DatabaseMigrator).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class VersionComparer : IComparer<int[]>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            for (var i = 0; i < Math.Max(x!.Length, y!.Length); i++)
            {
                var difference = (i < x.Length ? x[i] : 0).CompareTo(i < y.Length ? y[i] : 0);
                if (difference != 0)
                {
                    return difference;
                }
            }

            return 0;
        }
    }
}
