using System.Globalization;
using System.Text;

namespace Dmis.Replenishment.Bench.Reporting;

/// <summary>The targets of issue 6 against a report, and the printed table.</summary>
public static class Targets
{
    public static List<TargetCheck> Evaluate(BenchReport report) =>
    [
        Check("preview p50 <= 150 ms", report.Preview.P50Ms, value => value <= 150, "ms"),
        Check("preview p50 <= 1.3 x SQL floor", report.Preview.RatioToFloor, value => value <= 1.3, "x"),
        Check("plan p50 <= 2 s (whole event)", report.Plan.P50Ms, value => value <= 2000, "ms"),
        Check("plan p50 <= 1.5 x its SQL floor", report.Plan.RatioToFloor, value => value <= 1.5, "x"),
        Check("generate p50 <= 1.6 x preview p50", report.Generate.RatioToPreview, value => value <= 1.6, "x"),
        Check("fan-out p99 <= 250 ms (1,000 subscribers, 2 instances)", report.Fanout.P99Ms, value => value <= 250, "ms",
            report.Fanout.Subscribers < 1000 ? $" ({report.Fanout.Subscribers} subscribers)" : ""),
        Check("server peak working set < 400 MB during load", report.Load.PeakWorkingSetMb, value => value < 400, "MB"),
    ];

    private static TargetCheck Check(string target, double? value, Func<double, bool> met, string unit, string suffix = "") => new()
    {
        Target = target,
        Measured = value is { } v ? $"{v.ToString("0.##", CultureInfo.InvariantCulture)} {unit}{suffix}" : "not measured",
        Met = value is { } x ? met(x) : null,
    };

    public static string Table(BenchReport r)
    {
        static string F(double? value, string format = "0.#") =>
            value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "null";

        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture,
            $"DMIS replenishment benchmark: scale {r.Scale} ({r.Warehouses} warehouses, {r.Items:N0} items, {r.FulfilmentLines:N0} fulfilment lines, {r.InboundDocuments:N0} inbound documents)");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"machine: {r.Machine.Nproc} cores, {r.Machine.MemoryMb:N0} MB; {r.Machine.PostgresVersion.Split(',')[0]} ({r.Machine.PostgresSource}); {r.Machine.Dotnet}");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"data: generated and loaded in {F(r.Data.LoadSeconds)} s (migrate {F(r.Data.MigrateSeconds)} s, COPY {F(r.Data.CopySeconds)} s, indexes + FKs {F(r.Data.IndexAndConstraintSeconds)} s, summaries rebuilt {F(r.Data.SummaryRebuildSeconds)} s, VACUUM ANALYZE and CHECKPOINT {F(r.Data.AnalyzeSeconds)} s); open lists holding pledges: {F(r.Data.OpenNeedsLists, "0")} ({F(r.Data.OpenNeedsListLines, "0")} lines, {F(r.Data.OpenNeedsListPledgeDraws, "0")} pledge draws)");
        b.AppendLine();
        b.AppendLine("| measurement | p50 | p95 | p99 | other |");
        b.AppendLine("|---|---:|---:|---:|---|");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"| PreviewNeedsList, gRPC (warehouse {r.Preview.WarehouseId}, {r.Preview.Iterations} calls) | {F(r.Preview.P50Ms)} ms | {F(r.Preview.P95Ms)} ms | {F(r.Preview.P99Ms)} ms | {r.Preview.Lines?.ToString(CultureInfo.InvariantCulture) ?? "?"} lines of {r.Preview.ItemsEvaluated?.ToString(CultureInfo.InvariantCulture) ?? "?"} items, {F(r.Preview.ResponseBytes / 1024.0, "0")} KB; {F(r.Preview.StockedOutLines, "0")} stocked out (ESTIMATED), {F(r.Preview.PledgeSplitLines, "0")} with a B split over {F(r.Preview.PledgeDraws, "0")} pledges |");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"| preview in-process (loader + calculator, no gRPC) | {F(r.Preview.InProcessP50Ms)} ms | {F(r.Preview.InProcessP95Ms)} ms | | |");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"| preview SQL floor (same statements, plain Npgsql) | {F(r.Preview.FloorP50Ms)} ms | {F(r.Preview.FloorP95Ms)} ms | {F(r.Preview.FloorP99Ms)} ms | {r.Preview.FloorRoundTrips} round trips, {r.Preview.FloorSequentialRoundTrips} one after another; service / floor = {F(r.Preview.RatioToFloor, "0.00")} |");
        foreach (var roundTrip in r.Preview.FloorRoundTripP50Ms)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"| &nbsp;&nbsp;floor round trip `{roundTrip.Sql}` | {F(roundTrip.P50Ms)} ms | | | |");
        }

        foreach (var phase in r.Preview.ByPhase)
        {
            b.AppendLine(CultureInfo.InvariantCulture,
                $"| PreviewNeedsList as if in {phase.Phase} ({phase.Calls} calls) | {F(phase.P50Ms)} ms | | | {phase.Lines?.ToString(CultureInfo.InvariantCulture) ?? "?"} lines |");
        }

        b.AppendLine(CultureInfo.InvariantCulture,
            $"| PlanEventReplenishment, gRPC (event {r.Plan.EventId}, {r.Plan.Iterations} calls) | {F(r.Plan.P50Ms)} ms | {F(r.Plan.P95Ms)} ms | | {F(r.Plan.Warehouses, "0")} warehouses, {F(r.Plan.Lines, "0")} lines, {F(r.Plan.Transfers, "0")} transfers, {F(r.Plan.ResponseBytes / 1024.0, "0")} KB |");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"| plan in-process / SQL floor | {F(r.Plan.InProcessP50Ms)} / {F(r.Plan.FloorP50Ms)} ms | | | {F(r.Plan.FloorRoundTrips, "0")} round trips, {F(r.Plan.FloorSequentialRoundTrips, "0")} one after another; service / floor = {F(r.Plan.RatioToFloor, "0.00")} |");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"| GenerateNeedsList ({r.Generate.Iterations} calls) | {F(r.Generate.P50Ms)} ms | {F(r.Generate.P95Ms)} ms | {F(r.Generate.P99Ms)} ms | {r.Generate.Lines?.ToString(CultureInfo.InvariantCulture) ?? "?"} lines persisted; / preview = {F(r.Generate.RatioToPreview, "0.00")} |");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"| GetStockStatus, all warehouses paged (page {r.StockStatus.PageSize}) | {F(r.StockStatus.PageP50Ms)} ms/page | | {F(r.StockStatus.PageP99Ms)} ms/page | {F(r.StockStatus.RowsPerS, "0")} rows/s ({r.StockStatus.Rows?.ToString(CultureInfo.InvariantCulture) ?? "?"} of {r.StockStatus.TotalRows?.ToString(CultureInfo.InvariantCulture) ?? "?"} rows in {F(r.StockStatus.Seconds)} s) |");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"| load: {r.Load.Clients} clients, {F(r.Load.Seconds)} s, {r.Load.Mix} | {F(r.Load.P50Ms)} ms | | {F(r.Load.P99Ms)} ms | {F(r.Load.Rps)} req/s, {r.Load.Errors?.ToString(CultureInfo.InvariantCulture) ?? "?"} errors; server CPU {F(r.Load.ServerCpuPercent, "0")} %, peak working set {F(r.Load.PeakWorkingSetMb, "0")} MB |");
        b.AppendLine(CultureInfo.InvariantCulture,
            $"| fan-out: ChangePhase -> last of {r.Fanout.Subscribers} subscribers on {r.Fanout.Instances} instances ({r.Fanout.Changes?.ToString(CultureInfo.InvariantCulture) ?? "?"} changes) | {F(r.Fanout.P50Ms)} ms | | {F(r.Fanout.P99Ms)} ms | max {F(r.Fanout.MaxMs)} ms, {r.Fanout.MissedDeliveries?.ToString(CultureInfo.InvariantCulture) ?? "?"} missed; ChangePhase p50 {F(r.Fanout.ChangeRpcP50Ms)} ms |");
        b.AppendLine();
        b.AppendLine("| target | measured | met |");
        b.AppendLine("|---|---|---|");
        foreach (var target in r.Targets)
        {
            b.AppendLine(CultureInfo.InvariantCulture, $"| {target.Target} | {target.Measured} | {(target.Met is { } met ? met ? "yes" : "NO" : "n/a")} |");
        }

        if (r.Notes.Count > 0)
        {
            b.AppendLine();
            foreach (var note in r.Notes)
            {
                b.AppendLine(CultureInfo.InvariantCulture, $"note: {note}");
            }
        }

        return b.ToString();
    }
}
