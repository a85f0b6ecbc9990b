using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.Server.Health;
using Dmis.Replenishment.Server.Streaming;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.Streaming;

/// <summary>
/// Two instances reach the database through a proxy the test can cut: a database outage from their side.
/// Subscribers keep their streams across it and get every change exactly once, in order, including
/// the changes committed while their instance's listener was disconnected.
/// </summary>
public sealed class StreamOutageTests(StreamOutageTests.Fixture fixture) : IClassFixture<StreamOutageTests.Fixture>
{
    public sealed class Fixture : WorkflowFixture
    {
        /// <summary>Events whose phases the phase-change test moves (the workflow's events keep theirs).</summary>
        public const int FirstEvent = 11;

        public TcpProxy Proxy { get; private set; } = null!;

        public ReplenishmentServerFactory First { get; private set; } = null!;

        public ReplenishmentServerFactory Second { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var direct = new NpgsqlConnectionStringBuilder(ConnectionString);
            Proxy = new TcpProxy(direct.Host!, direct.Port);
            var throughProxy = new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = Proxy.Port, Timeout = 3 }.ConnectionString;
            // Quiet: the outage makes every background service of both instances complain, as it should.
            First = new ReplenishmentServerFactory(throughProxy, services => services.AddLogging(logging => logging.ClearProviders()));
            Second = new ReplenishmentServerFactory(throughProxy, services => services.AddLogging(logging => logging.ClearProviders()));
            _ = (First.Server, Second.Server);
            var seed = new Seed(this);
            for (var eventId = FirstEvent; eventId < FirstEvent + 3; eventId++)
            {
                await seed.EventAsync(eventId, "BASELINE");
            }
        }

        public override async Task DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
            await Proxy.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private static readonly Metadata Manager = Bearer(Token("kemar", "LOGISTICS_MANAGER"));
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_subscriber_of_both_instances_gets_every_phase_change_once_in_order_across_a_database_outage()
    {
        using var cancel = new CancellationTokenSource(Patience);
        var instances = new[] { fixture.First, fixture.Second };
        var streams = instances
            .SelectMany(instance => new[] { Client(instance), Client(instance) })
            .Select(client => client.WatchPhaseChanges(new WatchPhaseChangesRequest(), Manager, cancellationToken: cancel.Token))
            .ToList();
        await Task.WhenAll(streams.Select(stream => stream.ResponseHeadersAsync));
        await ChangeAsync(fixture.First, Fixture.FirstEvent, EventPhase.Surge, "before the outage", cancel.Token);

        fixture.Proxy.Down();
        await UntilAsync(() => instances.All(instance => !Listener(instance).IsListening), cancel.Token);
        var readinessDuringOutage = await Task.WhenAll(instances.Select(ReadinessAsync));
        // Committed while no instance can hear it: recovered from the table after the reconnect.
        await fixture.ExecuteAsync(
            """
            select set_config('dmis.phase_change_reason', 'during the outage', true);
            update event set current_phase = 'SURGE', phase_changed_by = 'dba', phase_changed_at = now() at time zone 'UTC' where event_id = @second;
            update event set current_phase = 'STABILIZED', phase_changed_by = 'dba', phase_changed_at = now() at time zone 'UTC' where event_id = @first;
            """,
            new { first = Fixture.FirstEvent, second = Fixture.FirstEvent + 1 });
        fixture.Proxy.Up();
        await ChangeAsync(fixture.Second, Fixture.FirstEvent + 1, EventPhase.Stabilized, "right after the outage", cancel.Token);
        await UntilAsync(() => instances.All(instance => Listener(instance).IsListening), cancel.Token);
        var last = await ChangeAsync(fixture.First, Fixture.FirstEvent + 2, EventPhase.Surge, "last", cancel.Token);

        var expected = await fixture.QueryAsync<long>("select history_id from event_phase_history order by history_id");
        Assert.Equal(5, expected.Count);
        Assert.All(readinessDuringOutage, status => Assert.Equal(HealthStatus.Unhealthy, status));
        Assert.All(await Task.WhenAll(instances.Select(ReadinessAsync)), status => Assert.Equal(HealthStatus.Healthy, status));
        foreach (var stream in streams)
        {
            Assert.Equal(expected, await ReceiveThroughAsync(stream, last, change => change.HistoryId, cancel.Token));
        }
    }

    [Fact]
    public async Task Every_subscriber_of_both_instances_gets_every_needs_list_event_once_in_order_across_a_database_outage()
    {
        var lists = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            lists.Add(await fixture.Lists.NeedsListAsync("DRAFT", warehouseId: OtherFreshWarehouse));
        }

        using var cancel = new CancellationTokenSource(Patience);
        var instances = new[] { fixture.First, fixture.Second };
        var streams = instances
            .SelectMany(instance => new[] { Lists(instance), Lists(instance) })
            .Select(client => client.WatchNeedsListEvents(
                new WatchNeedsListEventsRequest { WarehouseId = OtherFreshWarehouse }, Callers.ReadOnly, cancellationToken: cancel.Token))
            .ToList();
        await Task.WhenAll(streams.Select(stream => stream.ResponseHeadersAsync));
        await CancelAsync(fixture.First, lists[0], cancel.Token);

        fixture.Proxy.Down();
        await UntilAsync(() => instances.All(instance => !Listener(instance).IsListening), cancel.Token);
        // A third instance still reaches the database: its changes are committed while the two others cannot hear them.
        await CancelAsync(fixture.Factory, lists[1], cancel.Token);
        await RetryAsync(() => Lists(fixture.Factory).SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = lists[2], ExpectedVersion = 1, RequestId = $"outage-submit-{lists[2]}" },
            Callers.Officer, cancellationToken: cancel.Token).ResponseAsync, cancel.Token);
        fixture.Proxy.Up();
        await CancelAsync(fixture.Second, lists[3], cancel.Token);
        await UntilAsync(() => instances.All(instance => Listener(instance).IsListening), cancel.Token);
        var review = await RetryAsync(() => Lists(fixture.First).StartReviewAsync(
            new StartReviewRequest { NeedsListId = lists[2], ExpectedVersion = 2, RequestId = $"outage-review-{lists[2]}" },
            Callers.SeniorDirector, cancellationToken: cancel.Token).ResponseAsync, cancel.Token);

        var expected = await fixture.QueryAsync<long>(
            """
            select a.audit_id from needs_list_audit a join needs_list nl on nl.needs_list_id = a.needs_list_id
             where nl.warehouse_id = @warehouse and a.field_name = 'status_code' order by a.audit_id
            """,
            new { warehouse = OtherFreshWarehouse });
        Assert.Equal(5, expected.Count);
        foreach (var stream in streams)
        {
            Assert.Equal(expected, await ReceiveThroughAsync(stream, expected[^1], message => message.AuditId, cancel.Token));
        }

        Assert.Equal(NeedsListStatus.UnderReview, review.Status);
    }

    private static NeedsListService.NeedsListServiceClient Lists(ReplenishmentServerFactory instance) => new(instance.CreateChannel());

    private static Task<NeedsList> CancelAsync(ReplenishmentServerFactory instance, int needsListId, CancellationToken cancellationToken) =>
        RetryAsync(() => Lists(instance).CancelNeedsListAsync(
            new CancelNeedsListRequest { NeedsListId = needsListId, ExpectedVersion = 1, RequestId = $"outage-cancel-{needsListId}" },
            Callers.Officer, cancellationToken: cancellationToken).ResponseAsync, cancellationToken);

    private static EventPhaseService.EventPhaseServiceClient Client(ReplenishmentServerFactory instance) => new(instance.CreateChannel());

    private static PostgresNotificationListener Listener(ReplenishmentServerFactory instance) =>
        instance.Services.GetRequiredService<PostgresNotificationListener>();

    private static async Task<HealthStatus> ReadinessAsync(ReplenishmentServerFactory instance) =>
        (await instance.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(check => check.Tags.Contains(ReadinessChecks.Tag))).Status;

    /// <summary>A phase change through the API (retried, see <see cref="RetryAsync{T}"/>). Returns its history_id.</summary>
    private async Task<long> ChangeAsync(
        ReplenishmentServerFactory instance, int eventId, EventPhase phase, string reason, CancellationToken cancellationToken)
    {
        var version = await fixture.ScalarAsync<int>("select version_nbr from event where event_id = @eventId", new { eventId });
        var changed = await RetryAsync(() => Client(instance).ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = eventId, Phase = phase, Reason = reason, ExpectedVersion = version, RequestId = $"outage-{eventId}-{phase}",
        }, Manager, cancellationToken: cancellationToken).ResponseAsync, cancellationToken);
        return changed.Change.HistoryId;
    }

    /// <summary>
    /// A call retried while the instance's pooled connections find out the database came back
    /// (every call here has a request_id, so a retry is safe).
    /// </summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return await call();
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.Internal)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static async Task<List<long>> ReceiveThroughAsync<T>(
        AsyncServerStreamingCall<T> stream, long lastId, Func<T, long> idOf, CancellationToken cancellationToken)
    {
        var received = new List<long>();
        while (received.LastOrDefault() != lastId && await stream.ResponseStream.MoveNext(cancellationToken))
        {
            received.Add(idOf(stream.ResponseStream.Current));
        }

        return received;
    }

    private static async Task UntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
