using Dmis.Replenishment.Server.Exports.Reports;
using Dmis.Replenishment.V1;
using static Dmis.Replenishment.Server.Exports.ExportText;

namespace Dmis.Replenishment.Server.Exports;

/// <summary>
/// A stored needs list, exactly as GetNeedsList answers it, as a table (CSV: every figure of every line)
/// and as a printed report for the decision meeting and the approver's sign-off. Nothing is calculated
/// here: every number is the answer's own string.
/// </summary>
public static class NeedsListReport
{
    public static string FileName(NeedsList list, string extension) => $"needs-list-{list.NeedsListNo}.{extension}";

    internal static readonly ReportColumn[] CsvColumns =
    [
        Text("item_id"), Text("item_code"), Text("item_name"), Text("uom_code"), Text("criticality"), Text("severity"),
        Numeric("time_to_stockout_hours"), Text("projected_stockout"), Numeric("burn_rate"), Text("burn_rate_source"),
        Numeric("available_stock"), Numeric("reserved_qty"), Numeric("usable_stock"),
        Numeric("inbound_transfer_qty"), Numeric("inbound_donation_qty"), Numeric("inbound_procurement_qty"), Numeric("inbound_total_qty"),
        Numeric("required_qty"), Numeric("coverage_qty"), Numeric("gap_qty"),
        Numeric("horizon_a_qty"), Numeric("horizon_a_lead_time_hours"), Text("horizon_a_expected_arrival"), Text("horizon_a_sources"),
        Numeric("horizon_b_qty"), Numeric("horizon_b_lead_time_hours"), Text("horizon_b_expected_arrival"), Text("horizon_b_pledges"),
        Numeric("horizon_c_qty"), Numeric("horizon_c_lead_time_hours"), Text("horizon_c_expected_arrival"),
        Numeric("adjusted_qty"), Text("adjustment_reason"), Numeric("fulfilled_qty"), Text("fulfillment_status"),
        Numeric("unit_value"), Numeric("estimated_value"), Text("warnings"),
    ];

    /// <summary>One row per line, every figure in its own column, named as the API's fields are.</summary>
    public static ReportTable Table(NeedsList list) => new(CsvColumns, [.. list.Lines.Select(CsvRow)]);

    internal static ReportRow CsvRow(NeedsListLine line) => new(
    [
        Number(line.ItemId), line.ItemCode, line.ItemName, line.UomCode, line.Criticality, Word(line.Severity),
        Number(line.TimeToStockoutHours), Moment(line.ProjectedStockout), Number(line.BurnRate), Word(line.BurnRateSource),
        Number(line.AvailableStock), Number(line.ReservedQty), Number(line.UsableStock),
        Number(line.Inbound?.TransferQty), Number(line.Inbound?.DonationQty), Number(line.Inbound?.ProcurementQty), Number(line.Inbound?.TotalQty),
        Number(line.RequiredQty), Number(line.CoverageQty), Number(line.GapQty),
        Number(line.HorizonA?.Qty), Number(line.HorizonA?.LeadTimeHours ?? 0), Moment(line.HorizonA?.ExpectedArrival),
        string.Join("; ", line.HorizonA?.Sources.Select(source =>
            $"{source.WarehouseName} ({source.WarehouseId}): {Number(source.Qty)}, {source.LeadTimeHours} h, {Moment(source.ExpectedArrival)}") ?? []),
        Number(line.HorizonB?.Qty), Number(line.HorizonB?.LeadTimeHours ?? 0), Moment(line.HorizonB?.ExpectedArrival),
        string.Join("; ", line.HorizonB?.Pledges.Select(pledge => $"pledge {pledge.DonationId} {pledge.Description}: {Number(pledge.Qty)}") ?? []),
        Number(line.HorizonC?.Qty), Number(line.HorizonC?.LeadTimeHours ?? 0), Moment(line.HorizonC?.ExpectedArrival),
        Number(line.AdjustedQty), Word(line.AdjustmentReason), Number(line.FulfilledQty), Word(line.FulfillmentStatus),
        Number(line.UnitValue), Number(line.EstimatedValue), string.Join("; ", line.Warnings.Select(warning => warning.Code)),
    ]);

    internal static readonly ReportColumn[] PrintedColumns =
    [
        new("Item", 1.8, Headline: true), new("Severity", 0.95, Headline: true), new("Stockout", 1.1, Headline: true),
        new("Burn rate / h", 1.05, Headline: true), new("Usable", 0.75, Numeric: true), new("Inbound", 0.75, Numeric: true),
        new("Required", 0.8, Numeric: true), new("Gap", 0.8, Numeric: true),
        new("A: transfers (hours)", 2.0, Headline: true), new("B: donations (days)", 1.8, Headline: true),
        new("C: procurement (weeks)", 1.45, Headline: true), new("Adjusted", 0.85, Numeric: true), new("Fulfilled", 0.85, Headline: true),
    ];

    /// <summary>The printed list: its header facts, one row per line, the list's totals and the approver's sign-off.</summary>
    public static Report Printed(NeedsList list, string eventName, DateTime printedAt)
    {
        var facts = new List<ReportFact>
        {
            new("Event", $"{eventName} (event {list.EventId})"),
            new("Phase", Word(list.Phase)),
            new("Warehouse", $"{list.WarehouseName} (warehouse {list.WarehouseId})"),
            new("Data freshness at calculation", Word(list.DataFreshness)),
            new("Calculated as of", Readable(list.CalculationTime)),
            new("Windows", $"demand {list.Parameters?.DemandWindowHours} h, planning {list.Parameters?.PlanningWindowHours} h, " +
                           $"safety x{Number(list.Parameters?.SafetyFactor)}"),
            new("Created", $"{list.CreatedBy}, {Readable(list.CreatedAt)}"),
            new("Submitted", list.SubmittedBy.Length == 0 ? "not yet" : $"{list.SubmittedBy}, {Readable(list.SubmittedAt)}"),
        };
        if (list.Notes.Length > 0)
        {
            facts.Add(new ReportFact("Notes", list.Notes));
        }

        var totals = new ReportFact[]
        {
            new("Lines", Number(list.Lines.Count)),
            new("Total gap", Number(list.TotalGapQty)),
            new("Total estimated value", Number(list.TotalEstimatedValue)),
        };
        var approved = list.ApprovedBy.Length > 0;
        var signOff = new SignOff(
            "Approval",
            list.ApproverRole,
            approved ? list.ApprovedBy : null,
            approved ? Readable(list.ApprovedAt) : null);
        return new Report(
            $"Needs list {list.NeedsListNo}",
            $"{Word(list.Status)} · version {list.Version}",
            facts,
            new ReportTable(PrintedColumns, [.. list.Lines.Select(PrintedRow)]),
            totals,
            signOff,
            $"{list.NeedsListNo} · {list.WarehouseName} · printed {Readable(printedAt)} by DMIS Replenishment");
    }

    internal static ReportRow PrintedRow(NeedsListLine line)
    {
        var stockout = line.TimeToStockoutHours is null
            ? "no demand"
            : $"in {Number(line.TimeToStockoutHours)} h\n{Readable(line.ProjectedStockout)}";
        return new ReportRow(
            [
                $"{line.ItemCode}\n{line.ItemName} ({line.UomCode})",
                line.StockoutBeforeArrival ? $"{Word(line.Severity)}\nstockout before any arrival" : Word(line.Severity),
                stockout,
                $"{Number(line.BurnRate)}\n{Word(line.BurnRateSource)}",
                Number(line.UsableStock),
                Number(line.Inbound?.TotalQty),
                Number(line.RequiredQty),
                Number(line.GapQty),
                Horizon(line.HorizonA, line.HorizonA?.Sources.Select(source =>
                    $"{source.WarehouseName} {Number(source.Qty)} ({source.LeadTimeHours} h)") ?? []),
                Horizon(line.HorizonB, line.HorizonB?.Pledges.Select(pledge =>
                    $"pledge {pledge.DonationId} {pledge.Description} {Number(pledge.Qty)}") ?? []),
                Horizon(line.HorizonC, []),
                Number(line.AdjustedQty),
                $"{Number(line.FulfilledQty)}\n{Word(line.FulfillmentStatus)}",
            ],
            line.Severity switch
            {
                Severity.Critical => RowTone.Urgent,
                Severity.Warning => RowTone.Attention,
                _ => RowTone.Plain,
            });
    }

    /// <summary>The quantity, then where it comes from, then when it arrives (and whether that is after the stockout).</summary>
    private static string Horizon(Horizon? horizon, IEnumerable<string> origins)
    {
        if (horizon?.ExpectedArrival is null)
        {
            return Number(horizon?.Qty);
        }

        var arrival = $"arrives {Readable(horizon.ExpectedArrival)} ({horizon.LeadTimeHours} h)" +
                      (horizon.ArrivesAfterStockout ? ", after the stockout" : "");
        return string.Join('\n', [Number(horizon.Qty), .. origins, arrival]);
    }

    private static ReportColumn Text(string name) => new(name);

    private static ReportColumn Numeric(string name) => new(name, Numeric: true);
}
