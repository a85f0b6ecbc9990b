using Dmis.Replenishment.Server.Exports.Reports;
using Dmis.Replenishment.V1;
using static Dmis.Replenishment.Server.Exports.ExportText;

namespace Dmis.Replenishment.Server.Exports;

/// <summary>
/// An event's network plan, exactly as PlanEventReplenishment answers it, as a table and as a printed
/// report for the decision meeting: one row per planned line (its warehouse first, then the needs-list
/// columns, so A, B and C are the plan's shares). Nothing is calculated here.
/// </summary>
public static class EventPlanReport
{
    private static readonly ReportColumn WarehouseCsvColumn = new("warehouse");
    private static readonly ReportColumn WarehousePrintedColumn = new("Warehouse", 1.35, Headline: true);

    public static string FileName(EventReplenishmentPlan plan, string extension) =>
        $"event-plan-{plan.EventId}-{plan.AsOf.ToDateTime():yyyyMMdd-HHmm}.{extension}";

    public static ReportTable Table(EventReplenishmentPlan plan) =>
        new([WarehouseCsvColumn, .. NeedsListReport.CsvColumns], [.. Rows(plan, NeedsListReport.CsvRow)]);

    public static Report Printed(EventReplenishmentPlan plan, DateTime printedAt)
    {
        var facts = new List<ReportFact>
        {
            new("Event", $"{plan.EventName} (event {plan.EventId})"),
            new("Phase", Word(plan.Phase)),
            new("Warehouses", string.Join(", ", plan.Warehouses.Select(warehouse =>
                $"{warehouse.WarehouseName} ({Word(warehouse.Freshness?.Level ?? FreshnessLevel.Unspecified)})"))),
            new("Calculated as of", Readable(plan.AsOf)),
        };
        if (plan.WhatIf)
        {
            facts.Add(new ReportFact("WHAT-IF", "calculated under assumptions: not a plan to act on"));
        }

        var totals = plan.Totals;
        var printedTotals = new ReportFact[]
        {
            new("Lines", Number(totals?.Lines ?? 0)),
            new("Transfers", Number(totals?.Transfers ?? 0)),
            new("Total gap", Number(totals?.GapQty)),
            new("A / B / C", $"{Number(totals?.HorizonAQty)} / {Number(totals?.HorizonBQty)} / {Number(totals?.HorizonCQty)}"),
            new("Stockouts no horizon prevents", Number(totals?.UnpreventedStockouts ?? 0)),
        };
        return new Report(
            $"Replenishment plan, event {plan.EventId}",
            plan.WhatIf ? "WHAT-IF · not stored" : "plan · not stored",
            facts,
            new ReportTable([WarehousePrintedColumn, .. NeedsListReport.PrintedColumns], [.. Rows(plan, NeedsListReport.PrintedRow)]),
            printedTotals,
            new SignOff("Plan agreed", "Logistics Manager or above", null, null),
            $"event {plan.EventId} plan · printed {Readable(printedAt)} by DMIS Replenishment");
    }

    private static IEnumerable<ReportRow> Rows(EventReplenishmentPlan plan, Func<NeedsListLine, ReportRow> line) =>
        plan.Warehouses.SelectMany(warehouse => warehouse.Lines.Select(planned =>
        {
            var row = line(planned);
            return row with { Cells = [warehouse.WarehouseName, .. row.Cells] };
        }));
}
