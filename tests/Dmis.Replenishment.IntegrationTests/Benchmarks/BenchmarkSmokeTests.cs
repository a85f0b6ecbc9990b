using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Operability;
using Xunit.Abstractions;

namespace Dmis.Replenishment.IntegrationTests.Benchmarks;

/// <summary>
/// The benchmark harness (bench/Dmis.Replenishment.Bench) at a tiny scale, as a process, on this
/// test run's PostgreSQL (DMIS_BENCH_PG = the TestCluster server; the bench creates and drops its
/// own database there): it must run to the end and report every figure key. Timings are not
/// asserted; a figure may be null only when its RPC answers UNIMPLEMENTED (the report says so).
/// </summary>
public sealed class BenchmarkSmokeTests(ITestOutputHelper output)
{
    private static readonly string[] FigureKeys =
    [
        "items", "warehouses", "fulfilment_lines",
        "preview.p50_ms", "preview.p95_ms", "preview.p99_ms", "preview.floor_p50_ms", "preview.ratio_to_floor",
        "generate.p50_ms", "generate.ratio_to_preview",
        "stock_status.rows_per_s",
        "load.rps", "load.p99_ms", "load.peak_working_set_mb",
        "fanout.p50_ms", "fanout.p99_ms",
    ];

    [Fact]
    public async Task A_tiny_benchmark_runs_to_the_end_and_reports_every_figure()
    {
        var postgres = await TestCluster.GetAsync();
        var bench = await BenchAssemblyAsync();
        var report = Path.Combine(Path.GetTempPath(), $"dmis-bench-smoke-{Guid.NewGuid():N}.json");
        string[] arguments =
        [
            bench, "--scale", "0.002", "--seed", "7", "--out", report,
            "--warmup", "1", "--preview-iterations", "3", "--generate-iterations", "2",
            "--load-clients", "4", "--load-seconds", "2",
            "--fanout-subscribers", "20", "--fanout-changes", "3", "--fanout-per-connection", "5",
            "--stock-status-max-seconds", "20",
        ];

        try
        {
            var (exitCode, transcript) = await RunAsync(
                DotnetHost(), arguments, new Dictionary<string, string> { ["DMIS_BENCH_PG"] = postgres.ConnectionString }, TimeSpan.FromSeconds(150));
            output.WriteLine(transcript);

            Assert.True(exitCode == 0, $"the benchmark exited with {exitCode}:\n{transcript}");
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
            var root = json.RootElement;
            foreach (var key in FigureKeys)
            {
                var value = Lookup(root, key);
                Assert.True(value is { ValueKind: JsonValueKind.Number or JsonValueKind.Null }, $"figure {key} is missing from the report");
            }

            Assert.Equal(20, root.GetProperty("warehouses").GetInt32());
            Assert.True(root.GetProperty("fulfilment_lines").GetInt64() > 0);
            var notes = root.GetProperty("notes").EnumerateArray().Select(note => note.GetString() ?? "").ToList();
            Assert.DoesNotContain(notes, note => note.Contains("failed", StringComparison.Ordinal));
            foreach (var key in FigureKeys.Where(key => Lookup(root, key)!.Value.ValueKind == JsonValueKind.Null))
            {
                // Null is allowed only when the report says why (an RPC answering UNIMPLEMENTED).
                Assert.Contains(notes, note => note.Contains("UNIMPLEMENTED", StringComparison.Ordinal));
                output.WriteLine($"null figure {key}: {string.Join(" / ", notes)}");
            }

            Assert.Contains("| target | measured | met |", transcript);
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static JsonElement? Lookup(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>
    /// The bench executable of the configuration these tests were built in (building the solution,
    /// as scripts/test.sh does, builds it); built here if it is missing.
    /// </summary>
    private async Task<string> BenchAssemblyAsync()
    {
        var configuration = Repository.BuildConfiguration();
        var project = Path.Combine(Repository.Root(), "bench", "Dmis.Replenishment.Bench");
        var assembly = Path.Combine(project, "bin", configuration, "net10.0", "Dmis.Replenishment.Bench.dll");
        if (!File.Exists(assembly))
        {
            var (exitCode, transcript) = await RunAsync(
                DotnetHost(), ["build", project, "-c", configuration, "--nologo", "-v", "q"], new Dictionary<string, string>(), TimeSpan.FromMinutes(4));
            output.WriteLine(transcript);
            Assert.True(exitCode == 0, $"building the bench failed:\n{transcript}");
        }

        return assembly;
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    private static async Task<(int ExitCode, string Transcript)> RunAsync(
        string fileName, IEnumerable<string> arguments, IDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var transcript = new StringBuilder();
        void Append(string? line)
        {
            if (line is not null)
            {
                lock (transcript)
                {
                    transcript.AppendLine(line);
                }
            }
        }

        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (transcript)
            {
                return (-1, $"timed out after {timeout.TotalSeconds} s\n{transcript}");
            }
        }

        process.WaitForExit();   // drains the asynchronous output readers
        lock (transcript)
        {
            return (process.ExitCode, transcript.ToString());
        }
    }
}
