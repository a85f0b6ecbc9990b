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
    public async Task A_subscriber_resuming_after_a_change_gets_the_missed_changes_in_order_then_the_live_ones_once()
    {
        var writer = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        var seen = await ChangeAsync(writer, 5, EventPhase.Surge, 1);
        var missed = new[] { await ChangeAsync(writer, 5, EventPhase.Stabilized, 2), await ChangeAsync(writer, 5, EventPhase.Baseline, 3) };
        var watcher = new EventPhaseService.EventPhaseServiceClient(fixture.SecondInstance.CreateChannel());
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = watcher.WatchPhaseChanges(
            new WatchPhaseChangesRequest { EventIds = { 5 }, AfterHistoryId = seen }, Manager, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        var live = new[] { await ChangeAsync(writer, 5, EventPhase.Surge, 4), await ChangeAsync(writer, 5, EventPhase.Stabilized, 5) };

        var received = new List<long>();
        while (received.Count < 4 && await stream.ResponseStream.MoveNext(cancel.Token))
        {
            received.Add(stream.ResponseStream.Current.HistoryId);
        }

        Assert.Equal([.. missed, .. live], received);
    }

    [Fact]
    public async Task The_http_json_stream_resumes_from_after_history_id()
    {
        var writer = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        var seen = await ChangeAsync(writer, 6, EventPhase.Surge, 1);
        var missed = await ChangeAsync(writer, 6, EventPhase.Baseline, 2);
        using var http = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/events/phase-changes:watch?event_ids=6&after_history_id={seen}");
        request.Headers.Authorization = new("Bearer", Token("kemar", "LOGISTICS_MANAGER"));
        using var cancel = new CancellationTokenSource(Patience);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var body = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        using var first = System.Text.Json.JsonDocument.Parse(await ReadJsonObjectAsync(body, cancel.Token));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(missed, first.RootElement.GetProperty("historyId").GetInt64());
        Assert.Equal("BASELINE", first.RootElement.GetProperty("toPhase").GetString());
    }

    [Fact]
    public async Task Resuming_from_an_unknown_history_id_fails_with_FAILED_PRECONDITION()
    {
        var client = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        using var stream = client.WatchPhaseChanges(new WatchPhaseChangesRequest { AfterHistoryId = 987654321 }, Manager);

        var refused = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => stream.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("after_history_id 987654321 is not a known resume point", refused.Status.Detail);
    }

    [Fact]
    public async Task Resuming_from_a_change_older_than_the_replay_window_fails_with_FAILED_PRECONDITION()
    {
        var old = await fixture.ScalarAsync<long>(
            """
            insert into event_phase_history (event_id, from_phase, to_phase, changed_at, changed_by)
            values (6, 'BASELINE', 'SURGE', (now() at time zone 'UTC') - interval '169 hours', 'archivist')
            returning history_id
            """);
        var client = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        using var stream = client.WatchPhaseChanges(new WatchPhaseChangesRequest { AfterHistoryId = old }, Manager);

        var refused = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => stream.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("older than the replay window (168 h)", refused.Status.Detail);
    }

    [Fact]
    public async Task A_negative_resume_point_names_the_field()
    {
        var client = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        using var stream = client.WatchPhaseChanges(new WatchPhaseChangesRequest { AfterHistoryId = -1 }, Manager);

        await GrpcAssert.FailsOnField("after_history_id", () => stream.ResponseStream.MoveNext(CancellationToken.None));
    }

    private static async Task<long> ChangeAsync(EventPhaseService.EventPhaseServiceClient client, int eventId, EventPhase phase, int expectedVersion) =>
        (await client.ChangePhaseAsync(
            new ChangePhaseRequest { EventId = eventId, Phase = phase, Reason = "resume test", ExpectedVersion = expectedVersion }, Manager))
        .Change.HistoryId;

    /// <summary>The first JSON object of a transcoded stream (objects follow each other as the server writes them).</summary>
    private static async Task<string> ReadJsonObjectAsync(StreamReader body, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder();
        var depth = 0;
        var buffer = new char[1];
        while (await body.ReadAsync(buffer, cancellationToken) == 1)
        {
            if (depth == 0 && buffer[0] != '{')
            {
                continue;
            }

            text.Append(buffer[0]);
            depth += buffer[0] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text.ToString();
            }
        }

        throw new EndOfStreamException($"the stream ended before a whole JSON object: {text}");
    }

    [Fact]
    public async Task Watching_without_a_token_is_unauthenticated()
    {
        var client = new EventPhaseService.EventPhaseServiceClient(fixture.Factory.CreateChannel());
        using var stream = client.WatchPhaseChanges(new WatchPhaseChangesRequest());

        await GrpcAssert.FailsWith(StatusCode.Unauthenticated, () => stream.ResponseStream.MoveNext(CancellationToken.None));
    }
}
