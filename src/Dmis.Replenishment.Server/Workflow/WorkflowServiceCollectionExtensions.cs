using Dmis.Replenishment.Server.Application.Workflow;
using Dmis.Replenishment.Server.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Workflow;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The needs-list workflow: its use cases, the escalation sweep and its background service, and the
    /// clock (<see cref="TimeProvider.System"/> unless something registered another, as tests do).
    /// </summary>
    public static IServiceCollection AddReplenishmentWorkflow(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkflowOptions>>(new ProblemsValidator<WorkflowOptions>(o => o.Problems()));
        services.AddSingleton<NeedsListWorkflow>();
        services.AddSingleton<EscalationSweeper>();
        services.AddHostedService<EscalationBackgroundService>();
        return services;
    }
}
