using System.Globalization;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Server.Exports.Reports;

namespace Dmis.Replenishment.Server.Exports;

/// <summary>
/// A stored needs list as a file, over HTTP/JSON's port: <c>GET .../needs-lists/{id}/export.csv</c> and
/// <c>.../export.pdf</c>. Like GetNeedsList, any authenticated caller may read it; failures answer as the
/// transcoded RPCs do (JSON status body, 400 naming the field, 401, 404).
/// </summary>
public static class NeedsListExportEndpoints
{
    public const string Route = "/api/v1/replenishment/needs-lists/{needs_list_id}";
    private const string Field = "needs_list_id";

    public static WebApplication MapNeedsListExports(this WebApplication app)
    {
        app.MapGet($"{Route}/export.csv", (HttpContext http, NeedsListExporter exporter) =>
            exporter.ExportAsync(http, (list, _) => Results.File(
                CsvTableRenderer.Render(NeedsListReport.Table(list)), CsvTableRenderer.ContentType, NeedsListReport.FileName(list, "csv"))))
            .RequireAuthorization();
        app.MapGet($"{Route}/export.pdf", (HttpContext http, NeedsListExporter exporter) =>
            exporter.ExportAsync(http, (list, context) => Results.File(
                PdfReportRenderer.Render(NeedsListReport.Printed(list, context.EventName, context.PrintedAt)),
                PdfReportRenderer.ContentType,
                NeedsListReport.FileName(list, "pdf"))))
            .RequireAuthorization();
        return app;
    }

    public static IServiceCollection AddNeedsListExports(this IServiceCollection services) => services.AddSingleton<NeedsListExporter>();

    /// <summary>The route's id: a whole number (its sign and range are the use case's to judge), else INVALID_ARGUMENT.</summary>
    internal static int NeedsListId(HttpContext http)
    {
        var raw = http.Request.RouteValues[Field] as string ?? "";
        return int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new DomainValidationException(Field, $"'{(raw.Length > 40 ? raw[..40] + "..." : raw)}' is not a needs-list id (a whole number)");
    }
}
