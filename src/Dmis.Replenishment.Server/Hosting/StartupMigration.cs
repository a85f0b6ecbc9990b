using Dmis.Replenishment.Data.Demo;
using Dmis.Replenishment.Data.Schema;
using Dmis.Replenishment.Server.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dmis.Replenishment.Server.Hosting;

/// <summary>Applies pending migrations (and, when asked, the demo data) before the server accepts calls.</summary>
public sealed partial class StartupMigration(
    IOptions<DatabaseOptions> options, NpgsqlDataSource dataSource, ILogger<StartupMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.MigrateOnStartup)
        {
            var applied = new DatabaseMigrator(settings.DirectOrMain, message => LogEvolve(message)).Migrate();
            LogMigrated(applied.Count);
        }

        if (settings.LoadDemoData && await DemoData.LoadIfEmptyAsync(dataSource, cancellationToken))
        {
            LogDemoLoaded();
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Evolve: {Message}")]
    private partial void LogEvolve(string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated: {Count} migration(s) applied")]
    private partial void LogMigrated(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded")]
    private partial void LogDemoLoaded();
}
