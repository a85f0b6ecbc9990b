using System.Globalization;

namespace Dmis.Replenishment.Bench;

/// <summary>What the harness does.</summary>
public enum BenchMode
{
    /// <summary>Generate the data set, start two servers, measure everything, write the report (default).</summary>
    Run,

    /// <summary>Only generate the reference data set into a database (kept), and report the load time.</summary>
    Generate,

    /// <summary>Legacy-only data set (V1), then V2 and later applied while a writer keeps writing.</summary>
    Migration,
}

/// <summary>Command-line options. Every loop of the harness is bounded by these (count and time).</summary>
public sealed record BenchOptions
{
    public BenchMode Mode { get; init; } = BenchMode.Run;

    /// <summary>1 = the SPEC section 8 reference set; items, lines and documents scale, warehouses stay 20.</summary>
    public double Scale { get; init; } = 1.0;

    public int Seed { get; init; } = 20240601;

    public string? Out { get; init; }

    /// <summary>generate mode: the database to create (kept afterwards).</summary>
    public string? Database { get; init; }

    /// <summary>run mode: measure on this existing database (made by generate mode) instead of generating one; it is kept.</summary>
    public string? ReuseDatabase { get; init; }

    /// <summary>run mode: only these measurements (preview, plan, generate, stock_status, load, fanout); all when empty.</summary>
    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>();

    /// <summary>Keep the benchmark database (and do not drop it) at the end of a run.</summary>
    public bool KeepDatabase { get; init; }

    public int Warmup { get; init; } = 30;

    public int PreviewIterations { get; init; } = 40;

    public int GenerateIterations { get; init; } = 15;

    /// <summary>PlanEventReplenishment calls (after <see cref="PlanWarmup"/>): each plans the whole event, seconds of a shared machine.</summary>
    public int PlanIterations { get; init; } = 8;

    public int PlanWarmup { get; init; } = 2;

    public int StockStatusPageSize { get; init; } = 1000;

    /// <summary>GetStockStatus paging stops after this long even when pages remain (rows/s is still valid).</summary>
    public double StockStatusMaxSeconds { get; init; } = 120;

    public int LoadClients { get; init; } = 32;

    public double LoadSeconds { get; init; } = 30;

    public int FanoutSubscribers { get; init; } = 1000;

    public int FanoutChanges { get; init; } = 12;

    /// <summary>Subscribers sharing one HTTP/2 connection (Kestrel allows 100 streams per connection).</summary>
    public int FanoutPerConnection { get; init; } = 10;

    /// <summary>migration mode: legacy inventory rows and transfers (scaled by <see cref="Scale"/>).</summary>
    public int LegacyInventoryRows { get; init; } = 5_000_000;

    public int LegacyTransfers { get; init; } = 1_000_000;

    /// <summary>Extra environment of the server processes (experiments, e.g. DOTNET_gcServer=0).</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Server log level while measuring (Warning: per-request logs are not what is measured).</summary>
    public string ServerLogLevel { get; init; } = "Warning";

    public static string Usage =>
        """
        Dmis.Replenishment.Bench: data generator and benchmark of the DMIS replenishment service.

          dotnet run -c Release --project bench/Dmis.Replenishment.Bench -- [run] --scale 1 --out bench-results.json
          dotnet run -c Release --project bench/Dmis.Replenishment.Bench -- generate --scale 1 --database dmis_ref
          dotnet run -c Release --project bench/Dmis.Replenishment.Bench -- migration --scale 1 --out migration.json

        PostgreSQL: DMIS_BENCH_PG (an admin connection string; the bench creates its own database
        there), else provisioned like the tests (DMIS_TEST_PG, Testcontainers, local cluster).

        Options (defaults in brackets):
          --scale S                 data scale, 1 = 20 warehouses, 5,000 items, 1,000,000 fulfilment
                                    lines, 50,000 inbound documents [1]
          --seed N                  generator seed [20240601]
          --out FILE                JSON report (also printed as a table)
          --keep-db                 keep the benchmark database at the end
          --database NAME           generate mode: database to create and keep
          --reuse-db NAME           run mode: measure on a database made by generate mode (needs
                                    DMIS_BENCH_PG and the same --scale; kept)
          --only LIST               run mode: only these of preview,plan,generate,stock_status,load,fanout
          --plan-iterations N       PlanEventReplenishment calls, whole event each [8] (after --plan-warmup [2])
          --warmup N                warm-up calls before each latency series (JIT tiering) [30]
          --preview-iterations N    measured PreviewNeedsList calls (and floor replays) [40]
          --generate-iterations N   measured GenerateNeedsList calls [15]
          --page-size N             GetStockStatus page size [1000]
          --stock-status-max-seconds S  stop paging after S seconds [120]
          --load-clients N          concurrent clients of the load test [32]
          --load-seconds S          duration of the load test [30]
          --fanout-subscribers N    WatchPhaseChanges subscribers over two instances [1000]
          --fanout-changes N        phase changes measured [12]
          --fanout-per-connection N subscribers per HTTP/2 connection [10]
          --legacy-inventory-rows N migration mode: inventory rows at scale 1 [5000000]
          --legacy-transfers N      migration mode: transfers at scale 1 [1000000]
          --server-log-level L      server log level during the run [Warning]
          --server-env NAME=VALUE   extra environment of the server processes (repeatable), e.g.
                                    DOTNET_gcServer=0 for an experiment
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var i = 0;
        if (args.Count > 0 && !args[0].StartsWith("--", StringComparison.Ordinal))
        {
            options = options with
            {
                Mode = args[0].ToLowerInvariant() switch
                {
                    "run" => BenchMode.Run,
                    "generate" => BenchMode.Generate,
                    "migration" => BenchMode.Migration,
                    _ => throw new ArgumentException($"unknown mode '{args[0]}' (run, generate, migration)"),
                },
            };
            i = 1;
        }

        for (; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value");
            int Int() => int.Parse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            double Real() => double.Parse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture);
            options = name switch
            {
                "--scale" => options with { Scale = Real() },
                "--seed" => options with { Seed = Int() },
                "--out" => options with { Out = Value() },
                "--database" => options with { Database = Value() },
                "--keep-db" => options with { KeepDatabase = true },
                "--reuse-db" => options with { ReuseDatabase = Value() },
                "--only" => options with { Only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() },
                "--warmup" => options with { Warmup = Int() },
                "--preview-iterations" => options with { PreviewIterations = Int() },
                "--generate-iterations" => options with { GenerateIterations = Int() },
                "--plan-iterations" => options with { PlanIterations = Int() },
                "--plan-warmup" => options with { PlanWarmup = Int() },
                "--page-size" => options with { StockStatusPageSize = Int() },
                "--stock-status-max-seconds" => options with { StockStatusMaxSeconds = Real() },
                "--load-clients" => options with { LoadClients = Int() },
                "--load-seconds" => options with { LoadSeconds = Real() },
                "--fanout-subscribers" => options with { FanoutSubscribers = Int() },
                "--fanout-changes" => options with { FanoutChanges = Int() },
                "--fanout-per-connection" => options with { FanoutPerConnection = Int() },
                "--legacy-inventory-rows" => options with { LegacyInventoryRows = Int() },
                "--legacy-transfers" => options with { LegacyTransfers = Int() },
                "--server-log-level" => options with { ServerLogLevel = Value() },
                "--server-env" => options with { ServerEnvironment = WithVariable(options.ServerEnvironment, Value()) },
                _ => throw new ArgumentException($"unknown option '{name}'"),
            };
        }

        options.Validate();
        return options;
    }

    private void Validate()
    {
        // Bounded loops: every count and duration has a ceiling.
        Check(Scale is > 0 and <= 4, "--scale must be in (0, 4]");
        Check(Warmup is >= 0 and <= 1000, "--warmup must be in [0, 1000]");
        Check(PreviewIterations is >= 1 and <= 10_000, "--preview-iterations must be in [1, 10000]");
        Check(GenerateIterations is >= 1 and <= 1000, "--generate-iterations must be in [1, 1000]");
        Check(PlanIterations is >= 1 and <= 1000, "--plan-iterations must be in [1, 1000]");
        Check(PlanWarmup is >= 0 and <= 100, "--plan-warmup must be in [0, 100]");
        Check(StockStatusPageSize is >= 1 and <= 1000, "--page-size must be in [1, 1000]");
        Check(StockStatusMaxSeconds is > 0 and <= 1800, "--stock-status-max-seconds must be in (0, 1800]");
        Check(LoadClients is >= 1 and <= 512, "--load-clients must be in [1, 512]");
        Check(LoadSeconds is > 0 and <= 600, "--load-seconds must be in (0, 600]");
        Check(FanoutSubscribers is >= 2 and <= 10_000, "--fanout-subscribers must be in [2, 10000]");
        Check(FanoutChanges is >= 1 and <= 200, "--fanout-changes must be in [1, 200]");
        Check(FanoutPerConnection is >= 1 and <= 100, "--fanout-per-connection must be in [1, 100] (Kestrel's streams per connection)");
        Check(LegacyInventoryRows is >= 1000 and <= 20_000_000, "--legacy-inventory-rows must be in [1000, 20000000]");
        Check(LegacyTransfers is >= 100 and <= 5_000_000, "--legacy-transfers must be in [100, 5000000]");
        Check(Mode != BenchMode.Generate || Database is not null, "generate mode needs --database NAME (the database is kept)");
        string[] measurements = ["preview", "plan", "generate", "stock_status", "load", "fanout"];
        Check(Only.All(measurements.Contains), $"--only takes some of {string.Join(",", measurements)}");
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> variables, string assignment)
    {
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--server-env takes NAME=VALUE, not '{assignment}'");
        }

        return new Dictionary<string, string>(variables) { [assignment[..equals]] = assignment[(equals + 1)..] };
    }

    public bool Runs(string measurement) => Only.Count == 0 || Only.Contains(measurement);

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
