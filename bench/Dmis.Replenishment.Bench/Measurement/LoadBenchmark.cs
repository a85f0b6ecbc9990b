using System.Diagnostics;
using Dmis.Replenishment.Bench.Infrastructure;
using Dmis.Replenishment.Bench.Reporting;
using Dmis.Replenishment.Testing;
using Dmis.Replenishment.V1;
using Grpc.Core;

namespace Dmis.Replenishment.Bench.Measurement;

/// <summary>
/// Concurrent load on one server instance: N clients, each on its own HTTP/2 connection, calling
/// back to back for a fixed time, alternating PreviewNeedsList (a warehouse drawn at random, the
/// event's current phase, now) and GetNeedsList (a generated list), or previews only when there is
/// no list. Throughput, latency percentiles, the server's CPU (from /proc/PID/stat) and its peak
/// resident set during the load (VmHWM, reset through /proc/PID/clear_refs first when allowed).
/// </summary>
public sealed class LoadBenchmark(ServerProcess server, string token, int warehouses, Action<string> log)
{
    public async Task<LoadFigures> RunAsync(int clients, double seconds, int? needsListId, int seed, CancellationToken cancellationToken)
    {
        var figures = new LoadFigures
        {
            Clients = clients,
            Mix = needsListId is null ? "PreviewNeedsList only (no needs list to read)" : "PreviewNeedsList / GetNeedsList alternating",
        };
        var headers = GrpcClients.Bearer(token);
        var previews = new LatencySeries();
        var gets = new LatencySeries();
        long errors = 0;
        var unimplemented = 0;
        var channels = Enumerable.Range(0, clients).Select(_ => GrpcClients.Channel(server.GrpcAddress)).ToList();
        try
        {
            var resetPeak = TryResetPeak();
            var cpuBefore = server.CpuTime();
            var wall = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(seconds);
            var workers = channels.Select((channel, index) => Task.Run(async () =>
            {
                var client = new NeedsListService.NeedsListServiceClient(channel);
                var random = new Random(seed + index);
                var call = index;
                while (wall.Elapsed < deadline && !cancellationToken.IsCancellationRequested)
                {
                    var preview = needsListId is null || call++ % 2 == 0;
                    var start = Stopwatch.GetTimestamp();
                    try
                    {
                        if (preview)
                        {
                            await client.PreviewNeedsListAsync(
                                new PreviewNeedsListRequest { EventId = 1, WarehouseId = 1 + random.Next(warehouses) },
                                headers, deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken);
                            previews.AddSince(start);
                        }
                        else
                        {
                            await client.GetNeedsListAsync(
                                new GetNeedsListRequest { NeedsListId = needsListId!.Value },
                                headers, deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: cancellationToken);
                            gets.AddSince(start);
                        }
                    }
                    catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
                    {
                        Interlocked.Exchange(ref unimplemented, 1);
                        return;
                    }
                    catch (RpcException)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
            }, cancellationToken)).ToList();
            await Task.WhenAll(workers);
            var elapsed = wall.Elapsed.TotalSeconds;
            var cpu = (server.CpuTime() - cpuBefore).TotalSeconds;
            var (peak, current) = server.Memory();
            if (unimplemented == 1 && previews.Count + gets.Count == 0)
            {
                throw new RpcException(new Status(StatusCode.Unimplemented, "PreviewNeedsList / GetNeedsList answered UNIMPLEMENTED"));
            }

            var all = new LatencySeries();
            all.AddRange(previews);
            all.AddRange(gets);
            figures.Seconds = Math.Round(elapsed, 1);
            figures.Requests = all.Count;
            figures.Errors = errors;
            figures.Rps = Math.Round(all.Count / elapsed, 1);
            figures.P50Ms = all.Percentile(50);
            figures.P99Ms = all.Percentile(99);
            figures.PreviewP50Ms = previews.Percentile(50);
            figures.PreviewP99Ms = previews.Percentile(99);
            figures.GetP50Ms = gets.Percentile(50);
            figures.GetP99Ms = gets.Percentile(99);
            figures.ServerCpuPercent = Math.Round(100 * cpu / elapsed, 0);
            figures.PeakWorkingSetMb = Math.Round(peak, 0);
            figures.WorkingSetAfterMb = Math.Round(current, 0);
            log($"  {all.Count} calls in {elapsed:0.0} s ({errors} errors); peak working set {peak:0} MB ({(resetPeak ? "during the load" : "since start")})");
            return figures;
        }
        finally
        {
            foreach (var channel in channels)
            {
                channel.Dispose();
            }
        }

        bool TryResetPeak()
        {
            try
            {
                // "5" resets the peak resident set size (VmHWM) of the process (Linux >= 4.0).
                File.WriteAllText($"/proc/{server.ProcessId}/clear_refs", "5");
                return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
