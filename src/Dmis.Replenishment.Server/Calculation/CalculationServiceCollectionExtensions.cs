using Dmis.Replenishment.Server.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Calculation;

public static class CalculationServiceCollectionExtensions
{
    /// <summary>
    /// The bound on concurrent calculations, and the upkeep of the calculation's data: the compaction of the
    /// hourly fulfilment summary, on the clock (<see cref="TimeProvider.System"/> unless something registered
    /// another, as tests do).
    /// </summary>
    public static IServiceCollection AddReplenishmentCalculation(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CalculationOptions>().BindConfiguration(CalculationOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CalculationOptions>>(new ProblemsValidator<CalculationOptions>(o => o.Problems()));
        services.AddSingleton<CalculationGate>();
        services.AddHostedService<SummaryCompactionService>();
        return services;
    }
}
