using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace Dmis.Replenishment.Server.Observability;

/// <summary>The service's own instruments, on the meter "Dmis.Replenishment".</summary>
public sealed class ReplenishmentMetrics
{
    public const string MeterName = "Dmis.Replenishment";

    /// <summary>Bucket bounds for a duration in seconds (the SDK's defaults are meant for milliseconds).</summary>
    private static readonly double[] SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60];

    private readonly Histogram<double> rpcServerDuration;
    private readonly Counter<long> needsListsGenerated;
    private readonly Histogram<double> calculationDuration;

    public ReplenishmentMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        rpcServerDuration = meter.CreateHistogram(
            "rpc.server.duration",
            unit: "s",
            description: "Duration of RPCs handled (OpenTelemetry RPC semantic conventions); a stream counts until it ends",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        needsListsGenerated = meter.CreateCounter<long>("dmis.needs_lists.generated", description: "Needs lists generated");
        calculationDuration = meter.CreateHistogram<double>("dmis.calculation.duration", unit: "ms", description: "Needs-list calculation time (load + compute)");
        Meter = meter;
    }

    public Meter Meter { get; }

    /// <summary>One handled RPC; <paramref name="fullMethod"/> is gRPC's "/package.Service/Method".</summary>
    public void RecordRpc(string fullMethod, StatusCode status, TimeSpan elapsed)
    {
        var separator = fullMethod.LastIndexOf('/');
        var tags = new TagList
        {
            { "rpc.system", "grpc" },
            { "rpc.service", fullMethod[1..Math.Max(separator, 1)] },
            { "rpc.method", fullMethod[(separator + 1)..] },
            { "rpc.grpc.status_code", (int)status },
        };
        rpcServerDuration.Record(elapsed.TotalSeconds, tags);
    }

    public void NeedsListGenerated() => needsListsGenerated.Add(1);

    public void RecordCalculation(TimeSpan elapsed) => calculationDuration.Record(elapsed.TotalMilliseconds);

    /// <summary>Reports a stream's current subscriber count as "dmis.stream.subscribers" tagged with the stream name.</summary>
    public void ObserveSubscribers(string stream, Func<int> count) =>
        Meter.CreateObservableGauge("dmis.stream.subscribers", () => new Measurement<int>(count(), new KeyValuePair<string, object?>("stream", stream)),
            description: "Active stream subscribers on this instance");
}
