using System.ComponentModel.DataAnnotations;

namespace Dmis.Replenishment.Server.Options;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>
    /// ConnectionStrings:Dmis (env ConnectionStrings__Dmis): the main pool, for every write and for the
    /// reads the standby does not take. May point at PgBouncer in transaction pooling mode.
    /// </summary>
    [Required(ErrorMessage = "ConnectionStrings:Dmis (env ConnectionStrings__Dmis) is required")]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// ConnectionStrings:DmisDirect (optional, defaults to Dmis): a session of its own on the primary,
    /// never through a transaction pooler, for what needs one: the LISTEN connection and migrations.
    /// </summary>
    public string DirectConnectionString { get; set; } = "";

    /// <summary>ConnectionStrings:DmisReadOnly (optional): a streaming standby for the read-only calls.</summary>
    public string ReadOnlyConnectionString { get; set; } = "";

    /// <summary>
    /// The standby answers reads while it is at most this far behind the primary
    /// (Database:MaxReplicaLagSeconds, default 5); further behind, or unreachable, the primary answers.
    /// </summary>
    [Range(0, 3600, ErrorMessage = "Database:MaxReplicaLagSeconds must be between 0 and 3600")]
    public int MaxReplicaLagSeconds { get; set; } = 5;

    /// <summary>Apply pending migrations when the server starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Load the demo data set (an event in SURGE, warehouses, stock, demand) into an empty database.</summary>
    public bool LoadDemoData { get; set; }

    /// <summary>DmisDirect, else Dmis.</summary>
    public string DirectOrMain => string.IsNullOrWhiteSpace(DirectConnectionString) ? ConnectionString : DirectConnectionString;
}
