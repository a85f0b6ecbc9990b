using Dmis.Replenishment.Data.Audit;
using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Data.Procurement;
using Dmis.Replenishment.Data.Workflow;
using Dmis.Replenishment.Server.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dmis.Replenishment.Server.Hosting;

public static class DataExtensions
{
    public static IServiceCollection AddReplenishmentData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .Configure(options =>
            {
                options.ConnectionString = configuration.GetConnectionString("Dmis") ?? "";
                options.DirectConnectionString = configuration.GetConnectionString("DmisDirect") ?? "";
                options.ReadOnlyConnectionString = configuration.GetConnectionString("DmisReadOnly") ?? "";
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
            DmisDataSource.Create(provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return new RecentNeedsListWrites(
                TimeSpan.FromSeconds(settings.MaxReplicaLagSeconds) + 2 * StandbyReplica.CheckInterval,
                provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var standby = string.IsNullOrWhiteSpace(settings.ReadOnlyConnectionString)
                ? null
                : new StandbyReplica(
                    DmisDataSource.Create(settings.ReadOnlyConnectionString),
                    TimeSpan.FromSeconds(settings.MaxReplicaLagSeconds),
                    provider.GetRequiredService<TimeProvider>());
            return new ReadConnections(
                provider.GetRequiredService<NpgsqlDataSource>(), standby, provider.GetRequiredService<RecentNeedsListWrites>());
        });
        services.AddSingleton<EventStore>();
        services.AddSingleton<PhaseHistoryJournal>();
        services.AddSingleton<NeedsListEventJournal>();
        services.AddSingleton<PhaseConfigStore>();
        services.AddSingleton<NeedsListStore>();
        services.AddSingleton<NeedsListWorkflowStore>();
        services.AddSingleton<SupplierStore>();
        services.AddSingleton<LeadTimeStore>();
        services.AddSingleton<ProcurementStore>();
        services.AddSingleton<ChangeAuditJournal>();

        // Registered first so that the schema is in place before anything else starts.
        services.AddHostedService<StartupMigration>();
        return services;
    }
}
