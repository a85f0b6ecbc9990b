using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Dmis.Replenishment.Server.Observability;

/// <summary>The service's own instruments, on the meter "Dmis.Replenishment".</summary>
public sealed class ReplenishmentMetrics
{
    public const string MeterName = "Dmis.Replenishment";

    private readonly Counter<long> rpcCalls;
    private readonly Histogram<double> rpcDuration;
    private readonly Counter<long> needsListsGenerated;
    private readonly Histogram<double> calculationDuration;

    public ReplenishmentMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        rpcCalls = meter.CreateCounter<long>("dmis.rpc.calls", description: "RPCs handled, by method and status code");
        rpcDuration = meter.CreateHistogram<double>("dmis.rpc.duration", unit: "ms", description: "RPC latency, by method and status code");
        needsListsGenerated = meter.CreateCounter<long>("dmis.needs_lists.generated", description: "Needs lists generated");
        calculationDuration = meter.CreateHistogram<double>("dmis.calculation.duration", unit: "ms", description: "Needs-list calculation time (load + compute)");
        Meter = meter;
    }

    public Meter Meter { get; }

    public void RecordRpc(string method, string statusCode, TimeSpan elapsed)
    {
        var tags = new TagList { { "rpc.method", method }, { "rpc.grpc.status_code", statusCode } };
        rpcCalls.Add(1, tags);
        rpcDuration.Record(elapsed.TotalMilliseconds, tags);
    }

    public void NeedsListGenerated() => needsListsGenerated.Add(1);

    public void RecordCalculation(TimeSpan elapsed) => calculationDuration.Record(elapsed.TotalMilliseconds);

    /// <summary>Reports a stream's current subscriber count as "dmis.stream.subscribers" tagged with the stream name.</summary>
    public void ObserveSubscribers(string stream, Func<int> count) =>
        Meter.CreateObservableGauge("dmis.stream.subscribers", () => new Measurement<int>(count(), new KeyValuePair<string, object?>("stream", stream)),
            description: "Active stream subscribers on this instance");
}
