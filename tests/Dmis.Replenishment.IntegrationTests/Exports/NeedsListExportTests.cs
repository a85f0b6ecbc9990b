using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CsCheck;
using CsvHelper;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Exports;

/// <summary>
/// The CSV and PDF exports of a stored needs list over HTTP. Event 1 is in SURGE; warehouse 11 needs WATER
/// (one transfer source, warehouse 2) and RICE (none); warehouse 12 needs 70 items, enough for several pages.
/// </summary>
public sealed class NeedsListExportTests(NeedsListExportTests.Fixture fixture) : IClassFixture<NeedsListExportTests.Fixture>
{
    private const int Water = 1, Rice = 2, ManyItemsFrom = 100, ManyItems = 70;

    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE", name: "HURRICANE MELISSA");
            await seed.ItemAsync(Water, "WATER", criticality: "CRITICAL");
            await seed.ItemAsync(Rice, "RICE");
            await seed.WarehouseAsync(2, "MONTEGO BAY HUB", syncedHoursAgo: 1);
            await seed.StockAsync(2, Water, 1000, unitValue: 850);
            await seed.WarehouseAsync(11, "DEPOT 11", syncedHoursAgo: 0.5);
            await seed.StockAsync(11, Water, 200, unitValue: 850);
            await seed.StockAsync(11, Rice, 5000, unitValue: 120);
            await seed.FulfilmentAsync(1, 11, Water, 300, hoursAgo: 1);
            await seed.FulfilmentAsync(1, 11, Rice, 30000, hoursAgo: 2);

            await seed.WarehouseAsync(12, "DEPOT 12", syncedHoursAgo: 0.5);
            for (var itemId = ManyItemsFrom; itemId < ManyItemsFrom + ManyItems; itemId++)
            {
                await seed.ItemAsync(itemId, $"KIT-{itemId}");
                await seed.StockAsync(12, itemId, itemId, unitValue: 10);
                await seed.FulfilmentAsync(1, 12, itemId, 60 + itemId, hoursAgo: 1);
            }
        }
    }

    private static readonly string Reader = Token("visitor");

    private async Task<NeedsList> GenerateAsync(int warehouseId)
    {
        var client = new NeedsListService.NeedsListServiceClient(fixture.Factory.CreateChannel());
        var officer = Bearer(Token("tanya", "LOGISTICS_OFFICER"));
        var generated = await client.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 1, WarehouseId = warehouseId }, officer);
        return await client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = generated.NeedsListId }, officer);
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> GetAsync(string path, string? token = null)
    {
        using var client = fixture.Factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static string ExportPath(object id, string extension) => $"/api/v1/replenishment/needs-lists/{id}/export.{extension}";

    [Fact]
    public async Task Csv_export_is_utf8_csv_named_after_the_list_with_a_row_per_line_holding_the_numbers_of_GetNeedsList()
    {
        var list = await GenerateAsync(11);

        var (response, body) = await GetAsync(ExportPath(list.NeedsListId, "csv"), Reader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal($"needs-list-{list.NeedsListNo}.csv", response.Content.Headers.ContentDisposition?.FileName);
        using var csv = CsvReader.Create(body);
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Headers.ToDictionary(header => header, header => csv.GetString(header)));
        }

        Assert.Equal(list.Lines.Select(line => line.ItemCode), rows.Select(row => row["item_code"]));
        Assert.Equal(2, rows.Count);
        foreach (var (line, row) in list.Lines.Zip(rows))
        {
            Assert.Equal(line.GapQty.Value, row["gap_qty"]);
            Assert.Equal(line.RequiredQty.Value, row["required_qty"]);
            Assert.Equal(line.UsableStock.Value, row["usable_stock"]);
            Assert.Equal(line.Inbound.TotalQty.Value, row["inbound_total_qty"]);
            Assert.Equal(line.BurnRate.Value, row["burn_rate"]);
            Assert.Equal(line.TimeToStockoutHours.Value, row["time_to_stockout_hours"]);
            Assert.Equal(line.HorizonA.Qty.Value, row["horizon_a_qty"]);
            Assert.Equal(line.HorizonB.Qty.Value, row["horizon_b_qty"]);
            Assert.Equal(line.HorizonC.Qty.Value, row["horizon_c_qty"]);
            Assert.Equal(line.EstimatedValue.Value, row["estimated_value"]);
            Assert.Equal(line.FulfilledQty.Value, row["fulfilled_qty"]);
            Assert.Equal(line.Severity.ToString().ToUpperInvariant(), row["severity"]);
        }

        var water = rows.Single(row => row["item_code"] == "WATER");
        Assert.Equal("4300.00", water["gap_qty"]);
        Assert.StartsWith("MONTEGO BAY HUB (2): 1000.00, 8 h, ", water["horizon_a_sources"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_export_is_a_pdf_named_after_the_list_showing_its_number_every_item_and_the_same_gaps()
    {
        var list = await GenerateAsync(11);

        var (response, body) = await GetAsync(ExportPath(list.NeedsListId, "pdf"), Reader);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"needs-list-{list.NeedsListNo}.pdf", response.Content.Headers.ContentDisposition?.FileName);
        var text = await PdfText.AllAsync(body);
        Assert.Contains($"Needs list {list.NeedsListNo}", text, StringComparison.Ordinal);
        Assert.Contains("HURRICANE MELISSA", text, StringComparison.Ordinal);
        Assert.Contains("DEPOT 11", text, StringComparison.Ordinal);
        foreach (var line in list.Lines)
        {
            Assert.Contains(line.ItemCode, text, StringComparison.Ordinal);
            Assert.Contains(line.GapQty.Value, text, StringComparison.Ordinal);
        }

        Assert.Contains(list.TotalGapQty.Value, text, StringComparison.Ordinal);
        Assert.Contains("SENIOR_DIRECTOR", text, StringComparison.Ordinal);
        Assert.Contains("Signature", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_list_prints_on_several_pages_each_numbered_and_with_the_table_header()
    {
        var list = await GenerateAsync(12);
        Assert.Equal(ManyItems, list.Lines.Count);

        var (_, body) = await GetAsync(ExportPath(list.NeedsListId, "pdf"), Reader);

        var all = await PdfText.AllAsync(body);
        var pages = all.Split('\f', StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.True(pages >= 3, $"{pages} pages");
        for (var page = 1; page <= pages; page++)
        {
            var text = await PdfText.PageAsync(body, page);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Page {page} of {pages}"), text, StringComparison.Ordinal);
            Assert.Contains("Required", text, StringComparison.Ordinal);
        }

        Assert.All(list.Lines, line => Assert.Contains(line.ItemCode, all, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("pdf")]
    public async Task An_unknown_list_is_404_with_the_json_status_body(string extension)
    {
        var (response, body) = await GetAsync(ExportPath(999_999, extension), Reader);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)StatusCode.NotFound, json.GetProperty("code").GetInt32());
        Assert.Contains("999999", json.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv", "abc")]
    [InlineData("pdf", "0")]
    [InlineData("csv", "-4")]
    [InlineData("pdf", "99999999999")]
    [InlineData("csv", "1.5")]
    public async Task A_malformed_id_is_400_naming_needs_list_id(string extension, string id)
    {
        var (response, body) = await GetAsync(ExportPath(id, extension), Reader);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)StatusCode.InvalidArgument, json.GetProperty("code").GetInt32());
        var violation = Assert.Single(json.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray());
        Assert.Equal("needs_list_id", violation.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("pdf")]
    public async Task Without_a_token_an_export_is_401_with_the_json_status_body(string extension)
    {
        var list = await GenerateAsync(11);

        var (response, body) = await GetAsync(ExportPath(list.NeedsListId, extension));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal((int)StatusCode.Unauthenticated, JsonDocument.Parse(body).RootElement.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task No_generated_id_gives_a_server_error_and_every_refused_one_names_needs_list_id()
    {
        var ids = Gen.OneOf(
            Gen.Int.Select(id => id.ToString(CultureInfo.InvariantCulture)),
            Gen.Long.Select(id => id.ToString(CultureInfo.InvariantCulture)),
            // "." and ".." are dot segments: clients remove them from the path (RFC 3986), so they never reach this route.
            Gen.Char["0123456789-+.,eE xé%/"].Array[1, 24].Select(chars => new string(chars)).Where(id => id is not ("." or "..")));
        var failures = new List<string>();

        await Gen.Select(ids, Gen.OneOf(Gen.Const("csv"), Gen.Const("pdf"))).SampleAsync(async (id, extension) =>
        {
            var (response, body) = await GetAsync(ExportPath(Uri.EscapeDataString(id), extension), Reader);
            var status = (int)response.StatusCode;
            if (status >= 500 || (status == 400 && !JsonDocument.Parse(body).RootElement.ToString().Contains("needs_list_id", StringComparison.Ordinal)))
            {
                failures.Add($"'{id}' .{extension}: HTTP {status}");
            }
        }, iter: 150, threads: 1, seed: "0000000exp01");

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
