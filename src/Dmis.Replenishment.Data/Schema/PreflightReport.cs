namespace Dmis.Replenishment.Data.Schema;

/// <summary>The migration guide's step 1, as data: what `migrate --dry-run` prints.</summary>
public sealed record PreflightReport(
    string ServerVersionText,
    Version ServerVersion,
    IReadOnlyList<string> LegacyTablesPresent,
    IReadOnlyList<string> ConflictingTables,
    IReadOnlyList<string> AppliedVersions,
    IReadOnlyList<string> PendingMigrations)
{
    /// <summary>SCHEMA.md: PostgreSQL 16+, and it must also run on 15.</summary>
    public static readonly Version MinimumServerVersion = new(15, 0);

    public IEnumerable<string> Problems()
    {
        if (ServerVersion < MinimumServerVersion)
        {
            yield return $"PostgreSQL {ServerVersion} is too old: {MinimumServerVersion.Major} or later is needed";
        }

        foreach (var table in ConflictingTables)
        {
            yield return $"table public.{table} exists but was not created by these migrations: it is in the way of EP-02";
        }
    }

    public bool IsReady => !Problems().Any();
}
