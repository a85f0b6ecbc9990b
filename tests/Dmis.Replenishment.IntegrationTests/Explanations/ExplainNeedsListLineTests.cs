using System.Net;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.V1;
using Grpc.Core;

namespace Dmis.Replenishment.IntegrationTests.Explanations;

/// <summary>
/// SPEC 9, "explain a line", on the real database: three warehouses of one event competing for one scarce source
/// and one pledge. KINGSTON (1) has 200 of WATER, MONTEGO BAY (2) 1,000, MANDEVILLE (3) none since its last
/// dispatches 14, 16 and 19 h ago; each of 1 and 2 fulfilled 300 in the last hour (50/h, required 4,500).
/// OCHO RIOS (4) has 2,000 and no demand of its own: the one source that can give. PORT ANTONIO (5) has 5,000
/// but its data is 7 h old; SPANISH TOWN (6) is inactive; MAY PEN (7) has 300 under its 500 threshold.
/// One pledge of 1,000. Each test has its own event and item, since stock and holds are per warehouse and item.
/// </summary>
public sealed class ExplainNeedsListLineTests(ExplainNeedsListLineTests.Fixture fixture) : IClassFixture<ExplainNeedsListLineTests.Fixture>
{
    private const int Kingston = 1, Montego = 2, Mandeville = 3, OchoRios = 4, PortAntonio = 5, SpanishTown = 6, MayPen = 7;

    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.WarehouseAsync(Kingston, "KINGSTON CENTRAL");
            await seed.WarehouseAsync(Montego, "MONTEGO BAY HUB");
            await seed.WarehouseAsync(Mandeville, "MANDEVILLE DEPOT");
            await seed.WarehouseAsync(OchoRios, "OCHO RIOS DEPOT");
            await seed.WarehouseAsync(PortAntonio, "PORT ANTONIO DEPOT", syncedHoursAgo: 7);
            await seed.WarehouseAsync(SpanishTown, "SPANISH TOWN DEPOT", status: "I");
            await seed.WarehouseAsync(MayPen, "MAY PEN DEPOT", minThreshold: 500);
        }

        /// <summary>Event <paramref name="eventId"/> in SURGE and item <paramref name="itemId"/> as the class describes; returns the pledge's donation id.</summary>
        public async Task<int> ScenarioAsync(int eventId, int itemId)
        {
            var seed = new Seed(this);
            await seed.EventAsync(eventId, "SURGE");
            await seed.ItemAsync(itemId, $"WATER-{itemId}", criticality: "CRITICAL");
            await seed.StockAsync(Kingston, itemId, 200);
            await seed.StockAsync(Montego, itemId, 1_000);
            await seed.StockAsync(Mandeville, itemId, 0);
            await seed.StockAsync(OchoRios, itemId, 2_000);
            await seed.StockAsync(PortAntonio, itemId, 5_000);
            await seed.StockAsync(SpanishTown, itemId, 5_000);
            await seed.StockAsync(MayPen, itemId, 300);
            await seed.FulfilmentAsync(eventId, Kingston, itemId, 300, hoursAgo: 1);
            await seed.FulfilmentAsync(eventId, Montego, itemId, 300, hoursAgo: 1);
            foreach (var hoursAgo in new[] { 19, 16, 14 })
            {
                await seed.FulfilmentAsync(eventId, Mandeville, itemId, 40, hoursAgo);
            }

            return await seed.DonationAsync(eventId, itemId, 1_000, "E", "P", receivedDaysAgo: 2, description: "RED CROSS WATER");
        }
    }

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private async Task<LineExplanation> ExplainAsync(ExplainNeedsListLineRequest request) =>
        await Client.ExplainNeedsListLineAsync(request, Callers.ReadOnly);

    private static IEnumerable<(int, SourceOutcome, string)> Outcomes(LineExplanation explanation) =>
        explanation.Sources.Select(source => (source.WarehouseId, source.Outcome, source.GivenQty.Value));

    [Fact]
    public async Task A_preview_line_names_its_demand_its_inbound_and_every_source_and_pledge_with_what_it_gave()
    {
        var pledge = await fixture.ScenarioAsync(eventId: 1, itemId: 1);
        await new Seed(fixture).TransferAsync(OchoRios, Kingston, 1, 100, status: "D");

        var explanation = await ExplainAsync(new ExplainNeedsListLineRequest { EventId = 1, WarehouseId = Kingston, ItemId = 1 });

        // Gap 4,500 - (200 + 100 inbound) = 4,200: OCHO RIOS gives its 2,000, the pledge 1,000, procurement the rest.
        Assert.Equal("4200.00", explanation.Line.GapQty.Value);
        Assert.Equal(BurnRateRule.DemandInWindow, explanation.BurnRate.Rule);
        Assert.Equal(6, explanation.BurnRate.WindowHours);
        Assert.Equal(explanation.AsOf, explanation.BurnRate.WindowEnd);
        var fulfilment = Assert.Single(explanation.FulfilmentLines);
        Assert.Equal(("300.00", "D", 1), (fulfilment.Qty.Value[..6], fulfilment.PackageStatus, fulfilment.ItemId));
        var inbound = Assert.Single(explanation.InboundDocuments);
        Assert.Equal(("TRANSFER", "100.00"), (inbound.SourceType, inbound.Qty.Value));
        Assert.Equal(
            [
                (OchoRios, SourceOutcome.Gave, "2000.00"), (Montego, SourceOutcome.BelowFloor, "0"), (Mandeville, SourceOutcome.BelowFloor, "0"),
                (MayPen, SourceOutcome.BelowFloor, "0"), (PortAntonio, SourceOutcome.Offline, "0"), (SpanishTown, SourceOutcome.Inactive, "0"),
            ],
            Outcomes(explanation));
        var mayPen = explanation.Sources.Single(source => source.WarehouseId == MayPen);
        Assert.Equal(("300.00", "500.00"), (mayPen.UsableQty.Value, mayPen.FloorQty.Value));
        var given = Assert.Single(explanation.Pledges);
        Assert.Equal((pledge, PledgeOutcome.Gave, "1000.00"), (given.DonationId, given.Outcome, given.GivenQty.Value));
        Assert.Equal((8, 72, 336), (explanation.HorizonALeadTimeHours, explanation.HorizonBLeadTimeHours, explanation.HorizonCLeadTimeHours));
        Assert.Equal(6, explanation.Parameters.DemandWindowHours);
    }

    [Fact]
    public async Task Another_warehouse_sees_the_scarce_source_and_the_pledge_held_by_the_list_submitted_first()
    {
        var pledge = await fixture.ScenarioAsync(eventId: 2, itemId: 2);
        var first = await Client.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 2, WarehouseId = Kingston }, Callers.Officer);
        first = await Client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = first.NeedsListId, ExpectedVersion = first.Version }, Callers.Officer);

        var explanation = await ExplainAsync(new ExplainNeedsListLineRequest { EventId = 2, WarehouseId = Montego, ItemId = 2 });

        var ochoRios = explanation.Sources.Single(source => source.WarehouseId == OchoRios);
        Assert.Equal(SourceOutcome.HeldByOpenLists, ochoRios.Outcome);
        Assert.Equal((first.NeedsListNo, "2000.00"), (ochoRios.Holds.Single().NeedsListNo, ochoRios.Holds.Single().Qty.Value));
        Assert.Contains(first.NeedsListNo, ochoRios.Reason);
        var drawn = Assert.Single(explanation.Pledges);
        Assert.Equal((pledge, PledgeOutcome.DrawnByOpenLists, "1000.00"), (drawn.DonationId, drawn.Outcome, drawn.DrawnOpenQty.Value));
        Assert.Equal(first.NeedsListNo, drawn.Holds.Single().NeedsListNo);
    }

    [Fact]
    public async Task A_stocked_out_line_shows_the_window_ending_at_its_last_dispatch_page_by_page()
    {
        await fixture.ScenarioAsync(eventId: 3, itemId: 3);
        var request = new ExplainNeedsListLineRequest { EventId = 3, WarehouseId = Mandeville, ItemId = 3, PageSize = 2 };

        var first = await ExplainAsync(request);
        var second = await ExplainAsync(new ExplainNeedsListLineRequest(request) { PageToken = first.NextPageToken });

        Assert.Equal(BurnRateRule.StockedOutWindow, first.BurnRate.Rule);
        Assert.Equal(first.Line.DemandWindowEnd, first.BurnRate.WindowEnd);
        Assert.Equal(TimeSpan.FromHours(6), first.BurnRate.WindowEnd.ToDateTime() - first.BurnRate.WindowStart.ToDateTime());
        Assert.Equal(2, first.FulfilmentLines.Count);
        Assert.NotEmpty(first.NextPageToken);
        Assert.Single(second.FulfilmentLines);
        Assert.Empty(second.NextPageToken);
        Assert.Equal(first.AsOf, second.AsOf);
        var dispatches = first.FulfilmentLines.Concat(second.FulfilmentLines).Select(line => line.DispatchedAt.ToDateTime()).ToList();
        Assert.Equal(dispatches.Order(), dispatches);
        Assert.Equal(first.BurnRate.WindowEnd.ToDateTime(), dispatches[^1]);
    }

    [Fact]
    public async Task An_item_that_is_not_a_line_is_not_found()
    {
        await fixture.ScenarioAsync(eventId: 4, itemId: 4);

        var noGap = await Assert.ThrowsAsync<RpcException>(() =>
            ExplainAsync(new ExplainNeedsListLineRequest { EventId = 4, WarehouseId = OchoRios, ItemId = 4 }));
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            ExplainAsync(new ExplainNeedsListLineRequest { EventId = 4, WarehouseId = Kingston, ItemId = 999 }));

        Assert.Equal(StatusCode.NotFound, noGap.StatusCode);
        Assert.Contains("item 4", noGap.Status.Detail);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_stored_line_is_explained_as_generated_even_after_the_stock_moved()
    {
        var pledge = await fixture.ScenarioAsync(eventId: 6, itemId: 6);
        var list = await Client.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 6, WarehouseId = Kingston }, Callers.Officer);
        var lineId = list.Lines.Single().NeedsListItemId;
        var before = await ExplainAsync(new ExplainNeedsListLineRequest { NeedsListId = list.NeedsListId, ItemId = 6 });

        // Afterwards OCHO RIOS is emptied, MAY PEN restocked and a new fulfilment leaves KINGSTON: none of it was true at generation.
        await fixture.ExecuteAsync("update inventory set usable_qty = 0 where inventory_id = @OchoRios and item_id = 6", new { OchoRios });
        await fixture.ExecuteAsync("update inventory set usable_qty = 9000 where inventory_id = @MayPen and item_id = 6", new { MayPen });
        await new Seed(fixture).FulfilmentAtAsync(6, Kingston, 6, 50, DateTime.UtcNow.AddMinutes(1));
        var after = await ExplainAsync(new ExplainNeedsListLineRequest { NeedsListItemId = lineId });

        Assert.Equal(before, after);
        Assert.Equal((list.NeedsListId, list.NeedsListNo), (after.NeedsListId, after.NeedsListNo));
        Assert.Equal(list.CalculationTime, after.AsOf);
        Assert.Equal(list.CalculationTime, after.BurnRate.WindowEnd);
        Assert.Equal(BurnRateRule.DemandInWindow, after.BurnRate.Rule);
        Assert.Single(after.FulfilmentLines);
        Assert.Empty(after.InboundDocuments);
        var ochoRios = after.Sources.First();
        Assert.Equal((OchoRios, SourceOutcome.Gave, "2000.00", "2000.00"), (ochoRios.WarehouseId, ochoRios.Outcome, ochoRios.GivenQty.Value, ochoRios.UsableQty.Value));
        Assert.Equal(SourceOutcome.BelowFloor, after.Sources.Single(source => source.WarehouseId == MayPen).Outcome);
        Assert.Equal(SourceOutcome.Offline, after.Sources.Single(source => source.WarehouseId == PortAntonio).Outcome);
        var drawn = Assert.Single(after.Pledges);
        Assert.Equal((pledge, PledgeOutcome.Gave, "1000.00"), (drawn.DonationId, drawn.Outcome, drawn.GivenQty.Value));
        Assert.Equal(list.Lines.Single().GapQty, after.Line.GapQty);
    }

    [Fact]
    public async Task A_stored_list_without_the_item_is_not_found_and_mixing_preview_fields_is_invalid()
    {
        await fixture.ScenarioAsync(eventId: 7, itemId: 7);
        var list = await Client.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 7, WarehouseId = Kingston }, Callers.Officer);

        var missing = await Assert.ThrowsAsync<RpcException>(() =>
            ExplainAsync(new ExplainNeedsListLineRequest { NeedsListId = list.NeedsListId, ItemId = 1 }));
        var mixed = await Assert.ThrowsAsync<RpcException>(() =>
            ExplainAsync(new ExplainNeedsListLineRequest { NeedsListId = list.NeedsListId, ItemId = 7, EventId = 7 }));
        var noItem = await Assert.ThrowsAsync<RpcException>(() =>
            ExplainAsync(new ExplainNeedsListLineRequest { NeedsListId = list.NeedsListId }));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal((StatusCode.InvalidArgument, true), (mixed.StatusCode, mixed.Status.Detail.Contains("event_id")));
        Assert.Equal((StatusCode.InvalidArgument, true), (noItem.StatusCode, noItem.Status.Detail.Contains("item_id")));
    }

    [Theory]
    [InlineData(0, 1, 1, "event_id")]
    [InlineData(1, -1, 1, "warehouse_id")]
    [InlineData(1, 1, 0, "item_id")]
    public async Task Bad_input_is_invalid_argument_naming_the_field(int eventId, int warehouseId, int itemId, string field)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            ExplainAsync(new ExplainNeedsListLineRequest { EventId = eventId, WarehouseId = warehouseId, ItemId = itemId }));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(field, refused.Status.Detail);
    }

    [Fact]
    public async Task The_http_route_answers_the_explanation_and_bad_input_as_400()
    {
        await fixture.ScenarioAsync(eventId: 5, itemId: 5);
        using var http = fixture.Factory.CreateClient();
        var token = ReplenishmentServerFactory.Token("reader1");

        var ok = await HttpJsonReply.SendAsync(http, HttpMethod.Post, "/api/v1/replenishment/needs-list/explain",
            """{"event_id":5,"warehouse_id":1,"item_id":5}""", token);
        var bad = await HttpJsonReply.SendAsync(http, HttpMethod.Post, "/api/v1/replenishment/needs-list/explain",
            """{"event_id":5,"warehouse_id":1,"item_id":0}""", token);

        Assert.True(ok.Status == HttpStatusCode.OK, ok.Body);
        Assert.Equal("BURN_RATE_RULE_DEMAND_IN_WINDOW", ok.Json.GetProperty("burnRate").GetProperty("rule").GetString());
        Assert.Equal("SOURCE_OUTCOME_GAVE", ok.Json.GetProperty("sources")[0].GetProperty("outcome").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("item_id", bad.Body);
    }
}
