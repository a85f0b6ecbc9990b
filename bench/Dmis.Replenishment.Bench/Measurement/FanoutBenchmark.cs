using System.Collections.Concurrent;
using System.Diagnostics;
using Dmis.Replenishment.Bench.Infrastructure;
using Dmis.Replenishment.Bench.Reporting;
using Dmis.Replenishment.Testing;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Dmis.Replenishment.Bench.Measurement;

/// <summary>
/// WatchPhaseChanges fan-out: N subscribers split evenly over the server instances (each
/// subscription counts once its response headers arrive: the server sends them once it is
/// subscribed), then repeated ChangePhase calls on event <see cref="EventId"/> through the first
/// instance. Per change: the time from ChangePhase returning to the LAST subscriber receiving the
/// change (never below 0: a subscriber may even see it before the call returns). Bounded: each
/// change waits at most 10 s for its deliveries.
/// </summary>
public sealed class FanoutBenchmark(IReadOnlyList<ServerProcess> servers, string token, Action<string> log)
{
    public const int EventId = 2;
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<long, Receipt> receipts = new();

    public async Task<FanoutFigures> RunAsync(int subscribers, int perConnection, int changes, CancellationToken cancellationToken)
    {
        var figures = new FanoutFigures { Subscribers = subscribers, Instances = servers.Count, PerConnection = perConnection };
        var headers = GrpcClients.Bearer(token);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Subscriber s uses connection s / perConnection; connection c goes to instance c % instances.
        var connections = (subscribers + perConnection - 1) / perConnection;
        var channels = Enumerable.Range(0, connections)
            .Select(c => GrpcClients.Channel(servers[c % servers.Count].GrpcAddress))
            .ToList();
        var readers = new List<Task>(subscribers);
        try
        {
            var subscribeWatch = Stopwatch.StartNew();
            using var gate = new SemaphoreSlim(64);
            var subscriptions = Enumerable.Range(0, subscribers).Select(async s =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var client = new EventPhaseService.EventPhaseServiceClient(channels[s / perConnection]);
                    var call = client.WatchPhaseChanges(
                        new WatchPhaseChangesRequest { EventIds = { EventId } }, headers, cancellationToken: stop.Token);
                    await call.ResponseHeadersAsync.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
                    return call;
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            var calls = await Task.WhenAll(subscriptions);
            figures.SubscribeSeconds = Math.Round(subscribeWatch.Elapsed.TotalSeconds, 2);
            log($"  {subscribers} subscribers on {servers.Count} instances ({connections} HTTP/2 connections) in {figures.SubscribeSeconds:0.0} s");
            readers.AddRange(calls.Select(call => ReadAsync(call, subscribers, stop.Token)));

            using var changeChannel = GrpcClients.Channel(servers[0].GrpcAddress);
            var phases = new EventPhaseService.EventPhaseServiceClient(changeChannel);
            var current = await phases.GetEventAsync(new GetEventRequest { EventId = EventId }, headers, cancellationToken: cancellationToken);
            var version = current.Version;
            var phase = current.CurrentPhase;
            var lastDelivery = new LatencySeries();
            var changeRpc = new LatencySeries();
            var missed = 0;
            for (var change = 1; change <= changes; change++)
            {
                var next = phase == EventPhase.Baseline ? EventPhase.Stabilized : EventPhase.Baseline;
                var before = Stopwatch.GetTimestamp();
                var response = await phases.ChangePhaseAsync(
                    new ChangePhaseRequest
                    {
                        EventId = EventId,
                        Phase = next,
                        Reason = $"benchmark fan-out change {change}",
                        ExpectedVersion = version,
                        RequestId = Guid.NewGuid().ToString("N"),
                    },
                    headers,
                    cancellationToken: cancellationToken);
                var returned = Stopwatch.GetTimestamp();
                changeRpc.Add(Stopwatch.GetElapsedTime(before, returned).TotalMilliseconds);
                version = response.Event.Version;
                phase = response.Event.CurrentPhase;

                var receipt = receipts.GetOrAdd(response.Change.HistoryId, _ => new Receipt());
                var complete = await Task.WhenAny(receipt.AllReceived.Task, Task.Delay(DeliveryTimeout, cancellationToken)) == receipt.AllReceived.Task;
                if (!complete)
                {
                    missed += subscribers - receipt.Count;
                }

                var last = Interlocked.Read(ref receipt.LastTimestamp);
                lastDelivery.Add(last == 0 ? DeliveryTimeout.TotalMilliseconds : Math.Max(0, Stopwatch.GetElapsedTime(returned, last).TotalMilliseconds));
                await Task.Delay(200, cancellationToken);
            }

            figures.Changes = changes;
            figures.MissedDeliveries = missed;
            figures.P50Ms = lastDelivery.Percentile(50);
            figures.P99Ms = lastDelivery.Percentile(99);
            figures.MaxMs = lastDelivery.Max();
            figures.ChangeRpcP50Ms = changeRpc.Percentile(50);
            return figures;
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(readers.Select(reader => reader.ContinueWith(_ => { }, TaskScheduler.Default)));
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }
    }

    private async Task ReadAsync(AsyncServerStreamingCall<PhaseChange> call, int subscribers, CancellationToken cancellationToken)
    {
        using (call)
        {
            try
            {
                while (await call.ResponseStream.MoveNext(cancellationToken))
                {
                    var now = Stopwatch.GetTimestamp();
                    var receipt = receipts.GetOrAdd(call.ResponseStream.Current.HistoryId, _ => new Receipt());
                    receipt.Record(now, subscribers);
                }
            }
            catch (RpcException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private sealed class Receipt
    {
        public long LastTimestamp;
        private int count;

        public int Count => Volatile.Read(ref count);

        public TaskCompletionSource AllReceived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Record(long timestamp, int expected)
        {
            long seen;
            do
            {
                seen = Interlocked.Read(ref LastTimestamp);
            }
            while (timestamp > seen && Interlocked.CompareExchange(ref LastTimestamp, timestamp, seen) != seen);

            if (Interlocked.Increment(ref count) >= expected)
            {
                AllReceived.TrySetResult();
            }
        }
    }
}
