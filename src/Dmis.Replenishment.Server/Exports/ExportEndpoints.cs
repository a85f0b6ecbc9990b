using System.Globalization;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Server.Exports.Reports;
using Dmis.Replenishment.Server.Validation;

namespace Dmis.Replenishment.Server.Exports;

/// <summary>
/// Files over HTTP/JSON's port: a stored needs list (<c>GET .../needs-lists/{id}/export.csv</c> and
/// <c>.../export.pdf</c>) and an event's network plan as PlanEventReplenishment answers it now
/// (<c>GET .../events/{event_id}/plan/export.csv</c> and <c>.pdf</c>, optionally <c>?warehouse_ids=1&amp;warehouse_ids=2</c>).
/// Like the reads behind them, any authenticated caller may download them; failures answer as the
/// transcoded RPCs do (JSON status body, 400 naming the field, 401, 404).
/// </summary>
public static class ExportEndpoints
{
    public const string Route = "/api/v1/replenishment/needs-lists/{needs_list_id}";
    public const string PlanRoute = "/api/v1/replenishment/events/{event_id}/plan";

    public static WebApplication MapExports(this WebApplication app)
    {
        app.MapGet($"{Route}/export.csv", (HttpContext http, ReportExporter exporter) =>
            exporter.ExportNeedsListAsync(http, (list, _) => Results.File(
                CsvTableRenderer.Render(NeedsListReport.Table(list)), CsvTableRenderer.ContentType, NeedsListReport.FileName(list, "csv"))))
            .RequireAuthorization();
        app.MapGet($"{Route}/export.pdf", (HttpContext http, ReportExporter exporter) =>
            exporter.ExportNeedsListAsync(http, (list, context) => Results.File(
                PdfReportRenderer.Render(NeedsListReport.Printed(list, context.EventName, context.PrintedAt)),
                PdfReportRenderer.ContentType,
                NeedsListReport.FileName(list, "pdf"))))
            .RequireAuthorization();
        app.MapGet($"{PlanRoute}/export.csv", (HttpContext http, ReportExporter exporter) =>
            exporter.ExportPlanAsync(http, (plan, _) => Results.File(
                CsvTableRenderer.Render(EventPlanReport.Table(plan)), CsvTableRenderer.ContentType, EventPlanReport.FileName(plan, "csv"))))
            .RequireAuthorization();
        app.MapGet($"{PlanRoute}/export.pdf", (HttpContext http, ReportExporter exporter) =>
            exporter.ExportPlanAsync(http, (plan, printedAt) => Results.File(
                PdfReportRenderer.Render(EventPlanReport.Printed(plan, printedAt)),
                PdfReportRenderer.ContentType,
                EventPlanReport.FileName(plan, "pdf"))))
            .RequireAuthorization();
        return app;
    }

    public static IServiceCollection AddExports(this IServiceCollection services) => services.AddSingleton<ReportExporter>();

    /// <summary>A route id: a whole number (its sign and range are the use case's to judge), else INVALID_ARGUMENT naming it.</summary>
    internal static int RouteId(HttpContext http, string field) => WholeNumber(http.Request.RouteValues[field] as string ?? "", field);

    /// <summary>A repeated query parameter of ids (<c>?warehouse_ids=1&amp;warehouse_ids=2</c>), each a whole number.</summary>
    internal static IReadOnlyList<int> QueryIds(HttpContext http, string field) =>
        [.. http.Request.Query[field].Select((raw, index) => WholeNumber(raw ?? "", $"{field}[{index}]"))];

    private static int WholeNumber(string raw, string field) =>
        int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new DomainValidationException(field, $"'{FieldValueRules.Excerpt(raw)}' is not an id (a whole number)");
}
