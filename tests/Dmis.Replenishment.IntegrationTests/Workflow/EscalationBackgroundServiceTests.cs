using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// The escalation background service: every instance sweeps on its own timer (here every 60 s of a
/// shared fake clock); when the clock passes the 4-hour mark both fire, and the list still gets one
/// reminder row and one event.
/// </summary>
public sealed class EscalationBackgroundServiceTests(EscalationBackgroundServiceTests.Fixture fixture)
    : IClassFixture<EscalationBackgroundServiceTests.Fixture>
{
    public sealed class Fixture : EscalationTests.Fixture
    {
        protected override int SweepSeconds => 60;
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Both_instances_sweep_when_the_clock_moves_and_the_list_is_reminded_once()
    {
        var warehouse = await fixture.WarehouseAsync(41);
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", warehouseId: warehouse,
            submittedAt: fixture.Clock.GetUtcNow().UtcDateTime.AddHours(-3).AddMinutes(-59));
        var client = new NeedsListService.NeedsListServiceClient(fixture.Second.CreateChannel());
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = client.WatchNeedsListEvents(new WatchNeedsListEventsRequest { WarehouseId = warehouse }, Callers.ReadOnly, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        // Past 4 hours of waiting: the 60-second timers of both sweeping instances fire.
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(NeedsListEventType.Reminder, stream.ResponseStream.Current.Type);
        Assert.Equal(id, stream.ResponseStream.Current.NeedsListId);
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id, "COMMENT_ADDED", "REMINDER"));

        // Both timers fire again; nothing is due until 8 hours, so nothing more is written or streamed.
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        var next = stream.ResponseStream.MoveNext(cancel.Token);
        Assert.NotSame(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(1))));
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id, "COMMENT_ADDED", "REMINDER"));
    }
}
