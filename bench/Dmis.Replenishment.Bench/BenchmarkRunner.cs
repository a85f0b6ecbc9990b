using System.Diagnostics;
using System.Runtime.InteropServices;
using Dmis.Replenishment.Bench.Generation;
using Dmis.Replenishment.Bench.Infrastructure;
using Dmis.Replenishment.Bench.Measurement;
using Dmis.Replenishment.Bench.Reporting;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.Server.Application.Planning;
using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Options;
using Dmis.Replenishment.Testing;
using Dmis.Replenishment.V1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Dmis.Replenishment.Bench;

/// <summary>
/// One benchmark run: data set, two real server instances on it, then each measurement in turn on
/// the same data. A measurement that fails (or whose RPC answers UNIMPLEMENTED) leaves its figures
/// null and a note; the others still run.
/// </summary>
public sealed class BenchmarkRunner(BenchOptions options, Action<string> log)
{
    private const string SigningKey = "dmis-benchmark-signing-key-0123456789abcdef";
    private const int PreviewEventId = 1;
    private const int PreviewWarehouseId = 1;

    /// <summary>Where lists are submitted before measuring (the next busiest warehouses), so that pledges and sources are partly held.</summary>
    private static readonly int[] PledgeHoldingWarehouseIds = [2, 3, 4];

    private readonly BenchReport report = new();

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var size = DataSetSize.For(options.Scale);
        report.StartedAt = DateTime.UtcNow;
        report.Scale = options.Scale;
        report.Seed = options.Seed;
        report.Warehouses = size.Warehouses;
        report.Items = size.Items;
        report.FulfilmentLines = size.FulfilmentLines;
        report.InboundDocuments = size.InboundDocuments;
        report.Preview = new PreviewFigures { EventId = PreviewEventId, WarehouseId = PreviewWarehouseId, Phase = "SURGE (current)" };
        report.Plan = new PlanFigures { EventId = PreviewEventId };
        report.Generate = new GenerateFigures();
        report.StockStatus = new StockStatusFigures { PageSize = options.StockStatusPageSize };
        report.Load = new LoadFigures { Clients = options.LoadClients };
        report.Fanout = new FanoutFigures { Subscribers = options.FanoutSubscribers, Instances = 2, PerConnection = options.FanoutPerConnection };
        DescribeMachine();

        await using var postgres = await BenchPostgres.StartAsync(cancellationToken);
        var (version, settings) = await postgres.DescribeAsync(cancellationToken);
        report.Machine.PostgresVersion = version;
        report.Machine.PostgresSource = postgres.Source;
        report.Machine.PostgresSettings = settings;
        log($"PostgreSQL: {version} ({postgres.Source})");

        var reuse = options.ReuseDatabase is not null;
        var database = options.ReuseDatabase ?? $"dmis_bench_{Environment.ProcessId}_{DateTime.UtcNow:HHmmss}";
        var connectionString = reuse ? postgres.ConnectionString(database) : await postgres.CreateDatabaseAsync(database, cancellationToken);
        try
        {
            if (reuse)
            {
                await DescribeReusedAsync(connectionString, database, cancellationToken);
            }
            else
            {
                var generation = await new ReferenceDataGenerator(connectionString, size, options.Seed, log).GenerateAsync(cancellationToken);
                report.FulfilmentLines = generation.RowCounts.GetValueOrDefault("reliefpkg_item");
                report.Data = new DataFigures
                {
                    AnchorUtc = generation.AnchorUtc,
                    MigrateSeconds = Round(generation.MigrateSeconds),
                    CopySeconds = Round(generation.LoadSeconds),
                    IndexAndConstraintSeconds = Round(generation.IndexAndConstraintSeconds),
                    SummaryRebuildSeconds = Round(generation.SummaryRebuildSeconds),
                    AnalyzeSeconds = Round(generation.AnalyzeSeconds),
                    LoadSeconds = Round(generation.TotalSeconds),
                    Rows = new Dictionary<string, long>(generation.RowCounts),
                };
            }

            log("starting two server instances");
            foreach (var (variable, value) in options.ServerEnvironment)
            {
                Note($"servers ran with {variable}={value}");
            }

            var servers = await Task.WhenAll(
                ServerProcess.StartAsync("A", connectionString, SigningKey, options.ServerLogLevel, options.ServerEnvironment, cancellationToken),
                ServerProcess.StartAsync("B", connectionString, SigningKey, options.ServerLogLevel, options.ServerEnvironment, cancellationToken));
            try
            {
                var token = new LocalTokenIssuer(new AuthOptions { SigningKey = SigningKey })
                    .Issue("bench-manager", ["LOGISTICS_MANAGER"], TimeSpan.FromHours(6), Enumerable.Range(1, report.Warehouses));
                if (!reuse)
                {
                    await SubmitOpenListsAsync(servers[0], token, cancellationToken);
                }

                await MeasureAsync("preview", () => PreviewAsync(servers[0], connectionString, token, cancellationToken));
                await MeasureAsync("plan", () => PlanAsync(servers[0], connectionString, token, cancellationToken));
                int? needsListId = null;
                await MeasureAsync("generate", async () => needsListId = await GenerateAsync(servers[0], token, cancellationToken));
                await MeasureAsync("stock_status", () => StockStatusAsync(servers[0], token, cancellationToken));
                await MeasureAsync("load", async () =>
                {
                    log($"load: {options.LoadClients} clients for {options.LoadSeconds} s on instance A");
                    report.Load = await new LoadBenchmark(servers[0], token, size.Warehouses, log)
                        .RunAsync(options.LoadClients, options.LoadSeconds, needsListId, options.Seed, cancellationToken);
                });
                await MeasureAsync("fanout", async () =>
                {
                    log($"fan-out: {options.FanoutSubscribers} WatchPhaseChanges subscribers over 2 instances, {options.FanoutChanges} changes");
                    report.Fanout = await new FanoutBenchmark(servers, token, log)
                        .RunAsync(options.FanoutSubscribers, options.FanoutPerConnection, options.FanoutChanges, cancellationToken);
                });

                foreach (var server in servers)
                {
                    var (peak, _) = server.Memory();
                    log($"server {server.Name}: lifetime peak working set {peak:0} MB");
                }
            }
            finally
            {
                foreach (var server in servers)
                {
                    await server.DisposeAsync();
                }
            }
        }
        finally
        {
            if (options.KeepDatabase || reuse)
            {
                log($"database kept: {database} ({postgres.Source})");
            }
            else
            {
                await postgres.DropDatabaseAsync(database, CancellationToken.None);
            }
        }

        report.Targets = Targets.Evaluate(report);
        report.TotalSeconds = Round(total.Elapsed.TotalSeconds);
        return report;
    }

    private async Task PreviewAsync(ServerProcess server, string connectionString, string token, CancellationToken cancellationToken)
    {
        var asOf = DateTime.UtcNow;
        asOf = asOf.AddTicks(-(asOf.Ticks % TimeSpan.TicksPerSecond));
        var headers = GrpcClients.Bearer(token);
        var request = new PreviewNeedsListRequest
        {
            EventId = PreviewEventId,
            WarehouseId = PreviewWarehouseId,
            AsOf = Timestamp.FromDateTime(asOf),
        };
        report.Preview.Iterations = options.PreviewIterations;

        // The floor: the statements the server runs for this very request.
        await using var floor = await PreviewFloor.CaptureAsync(
            connectionString,
            new CalculationRequest(PreviewEventId, PreviewWarehouseId, null, DateTime.SpecifyKind(asOf, DateTimeKind.Unspecified)),
            cancellationToken);
        report.Preview.FloorRoundTrips = floor.RoundTrips;
        report.Preview.FloorSequentialRoundTrips = floor.SequentialRoundTrips;
        report.Preview.FloorStatements = floor.Statements;
        log($"preview: warehouse {PreviewWarehouseId}, event {PreviewEventId}; floor = {floor.RoundTrips} round trips ({floor.SequentialRoundTrips} one after another), {floor.Statements} statements");

        using var channel = GrpcClients.Channel(server.GrpcAddress);
        var client = new NeedsListService.NeedsListServiceClient(channel);
        var service = new LatencySeries();
        var sql = new LatencySeries();
        var inProcess = new LatencySeries();
        var roundTrips = Enumerable.Range(0, floor.RoundTrips).Select(_ => new LatencySeries()).ToList();
        var serviceAvailable = true;
        for (var i = 0; i < options.Warmup + options.PreviewIterations; i++)
        {
            var measured = i >= options.Warmup;
            // Interleaved, so that a noisy neighbour on the machine hits all three series alike.
            if (serviceAvailable)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    var preview = await client.PreviewNeedsListAsync(request, headers, cancellationToken: cancellationToken);
                    if (measured)
                    {
                        service.AddSince(start);
                    }

                    report.Preview.Lines = preview.Lines.Count;
                    var counts = NewPathCounts.Of(preview.Lines);
                    report.Preview.StockedOutLines = counts.StockedOutLines;
                    report.Preview.PledgeSplitLines = counts.PledgeSplitLines;
                    report.Preview.PledgeDraws = counts.PledgeDraws;
                    report.Preview.ItemsEvaluated = preview.ItemsEvaluated;
                    report.Preview.ResponseBytes = preview.CalculateSize();
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
                {
                    serviceAvailable = false;
                    Note("preview: PreviewNeedsList answered UNIMPLEMENTED: preview.p50_ms, p95_ms, p99_ms and ratio_to_floor are null (the floor is still measured)");
                }
            }

            var (floorMs, perRoundTrip) = await floor.ReplayAsync(cancellationToken);
            var (inProcessMs, lines) = await floor.InProcessAsync(cancellationToken);
            if (measured)
            {
                sql.Add(floorMs);
                for (var r = 0; r < perRoundTrip.Length; r++)
                {
                    roundTrips[r].Add(perRoundTrip[r]);
                }

                inProcess.Add(inProcessMs);
            }

            report.Preview.Lines ??= lines;
        }

        report.Preview.P50Ms = service.Percentile(50);
        report.Preview.P95Ms = service.Percentile(95);
        report.Preview.P99Ms = service.Percentile(99);
        report.Preview.FloorP50Ms = sql.Percentile(50);
        report.Preview.FloorP95Ms = sql.Percentile(95);
        report.Preview.FloorP99Ms = sql.Percentile(99);
        report.Preview.InProcessP50Ms = inProcess.Percentile(50);
        report.Preview.InProcessP95Ms = inProcess.Percentile(95);
        report.Preview.RatioToFloor = Ratio(report.Preview.P50Ms, report.Preview.FloorP50Ms);
        report.Preview.FloorRoundTripP50Ms = floor.RoundTripNames
            .Select((name, r) => new RoundTripFigure { Sql = name, P50Ms = roundTrips[r].Percentile(50) })
            .ToList();
        log($"  service p50 {report.Preview.P50Ms} ms, in-process p50 {report.Preview.InProcessP50Ms} ms, SQL floor p50 {report.Preview.FloorP50Ms} ms; {report.Preview.Lines} lines of {report.Preview.ItemsEvaluated} items, " +
            $"{report.Preview.StockedOutLines} stocked out (ESTIMATED), {report.Preview.PledgeSplitLines} with a B split over {report.Preview.PledgeDraws} pledges");

        if (serviceAvailable)
        {
            foreach (var phase in new[] { EventPhase.Surge, EventPhase.Stabilized, EventPhase.Baseline })
            {
                report.Preview.ByPhase.Add(await PreviewAsIfInAsync(client, request, phase, headers, cancellationToken));
            }
        }
    }

    /// <summary>Lists generated and submitted at <see cref="PledgeHoldingWarehouseIds"/> (see <see cref="OpenNeedsLists"/>).</summary>
    /// <summary>
    /// PlanEventReplenishment over every warehouse of the event, interleaved with its SQL floor (the statements
    /// the server runs for it, replayed with plain Npgsql) and its in-process path, as the preview is measured.
    /// Few calls: each plans the whole event.
    /// </summary>
    private async Task PlanAsync(ServerProcess server, string connectionString, string token, CancellationToken cancellationToken)
    {
        var asOf = DateTime.UtcNow;
        asOf = asOf.AddTicks(-(asOf.Ticks % TimeSpan.TicksPerSecond));
        var headers = GrpcClients.Bearer(token);
        var request = new PlanEventReplenishmentRequest { EventId = PreviewEventId, AsOf = Timestamp.FromDateTime(asOf) };
        report.Plan.Iterations = options.PlanIterations;
        await using var floor = await PreviewFloor.CaptureAsync(
            connectionString,
            new PlanRequest(PreviewEventId, [], null, DateTime.SpecifyKind(asOf, DateTimeKind.Unspecified), Domain.Planning.WhatIfAssumptions.None),
            cancellationToken);
        report.Plan.FloorRoundTrips = floor.RoundTrips;
        report.Plan.FloorSequentialRoundTrips = floor.SequentialRoundTrips;
        log($"plan: event {PreviewEventId}, every warehouse; floor = {floor.RoundTrips} round trips ({floor.SequentialRoundTrips} one after another)");

        using var channel = GrpcClients.Channel(server.GrpcAddress);
        var client = new NeedsListService.NeedsListServiceClient(channel);
        var (service, sql, inProcess) = (new LatencySeries(), new LatencySeries(), new LatencySeries());
        for (var i = 0; i < options.PlanWarmup + options.PlanIterations; i++)
        {
            var measured = i >= options.PlanWarmup;
            var start = Stopwatch.GetTimestamp();
            var plan = await client.PlanEventReplenishmentAsync(request, headers, cancellationToken: cancellationToken);
            var serviceMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var (floorMs, _) = await floor.ReplayAsync(cancellationToken);
            var (inProcessMs, _) = await floor.InProcessAsync(cancellationToken);
            if (measured)
            {
                service.Add(serviceMs);
                sql.Add(floorMs);
                inProcess.Add(inProcessMs);
            }

            report.Plan.Warehouses = plan.Warehouses.Count;
            report.Plan.Lines = plan.Totals.Lines;
            report.Plan.Transfers = plan.Totals.Transfers;
            report.Plan.ResponseBytes = plan.CalculateSize();
        }

        report.Plan.P50Ms = service.Percentile(50);
        report.Plan.P95Ms = service.Percentile(95);
        report.Plan.FloorP50Ms = sql.Percentile(50);
        report.Plan.InProcessP50Ms = inProcess.Percentile(50);
        report.Plan.RatioToFloor = Ratio(report.Plan.P50Ms, report.Plan.FloorP50Ms);
        log($"  plan p50 {report.Plan.P50Ms} ms, in-process p50 {report.Plan.InProcessP50Ms} ms, SQL floor p50 {report.Plan.FloorP50Ms} ms; " +
            $"{report.Plan.Warehouses} warehouses, {report.Plan.Lines} lines, {report.Plan.Transfers} transfers");
    }

    private async Task SubmitOpenListsAsync(ServerProcess server, string token, CancellationToken cancellationToken)
    {
        using var channel = GrpcClients.Channel(server.GrpcAddress);
        var open = await new OpenNeedsLists(new NeedsListService.NeedsListServiceClient(channel), GrpcClients.Bearer(token))
            .SubmitAsync(PreviewEventId, PledgeHoldingWarehouseIds, cancellationToken);
        report.Data.OpenNeedsLists = open.Lists;
        report.Data.OpenNeedsListLines = open.Lines;
        report.Data.OpenNeedsListPledgeDraws = open.Counts.PledgeDraws;
        log($"open lists: {open.Lists} submitted at warehouses {string.Join(", ", PledgeHoldingWarehouseIds)} ({open.Lines} lines, " +
            $"{open.Counts.PledgeSplitLines} of them drawing on {open.Counts.PledgeDraws} pledges, {open.Counts.StockedOutLines} stocked out)");
    }

    /// <summary>The measured preview as a what-if in <paramref name="phase"/>: its demand window (6 h, 72 h or 720 h by default).</summary>
    private async Task<PhasePreviewFigure> PreviewAsIfInAsync(
        NeedsListService.NeedsListServiceClient client,
        PreviewNeedsListRequest measured,
        EventPhase phase,
        Metadata headers,
        CancellationToken cancellationToken)
    {
        var request = measured.Clone();
        request.Phase = phase;
        var calls = Math.Max(1, options.PreviewIterations / 4);
        var series = new LatencySeries();
        int? lines = null;
        for (var i = 0; i < options.Warmup + calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var preview = await client.PreviewNeedsListAsync(request, headers, cancellationToken: cancellationToken);
            if (i >= options.Warmup)
            {
                series.AddSince(start);
            }

            lines = preview.Lines.Count;
        }

        log($"  as if in {phase}: p50 {series.Percentile(50)} ms, {lines} lines");
        return new PhasePreviewFigure { Phase = phase.ToString().ToUpperInvariant(), Calls = calls, Lines = lines, P50Ms = series.Percentile(50) };
    }

    private async Task<int?> GenerateAsync(ServerProcess server, string token, CancellationToken cancellationToken)
    {
        var headers = GrpcClients.Bearer(token);
        using var channel = GrpcClients.Channel(server.GrpcAddress);
        var client = new NeedsListService.NeedsListServiceClient(channel);
        var series = new LatencySeries();
        report.Generate.Iterations = options.GenerateIterations;
        int? lastId = null;
        for (var i = 0; i < options.Warmup + options.GenerateIterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            NeedsList list;
            try
            {
                list = await client.GenerateNeedsListAsync(
                    new GenerateNeedsListRequest
                    {
                        EventId = PreviewEventId,
                        WarehouseId = PreviewWarehouseId,
                        Notes = "benchmark",
                        RequestId = Guid.NewGuid().ToString("N"),
                    },
                    headers,
                    cancellationToken: cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
            {
                Note("generate: GenerateNeedsList answered UNIMPLEMENTED: generate figures are null; the load test reads no needs list");
                return null;
            }

            if (i >= options.Warmup)
            {
                series.AddSince(start);
            }

            lastId = list.NeedsListId;
            report.Generate.Lines = list.Lines.Count;
        }

        report.Generate.P50Ms = series.Percentile(50);
        report.Generate.P95Ms = series.Percentile(95);
        report.Generate.P99Ms = series.Percentile(99);
        report.Generate.RatioToPreview = Ratio(report.Generate.P50Ms, report.Preview.P50Ms);
        log($"generate: p50 {report.Generate.P50Ms} ms for {report.Generate.Lines} persisted lines");
        return lastId;
    }

    private async Task StockStatusAsync(ServerProcess server, string token, CancellationToken cancellationToken)
    {
        var headers = GrpcClients.Bearer(token);
        using var channel = GrpcClients.Channel(server.GrpcAddress);
        var client = new NeedsListService.NeedsListServiceClient(channel);
        var pages = new LatencySeries();
        var token0 = "";
        long rows = 0;
        var pageCount = 0;
        long? totalRows = null;
        var complete = false;
        var wall = Stopwatch.StartNew();
        while (wall.Elapsed.TotalSeconds < options.StockStatusMaxSeconds)
        {
            var start = Stopwatch.GetTimestamp();
            GetStockStatusResponse page;
            try
            {
                page = await client.GetStockStatusAsync(
                    new GetStockStatusRequest { EventId = PreviewEventId, PageSize = options.StockStatusPageSize, PageToken = token0 },
                    headers,
                    cancellationToken: cancellationToken);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
            {
                Note("stock_status: GetStockStatus answered UNIMPLEMENTED: its figures are null");
                return;
            }

            pages.AddSince(start);
            pageCount++;
            rows += page.Rows.Count;
            totalRows = page.TotalRows;
            token0 = page.NextPageToken;
            if (string.IsNullOrEmpty(token0))
            {
                complete = true;
                break;
            }
        }

        var seconds = wall.Elapsed.TotalSeconds;
        report.StockStatus.Pages = pageCount;
        report.StockStatus.Rows = rows;
        report.StockStatus.TotalRows = totalRows;
        report.StockStatus.Complete = complete;
        report.StockStatus.Seconds = Round(seconds);
        report.StockStatus.RowsPerS = Math.Round(rows / seconds, 0);
        report.StockStatus.PageP50Ms = pages.Percentile(50);
        report.StockStatus.PageP99Ms = pages.Percentile(99);
        if (!complete)
        {
            Note($"stock_status: paging stopped after {options.StockStatusMaxSeconds} s ({rows} of {totalRows} rows); rows_per_s is over the pages read");
        }

        log($"stock status: {rows} rows in {pageCount} pages, {seconds:0.0} s -> {report.StockStatus.RowsPerS} rows/s (page p50 {report.StockStatus.PageP50Ms} ms)");
    }

    private async Task MeasureAsync(string name, Func<Task> measure)
    {
        if (!options.Runs(name))
        {
            Note($"{name}: not run (--only)");
            return;
        }

        try
        {
            await measure();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var what = GrpcClients.IsUnimplemented(ex) ? "answered UNIMPLEMENTED" : $"failed: {ex.GetType().Name}: {ex.Message}";
            Note($"{name}: {what}; its figures are null");
            log($"{name} {what}");
        }
    }

    /// <summary>--reuse-db: the data set's counts from the database itself.</summary>
    private async Task DescribeReusedAsync(string connectionString, string database, CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(
            "select (select count(*) from item where status_code = 'A'), (select count(*) from warehouse), (select count(*) from reliefpkg_item)",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        report.Items = (int)reader.GetInt64(0);
        report.Warehouses = (int)reader.GetInt64(1);
        report.FulfilmentLines = reader.GetInt64(2);
        Note($"data: reused database {database} (made by generate mode), not generated in this run");
        log($"reusing database {database}: {report.Items} items, {report.Warehouses} warehouses, {report.FulfilmentLines} fulfilment lines");
    }

    private void DescribeMachine()
    {
        report.Machine.Nproc = Environment.ProcessorCount;
        report.Machine.Os = RuntimeInformation.OSDescription;
        report.Machine.Dotnet = RuntimeInformation.FrameworkDescription;
        try
        {
            var total = File.ReadLines("/proc/meminfo").First(line => line.StartsWith("MemTotal:", StringComparison.Ordinal));
            report.Machine.MemoryMb = long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
        }
    }

    private void Note(string note)
    {
        lock (report.Notes)
        {
            report.Notes.Add(note);
        }
    }

    private static double? Ratio(double? numerator, double? denominator) =>
        numerator is { } n && denominator is { } d && d > 0 ? Math.Round(n / d, 2) : null;

    private static double Round(double value) => Math.Round(value, 2);
}
