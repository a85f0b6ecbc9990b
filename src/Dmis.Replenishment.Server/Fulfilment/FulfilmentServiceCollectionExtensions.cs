using Dmis.Replenishment.Server.Application.Fulfilment;
using Dmis.Replenishment.Server.Options;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Fulfilment;

public static class FulfilmentServiceCollectionExtensions
{
    /// <summary>Needs-list fulfilment: completion, the transfer steps, and the sweep with its background service.</summary>
    public static IServiceCollection AddReplenishmentFulfilment(this IServiceCollection services)
    {
        services.AddOptions<FulfilmentOptions>().BindConfiguration(FulfilmentOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FulfilmentOptions>>(new ProblemsValidator<FulfilmentOptions>(o => o.Problems()));
        services.AddSingleton<NeedsListCompletion>();
        services.AddSingleton<TransferMovements>();
        services.AddSingleton<FulfilmentSweeper>();
        services.AddHostedService<FulfilmentBackgroundService>();
        return services;
    }
}
