using System.Net;
using System.Net.Http.Headers;
using CsvHelper;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Planning;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.V1;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Exports;

/// <summary>
/// The CSV and PDF exports of an event's network plan over HTTP, on the plan tests' fixture: three
/// warehouses short of water, one scarce source (PORT ANTONIO) and one pledge.
/// </summary>
public sealed class EventPlanExportTests(EventPlanTests.Fixture fixture) : IClassFixture<EventPlanTests.Fixture>
{
    private static readonly string Reader = Token("visitor");

    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string path, bool authenticated = true)
    {
        var token = authenticated ? Reader : null;
        using var client = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private Task<EventReplenishmentPlan> PlanAsync(int eventId) =>
        new NeedsListService.NeedsListServiceClient(fixture.Factory.CreateChannel())
            .PlanEventReplenishmentAsync(new PlanEventReplenishmentRequest { EventId = eventId }, Callers.ReadOnly).ResponseAsync;

    [Fact]
    public async Task The_plan_as_csv_has_a_row_per_planned_line_with_the_numbers_of_PlanEventReplenishment()
    {
        await fixture.EventAsync(21);
        var plan = await PlanAsync(21);

        var (response, body) = await GetAsync("/api/v1/replenishment/events/21/plan/export.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("event-plan-21-", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        using var csv = CsvReader.Create(body);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.ToDictionary(header => header, header => csv.GetString(header)));
        }

        var lines = plan.Warehouses.SelectMany(warehouse => warehouse.Lines.Select(line => (warehouse.WarehouseName, line))).ToList();
        Assert.Equal(3, rows.Count);
        foreach (var ((warehouse, line), row) in lines.Zip(rows))
        {
            Assert.Equal(
                (warehouse, line.GapQty.Value, line.HorizonA.Qty.Value, line.HorizonB.Qty.Value, line.HorizonC.Qty.Value),
                (row["warehouse"], row["gap_qty"], row["horizon_a_qty"], row["horizon_b_qty"], row["horizon_c_qty"]));
        }

        Assert.Equal("4300.00", rows.Single(row => row["warehouse"] == "KINGSTON CENTRAL")["horizon_a_qty"]);
    }

    [Fact]
    public async Task The_plan_as_pdf_shows_the_event_every_warehouse_with_a_line_and_the_totals()
    {
        await fixture.EventAsync(22);

        var (response, body) = await GetAsync("/api/v1/replenishment/events/22/plan/export.pdf?warehouse_ids=1&warehouse_ids=2&warehouse_ids=3&warehouse_ids=4");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.AllAsync(body);
        foreach (var expected in new[] { "Replenishment plan, event 22", "KINGSTON CENTRAL", "MONTEGO BAY HUB", "MANDEVILLE DEPOT", "10700.00", "Page 1 of" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/api/v1/replenishment/events/999/plan/export.csv", HttpStatusCode.NotFound, null)]
    [InlineData("/api/v1/replenishment/events/x/plan/export.pdf", HttpStatusCode.BadRequest, "event_id")]
    [InlineData("/api/v1/replenishment/events/21/plan/export.csv?warehouse_ids=abc", HttpStatusCode.BadRequest, "warehouse_ids[0]")]
    public async Task A_wrong_event_or_warehouse_is_refused_with_the_json_status_body(string path, HttpStatusCode status, string? field)
    {
        var (response, body) = await GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.Contains(field, System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_token_the_plan_export_is_401()
    {
        var (response, _) = await GetAsync("/api/v1/replenishment/events/21/plan/export.csv", authenticated: false);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
