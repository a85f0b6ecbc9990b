using System.Text.Json.Serialization;

namespace Dmis.Replenishment.Bench.Reporting;

// The JSON report. Figure keys are always present: a figure that could not be measured (an RPC
// that answers UNIMPLEMENTED, a phase that failed) is null, and `notes` says why.

public sealed class BenchReport
{
    [JsonPropertyName("benchmark")] public string Benchmark { get; set; } = "dmis-replenishment";
    [JsonPropertyName("started_at")] public DateTime StartedAt { get; set; }
    [JsonPropertyName("scale")] public double Scale { get; set; }
    [JsonPropertyName("seed")] public int Seed { get; set; }
    [JsonPropertyName("items")] public int Items { get; set; }
    [JsonPropertyName("warehouses")] public int Warehouses { get; set; }
    [JsonPropertyName("fulfilment_lines")] public long FulfilmentLines { get; set; }
    [JsonPropertyName("inbound_documents")] public int InboundDocuments { get; set; }
    [JsonPropertyName("machine")] public MachineInfo Machine { get; set; } = new();
    [JsonPropertyName("data")] public DataFigures Data { get; set; } = new();
    [JsonPropertyName("preview")] public PreviewFigures Preview { get; set; } = new();
    [JsonPropertyName("plan")] public PlanFigures Plan { get; set; } = new();
    [JsonPropertyName("generate")] public GenerateFigures Generate { get; set; } = new();
    [JsonPropertyName("stock_status")] public StockStatusFigures StockStatus { get; set; } = new();
    [JsonPropertyName("load")] public LoadFigures Load { get; set; } = new();
    [JsonPropertyName("fanout")] public FanoutFigures Fanout { get; set; } = new();
    [JsonPropertyName("targets")] public List<TargetCheck> Targets { get; set; } = [];
    [JsonPropertyName("notes")] public List<string> Notes { get; set; } = [];
    [JsonPropertyName("total_seconds")] public double TotalSeconds { get; set; }
}

public sealed class MachineInfo
{
    [JsonPropertyName("nproc")] public int Nproc { get; set; }
    [JsonPropertyName("memory_mb")] public long MemoryMb { get; set; }
    [JsonPropertyName("os")] public string Os { get; set; } = "";
    [JsonPropertyName("dotnet")] public string Dotnet { get; set; } = "";
    [JsonPropertyName("postgres_version")] public string PostgresVersion { get; set; } = "";
    [JsonPropertyName("postgres_source")] public string PostgresSource { get; set; } = "";
    [JsonPropertyName("postgres_settings")] public Dictionary<string, string> PostgresSettings { get; set; } = [];
}

public sealed class DataFigures
{
    [JsonPropertyName("anchor_utc")] public DateTime AnchorUtc { get; set; }
    [JsonPropertyName("migrate_seconds")] public double MigrateSeconds { get; set; }
    [JsonPropertyName("copy_seconds")] public double CopySeconds { get; set; }
    [JsonPropertyName("index_and_constraint_seconds")] public double IndexAndConstraintSeconds { get; set; }
    [JsonPropertyName("summary_rebuild_seconds")] public double SummaryRebuildSeconds { get; set; }
    [JsonPropertyName("analyze_seconds")] public double AnalyzeSeconds { get; set; }
    [JsonPropertyName("load_seconds")] public double LoadSeconds { get; set; }
    [JsonPropertyName("rows")] public Dictionary<string, long> Rows { get; set; } = [];

    /// <summary>Lists generated and submitted at other warehouses before measuring, so that pledges and sources are partly held.</summary>
    [JsonPropertyName("open_needs_lists")] public int? OpenNeedsLists { get; set; }
    [JsonPropertyName("open_needs_list_lines")] public int? OpenNeedsListLines { get; set; }
    [JsonPropertyName("open_needs_list_pledge_draws")] public int? OpenNeedsListPledgeDraws { get; set; }
}

public sealed class PreviewFigures
{
    [JsonPropertyName("event_id")] public int EventId { get; set; }
    [JsonPropertyName("warehouse_id")] public int WarehouseId { get; set; }
    [JsonPropertyName("phase")] public string Phase { get; set; } = "";
    [JsonPropertyName("iterations")] public int Iterations { get; set; }
    [JsonPropertyName("lines")] public int? Lines { get; set; }
    [JsonPropertyName("items_evaluated")] public int? ItemsEvaluated { get; set; }
    [JsonPropertyName("response_bytes")] public int? ResponseBytes { get; set; }

    /// <summary>Lines of stocked-out items measured before their last dispatch (burn rate source ESTIMATED).</summary>
    [JsonPropertyName("stocked_out_lines")] public int? StockedOutLines { get; set; }

    /// <summary>Lines with a horizon-B split, and the pledges (donation lines) they draw on in all.</summary>
    [JsonPropertyName("pledge_split_lines")] public int? PledgeSplitLines { get; set; }
    [JsonPropertyName("pledge_draws")] public int? PledgeDraws { get; set; }
    [JsonPropertyName("p50_ms")] public double? P50Ms { get; set; }
    [JsonPropertyName("p95_ms")] public double? P95Ms { get; set; }
    [JsonPropertyName("p99_ms")] public double? P99Ms { get; set; }
    [JsonPropertyName("floor_statements")] public int? FloorStatements { get; set; }
    [JsonPropertyName("floor_round_trips")] public int? FloorRoundTrips { get; set; }

    [JsonPropertyName("floor_sequential_round_trips")] public int? FloorSequentialRoundTrips { get; set; }
    [JsonPropertyName("floor_p50_ms")] public double? FloorP50Ms { get; set; }
    [JsonPropertyName("floor_p95_ms")] public double? FloorP95Ms { get; set; }
    [JsonPropertyName("floor_p99_ms")] public double? FloorP99Ms { get; set; }
    [JsonPropertyName("ratio_to_floor")] public double? RatioToFloor { get; set; }
    [JsonPropertyName("floor_round_trips_p50")] public List<RoundTripFigure> FloorRoundTripP50Ms { get; set; } = [];
    [JsonPropertyName("in_process_p50_ms")] public double? InProcessP50Ms { get; set; }
    [JsonPropertyName("in_process_p95_ms")] public double? InProcessP95Ms { get; set; }

    /// <summary>The same preview as a what-if in each phase: the longer demand windows of STABILIZED and BASELINE.</summary>
    [JsonPropertyName("by_phase")] public List<PhasePreviewFigure> ByPhase { get; set; } = [];
}

/// <summary>PlanEventReplenishment over the whole event, against its SQL floor measured as the preview's.</summary>
public sealed class PlanFigures
{
    [JsonPropertyName("event_id")] public int EventId { get; set; }
    [JsonPropertyName("iterations")] public int Iterations { get; set; }
    [JsonPropertyName("warehouses")] public int? Warehouses { get; set; }
    [JsonPropertyName("lines")] public int? Lines { get; set; }
    [JsonPropertyName("transfers")] public int? Transfers { get; set; }
    [JsonPropertyName("response_bytes")] public int? ResponseBytes { get; set; }
    [JsonPropertyName("p50_ms")] public double? P50Ms { get; set; }
    [JsonPropertyName("p95_ms")] public double? P95Ms { get; set; }
    [JsonPropertyName("floor_round_trips")] public int? FloorRoundTrips { get; set; }
    [JsonPropertyName("floor_sequential_round_trips")] public int? FloorSequentialRoundTrips { get; set; }
    [JsonPropertyName("floor_p50_ms")] public double? FloorP50Ms { get; set; }
    [JsonPropertyName("ratio_to_floor")] public double? RatioToFloor { get; set; }
    [JsonPropertyName("in_process_p50_ms")] public double? InProcessP50Ms { get; set; }
}

public sealed class PhasePreviewFigure
{
    [JsonPropertyName("phase")] public string Phase { get; set; } = "";
    [JsonPropertyName("calls")] public int Calls { get; set; }
    [JsonPropertyName("lines")] public int? Lines { get; set; }
    [JsonPropertyName("p50_ms")] public double? P50Ms { get; set; }
}

public sealed class RoundTripFigure
{
    [JsonPropertyName("sql")] public string Sql { get; set; } = "";
    [JsonPropertyName("p50_ms")] public double? P50Ms { get; set; }
}

public sealed class GenerateFigures
{
    [JsonPropertyName("iterations")] public int Iterations { get; set; }
    [JsonPropertyName("lines")] public int? Lines { get; set; }
    [JsonPropertyName("p50_ms")] public double? P50Ms { get; set; }
    [JsonPropertyName("p95_ms")] public double? P95Ms { get; set; }
    [JsonPropertyName("p99_ms")] public double? P99Ms { get; set; }
    [JsonPropertyName("ratio_to_preview")] public double? RatioToPreview { get; set; }
}

public sealed class StockStatusFigures
{
    [JsonPropertyName("page_size")] public int PageSize { get; set; }
    [JsonPropertyName("pages")] public int? Pages { get; set; }
    [JsonPropertyName("rows")] public long? Rows { get; set; }
    [JsonPropertyName("total_rows")] public long? TotalRows { get; set; }
    [JsonPropertyName("complete")] public bool? Complete { get; set; }
    [JsonPropertyName("seconds")] public double? Seconds { get; set; }
    [JsonPropertyName("rows_per_s")] public double? RowsPerS { get; set; }
    [JsonPropertyName("page_p50_ms")] public double? PageP50Ms { get; set; }
    [JsonPropertyName("page_p99_ms")] public double? PageP99Ms { get; set; }
}

public sealed class LoadFigures
{
    [JsonPropertyName("clients")] public int Clients { get; set; }
    [JsonPropertyName("seconds")] public double? Seconds { get; set; }
    [JsonPropertyName("mix")] public string Mix { get; set; } = "";
    [JsonPropertyName("requests")] public long? Requests { get; set; }
    [JsonPropertyName("errors")] public long? Errors { get; set; }
    [JsonPropertyName("rps")] public double? Rps { get; set; }
    [JsonPropertyName("p50_ms")] public double? P50Ms { get; set; }
    [JsonPropertyName("p99_ms")] public double? P99Ms { get; set; }
    [JsonPropertyName("preview_p50_ms")] public double? PreviewP50Ms { get; set; }
    [JsonPropertyName("preview_p99_ms")] public double? PreviewP99Ms { get; set; }
    [JsonPropertyName("get_p50_ms")] public double? GetP50Ms { get; set; }
    [JsonPropertyName("get_p99_ms")] public double? GetP99Ms { get; set; }
    [JsonPropertyName("server_cpu_percent")] public double? ServerCpuPercent { get; set; }
    [JsonPropertyName("peak_working_set_mb")] public double? PeakWorkingSetMb { get; set; }
    [JsonPropertyName("working_set_after_mb")] public double? WorkingSetAfterMb { get; set; }
}

public sealed class FanoutFigures
{
    [JsonPropertyName("subscribers")] public int Subscribers { get; set; }
    [JsonPropertyName("instances")] public int Instances { get; set; }
    [JsonPropertyName("per_connection")] public int PerConnection { get; set; }
    [JsonPropertyName("changes")] public int? Changes { get; set; }
    [JsonPropertyName("missed_deliveries")] public int? MissedDeliveries { get; set; }
    [JsonPropertyName("p50_ms")] public double? P50Ms { get; set; }
    [JsonPropertyName("p99_ms")] public double? P99Ms { get; set; }
    [JsonPropertyName("max_ms")] public double? MaxMs { get; set; }
    [JsonPropertyName("change_rpc_p50_ms")] public double? ChangeRpcP50Ms { get; set; }
    [JsonPropertyName("subscribe_seconds")] public double? SubscribeSeconds { get; set; }
}

public sealed class TargetCheck
{
    [JsonPropertyName("target")] public string Target { get; set; } = "";
    [JsonPropertyName("measured")] public string Measured { get; set; } = "";
    [JsonPropertyName("met")] public bool? Met { get; set; }
}
