using Dapper;
using Npgsql;

namespace Dmis.Replenishment.Data.Infrastructure;

public static class DmisDataSource
{
    static DmisDataSource()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    /// <summary>
    /// The one data source of a process. Every timestamp column holds UTC without a zone,
    /// so every session runs with TimeZone=UTC whatever the connection string says.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString, Action<NpgsqlDataSourceBuilder>? configure = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.Timezone = "UTC";
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>The same connection string, forced to UTC, for the few places that need one (Evolve, LISTEN).</summary>
    public static string WithUtc(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" }.ConnectionString;
}
