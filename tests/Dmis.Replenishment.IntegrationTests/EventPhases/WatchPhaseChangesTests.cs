using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.EventPhases;

/// <summary>Phase changes reach subscribers of every instance, through PostgreSQL LISTEN/NOTIFY.</summary>
public sealed class WatchPhaseChangesTests(WatchPhaseChangesTests.Fixture fixture) : IClassFixture<WatchPhaseChangesTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        /// <summary>A second replica on the same database.</summary>
        public ReplenishmentServerFactory SecondInstance { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            SecondInstance = new ReplenishmentServerFactory(ConnectionString);
            _ = SecondInstance.Server;
            var seed = new Seed(this);
            for (var eventId = 1; eventId <= 6; eventId++)
            {
                await seed.EventAsync(eventId, "BASELINE");
            }
        }

        public override async Task DisposeAsync()
        {
            await SecondInstance.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private static readonly Metadata Manager = Bearer(Token("kemar", "LOGISTICS_MANAGER"));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_change_made_through_one_instance_reaches_a_subscriber_of_the_other()
    {
        var writer = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        var watcher = new EventPhaseService.EventPhaseServiceClient(fixture.SecondInstance.CreateChannel());
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = watcher.WatchPhaseChanges(new WatchPhaseChangesRequest { EventIds = { 1 } }, Manager, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        var changed = await writer.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 1, Phase = EventPhase.Surge, Reason = "Category 4 landfall", ExpectedVersion = 1,
        }, Manager);

        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        var received = stream.ResponseStream.Current;
        Assert.Equal(changed.Change.HistoryId, received.HistoryId);
        Assert.Equal(1, received.EventId);
        Assert.Equal(EventPhase.Baseline, received.FromPhase);
        Assert.Equal(EventPhase.Surge, received.ToPhase);
        Assert.Equal("kemar", received.ChangedBy);
        Assert.Equal("Category 4 landfall", received.Reason);
        Assert.Equal(changed.Change.ChangedAt, received.ChangedAt);
    }

    [Fact]
    public async Task A_subscriber_filtering_by_event_receives_only_that_events_changes()
    {
        var client = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = client.WatchPhaseChanges(new WatchPhaseChangesRequest { EventIds = { 3 } }, Manager, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        await client.ChangePhaseAsync(new ChangePhaseRequest { EventId = 2, Phase = EventPhase.Surge, Reason = "other", ExpectedVersion = 1 }, Manager);
        await client.ChangePhaseAsync(new ChangePhaseRequest { EventId = 3, Phase = EventPhase.Stabilized, Reason = "mine", ExpectedVersion = 1 }, Manager);

        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(3, stream.ResponseStream.Current.EventId);
    }

    [Fact]
    public async Task Every_subscriber_of_both_instances_receives_a_change_even_when_one_never_reads()
    {
        var first = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        var second = new EventPhaseService.EventPhaseServiceClient(fixture.SecondInstance.CreateChannel());
        using var cancel = new CancellationTokenSource(Patience);
        using var idle = first.WatchPhaseChanges(new WatchPhaseChangesRequest(), Manager, cancellationToken: cancel.Token);
        using var onFirst = first.WatchPhaseChanges(new WatchPhaseChangesRequest { EventIds = { 4 } }, Manager, cancellationToken: cancel.Token);
        using var onSecond = second.WatchPhaseChanges(new WatchPhaseChangesRequest { EventIds = { 4 } }, Manager, cancellationToken: cancel.Token);
        await Task.WhenAll(idle.ResponseHeadersAsync, onFirst.ResponseHeadersAsync, onSecond.ResponseHeadersAsync);

        await second.ChangePhaseAsync(new ChangePhaseRequest { EventId = 4, Phase = EventPhase.Surge, Reason = "fan-out", ExpectedVersion = 1 }, Manager);

        Assert.True(await onFirst.ResponseStream.MoveNext(cancel.Token));
        Assert.True(await onSecond.ResponseStream.MoveNext(cancel.Token));
        Assert.Equal(onFirst.ResponseStream.Current, onSecond.ResponseStream.Current);
    }

    [Fact]
    public async Task Watching_without_a_token_is_unauthenticated()
    {
        var client = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        using var stream = client.WatchPhaseChanges(new WatchPhaseChangesRequest());

        await GrpcAssert.FailsWith(StatusCode.Unauthenticated, () => stream.ResponseStream.MoveNext(CancellationToken.None));
    }
}
