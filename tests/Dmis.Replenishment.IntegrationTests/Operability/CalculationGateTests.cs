using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Server.Calculation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.IntegrationTests.Operability;

/// <summary>Calculation:MaxConcurrentCalculations bounds the calculations running at once on an instance, MaxQueuedCalculations those waiting.</summary>
public sealed class CalculationGateTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_calculation_past_the_bound_waits_until_one_ends()
    {
        using var gate = new CalculationGate(Options.Create(new CalculationOptions { MaxConcurrentCalculations = 2 }));
        var first = await gate.EnterAsync(CancellationToken.None);
        using var second = await gate.EnterAsync(CancellationToken.None);

        var third = gate.EnterAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(third.IsCompleted);

        first.Dispose();
        first.Dispose(); // a slot is given back once, however often it is disposed
        using var entered = await third.WaitAsync(TimeSpan.FromSeconds(5));
        var fourth = gate.EnterAsync(CancellationToken.None);
        await Task.Delay(100);
        Assert.False(fourth.IsCompleted);
    }

    [Fact]
    public async Task A_waiting_calculation_can_be_cancelled()
    {
        using var gate = new CalculationGate(Options.Create(new CalculationOptions { MaxConcurrentCalculations = 1 }));
        using var only = await gate.EnterAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => gate.EnterAsync(cancellation.Token));
    }

    [Fact]
    public async Task A_calculation_past_the_queue_limit_is_refused_at_once()
    {
        using var gate = new CalculationGate(Options.Create(new CalculationOptions { MaxConcurrentCalculations = 1, MaxQueuedCalculations = 1 }));
        using var running = await gate.EnterAsync(CancellationToken.None);
        var waiting = gate.EnterAsync(CancellationToken.None);

        await Assert.ThrowsAsync<CalculationQueueFullException>(() => gate.EnterAsync(CancellationToken.None));

        running.Dispose();
        using var entered = await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_bound_below_one_stops_the_server_at_start_naming_the_setting()
    {
        using var factory = new ReplenishmentServerFactory(fixture.ConnectionString, services =>
            services.PostConfigure<CalculationOptions>(options => options.MaxConcurrentCalculations = 0));

        var exception = Assert.ThrowsAny<OptionsValidationException>(() => factory.Server);

        Assert.Contains("Calculation:MaxConcurrentCalculations", exception.Message, StringComparison.Ordinal);
    }
}
