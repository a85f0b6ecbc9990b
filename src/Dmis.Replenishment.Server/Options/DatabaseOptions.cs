using System.ComponentModel.DataAnnotations;

namespace Dmis.Replenishment.Server.Options;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>ConnectionStrings:Dmis (env ConnectionStrings__Dmis).</summary>
    [Required(ErrorMessage = "ConnectionStrings:Dmis (env ConnectionStrings__Dmis) is required")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations when the server starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Load the demo data set (an event in SURGE, warehouses, stock, demand) into an empty database.</summary>
    public bool LoadDemoData { get; set; }
}
