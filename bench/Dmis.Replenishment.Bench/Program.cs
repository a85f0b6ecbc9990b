using System.Diagnostics;
using System.Text.Json;
using Dmis.Replenishment.Bench.Generation;
using Dmis.Replenishment.Bench.Infrastructure;
using Dmis.Replenishment.Bench.Migration;
using Dmis.Replenishment.Bench.Reporting;

namespace Dmis.Replenishment.Bench;

public static class BenchProgram
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static async Task<int> Main(string[] args)
    {
        if (args.Any(arg => arg is "-h" or "--help"))
        {
            Console.WriteLine(BenchOptions.Usage);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };

        var clock = Stopwatch.StartNew();
        void Log(string message) => Console.Error.WriteLine($"[bench {clock.Elapsed:mm\\:ss}] {message}");

        try
        {
            switch (options.Mode)
            {
                case BenchMode.Generate:
                    return await GenerateAsync(options, Log, cancel.Token);
                case BenchMode.Migration:
                    var migration = await new MigrationBenchmark(options, Log).RunAsync(cancel.Token);
                    await WriteAsync(options.Out, JsonSerializer.Serialize(migration, Json));
                    Console.WriteLine(MigrationBenchmark.Table(migration));
                    return 0;
                default:
                    var report = await new BenchmarkRunner(options, Log).RunAsync(cancel.Token);
                    await WriteAsync(options.Out, JsonSerializer.Serialize(report, Json));
                    Console.WriteLine(Targets.Table(report));
                    return 0;
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Log("cancelled");
            return 130;
        }
    }

    private static async Task<int> GenerateAsync(BenchOptions options, Action<string> log, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(BenchPostgres.ConnectionStringVariable)))
        {
            Console.Error.WriteLine($"error: generate mode keeps its database: set {BenchPostgres.ConnectionStringVariable} to a PostgreSQL server's admin connection string");
            return 2;
        }

        await using var postgres = await BenchPostgres.StartAsync(cancellationToken);
        var connectionString = await postgres.CreateDatabaseAsync(options.Database!, cancellationToken);
        var report = await new ReferenceDataGenerator(connectionString, DataSetSize.For(options.Scale), options.Seed, log)
            .GenerateAsync(cancellationToken);
        await WriteAsync(options.Out, JsonSerializer.Serialize(report, Json));
        Console.WriteLine($"database {options.Database}: {report.RowCounts.Values.Sum():N0} rows, loaded in {report.TotalSeconds:0.0} s");
        Console.WriteLine(postgres.ConnectionString(options.Database!));
        return 0;
    }

    private static async Task WriteAsync(string? path, string json)
    {
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        await File.WriteAllTextAsync(path, json);
    }
}
