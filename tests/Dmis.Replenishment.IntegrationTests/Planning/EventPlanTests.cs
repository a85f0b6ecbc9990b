using System.Net;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.V1;
using Grpc.Core;

namespace Dmis.Replenishment.IntegrationTests.Planning;

/// <summary>
/// SPEC 9, the network plan on the real database: three warehouses short of WATER (50/h each in SURGE,
/// 4,500 required) compete for one source and one pledge. KINGSTON (1) has 200 (4 h: CRITICAL, gap 4,300),
/// MONTEGO BAY (2) 600 (12 h: WARNING, gap 3,900), MANDEVILLE (3) 2,000 (40 h: WATCH, gap 2,500);
/// PORT ANTONIO (4) has 5,000 and no demand; one pledge of 1,000. Each test has its own event.
/// </summary>
public sealed class EventPlanTests(EventPlanTests.Fixture fixture) : IClassFixture<EventPlanTests.Fixture>
{
    private const int Water = 1, Kingston = 1, Montego = 2, Mandeville = 3, PortAntonio = 4;

    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.WarehouseAsync(Kingston, "KINGSTON CENTRAL");
            await seed.WarehouseAsync(Montego, "MONTEGO BAY HUB");
            await seed.WarehouseAsync(Mandeville, "MANDEVILLE DEPOT");
            await seed.WarehouseAsync(PortAntonio, "PORT ANTONIO");
            await seed.ItemAsync(Water, "WATER", criticality: "CRITICAL");
            await seed.StockAsync(Kingston, Water, 200);
            await seed.StockAsync(Montego, Water, 600);
            await seed.StockAsync(Mandeville, Water, 2000);
            await seed.StockAsync(PortAntonio, Water, 5000);
        }

        /// <summary>Event <paramref name="eventId"/> in SURGE with the three warehouses' demand and the pledge.</summary>
        public async Task<int> EventAsync(int eventId)
        {
            var seed = new Seed(this);
            await seed.EventAsync(eventId, "SURGE");
            foreach (var warehouse in new[] { Kingston, Montego, Mandeville })
            {
                await seed.FulfilmentAsync(eventId, warehouse, Water, 300, hoursAgo: 1);
            }

            return await seed.DonationAsync(eventId, Water, 1000, "E", "P", receivedDaysAgo: 2, description: "RED CROSS WATER");
        }

        public Task<long> ListCountAsync(int eventId) =>
            ScalarAsync<long>("select count(*) from needs_list where event_id = @eventId", new { eventId });
    }

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private Task<EventReplenishmentPlan> PlanAsync(int eventId, WhatIfAssumptions? assumptions = null, params int[] warehouses)
    {
        var request = new PlanEventReplenishmentRequest { EventId = eventId, Assumptions = assumptions };
        request.WarehouseIds.AddRange(warehouses);
        return Client.PlanEventReplenishmentAsync(request, Callers.ReadOnly).ResponseAsync;
    }

    private Task<GeneratePlannedNeedsListsResponse> GeneratePlannedAsync(int eventId, string requestId = "", Metadata? caller = null) =>
        Client.GeneratePlannedNeedsListsAsync(
            new GeneratePlannedNeedsListsRequest { EventId = eventId, RequestId = requestId }, caller ?? Callers.Officer).ResponseAsync;

    private static NeedsListLine LineAt(EventReplenishmentPlan plan, int warehouseId) =>
        plan.Warehouses.Single(w => w.WarehouseId == warehouseId).Lines.Single();

    private static (string A, string B, string C) Split(NeedsListLine line) =>
        (line.HorizonA.Qty.Value, line.HorizonB.Qty.Value, line.HorizonC.Qty.Value);

    [Fact]
    public async Task The_plan_gives_the_scarce_source_and_pledge_to_the_most_urgent_warehouses_first()
    {
        var pledge = await fixture.EventAsync(1);

        var plan = await PlanAsync(1);

        Assert.Equal(
            [(PortAntonio, Kingston, "4300.00"), (PortAntonio, Montego, "700.00")],
            plan.Transfers.Select(t => (t.FromWarehouseId, t.ToWarehouseId, t.Qty.Value)));
        Assert.Equal(("4300.00", "0", "0"), Split(LineAt(plan, Kingston)) with { B = "0", C = "0" });
        Assert.Equal(("700.00", "1000.00", "2200.00"), Split(LineAt(plan, Montego)));
        Assert.Equal([(pledge, "1000.00")], LineAt(plan, Montego).HorizonB.Pledges.Select(p => (p.DonationId, p.Qty.Value)));
        Assert.Equal("2500.00", LineAt(plan, Mandeville).HorizonC.Qty.Value);
        Assert.Empty(plan.Warehouses.Single(w => w.WarehouseId == PortAntonio).Lines);
        // Kingston's transfer arrives after 8 h, its stock lasts 4; Mandeville's procurement after 336 h, its stock 40.
        Assert.Equal([(Kingston, Water), (Mandeville, Water)], plan.Stockouts.Select(s => (s.WarehouseId, s.ItemId)));
        Assert.Equal(("10700.00", "5000.00", "1000.00", "4700.00", 3, 2), (
            plan.Totals.GapQty.Value, plan.Totals.HorizonAQty.Value, plan.Totals.HorizonBQty.Value,
            plan.Totals.HorizonCQty.Value, plan.Totals.WarehousesWithGap, plan.Totals.Transfers));
        Assert.False(plan.WhatIf);
    }

    [Fact]
    public async Task The_plan_writes_nothing_and_the_same_data_gives_the_same_plan()
    {
        await fixture.EventAsync(2);
        var asOf = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow.AddMinutes(-1));
        var request = new PlanEventReplenishmentRequest { EventId = 2, AsOf = asOf };

        var first = await Client.PlanEventReplenishmentAsync(request, Callers.ReadOnly);
        var second = await Client.PlanEventReplenishmentAsync(request, Callers.ReadOnly);

        Assert.Equal(first, second);
        Assert.Equal(0, await fixture.ListCountAsync(2));
    }

    [Fact]
    public async Task A_subset_plans_only_its_warehouses_and_every_active_warehouse_stays_a_source()
    {
        await fixture.EventAsync(3);

        var plan = await PlanAsync(3, null, Mandeville, Montego);

        Assert.Equal([Montego, Mandeville], plan.Warehouses.Select(w => w.WarehouseId));
        Assert.Equal(("3900.00", "0", "0"), Split(LineAt(plan, Montego)) with { B = "0", C = "0" });
        Assert.Equal(("1100.00", "1000.00", "400.00"), Split(LineAt(plan, Mandeville)));
    }

    [Fact]
    public async Task Generated_lists_hold_exactly_the_plans_splits()
    {
        await fixture.EventAsync(4);

        var generated = await GeneratePlannedAsync(4);
        var plan = await PlanAsync(4);

        Assert.Equal([Kingston, Montego, Mandeville, PortAntonio], generated.NeedsLists.Select(list => list.WarehouseId));
        Assert.Equal(
            [GenerateOutcome.Created, GenerateOutcome.Created, GenerateOutcome.Created, GenerateOutcome.SufficientCoverage],
            generated.NeedsLists.Select(list => list.GenerateOutcome));
        foreach (var list in generated.NeedsLists.Where(list => list.NeedsListId > 0))
        {
            var stored = await Client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = list.NeedsListId }, Callers.ReadOnly);
            var planned = LineAt(plan, list.WarehouseId);
            Assert.Equal(NeedsListStatus.Draft, stored.Status);
            Assert.Equal(Split(planned), Split(stored.Lines.Single()));
            Assert.Equal(
                planned.HorizonA.Sources.Select(s => (s.WarehouseId, s.Qty.Value)),
                stored.Lines.Single().HorizonA.Sources.Select(s => (s.WarehouseId, s.Qty.Value)));
            Assert.Equal(
                planned.HorizonB.Pledges.Select(p => (p.DonationId, p.Qty.Value)),
                stored.Lines.Single().HorizonB.Pledges.Select(p => (p.DonationId, p.Qty.Value)));
        }
    }

    [Fact]
    public async Task Generating_the_plan_again_with_the_same_request_id_changes_nothing()
    {
        await fixture.EventAsync(5);

        var first = await GeneratePlannedAsync(5, "plan-5");
        var retry = await GeneratePlannedAsync(5, "plan-5");

        Assert.Equal(first, retry);
        Assert.Equal(3, await fixture.ListCountAsync(5));
    }

    [Fact]
    public async Task Generating_the_plan_supersedes_each_warehouses_open_draft()
    {
        await fixture.EventAsync(6);
        var earlier = await Client.GenerateNeedsListAsync(
            new GenerateNeedsListRequest { EventId = 6, WarehouseId = Montego }, Callers.Officer);

        var generated = await GeneratePlannedAsync(6);

        var montego = generated.NeedsLists.Single(list => list.WarehouseId == Montego);
        var retired = Assert.Single(montego.RetiredNeedsLists);
        Assert.Equal((earlier.NeedsListId, NeedsListStatus.Superseded), (retired.NeedsListId, retired.Status));
        var old = await Client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = earlier.NeedsListId }, Callers.ReadOnly);
        Assert.Equal((NeedsListStatus.Superseded, montego.NeedsListId), (old.Status, old.SupersededById));
    }

    [Fact]
    public async Task An_officer_generates_the_plan_only_when_every_planned_warehouse_is_theirs_and_nothing_is_written_otherwise()
    {
        await fixture.EventAsync(7);
        var limited = ReplenishmentServerFactory.Bearer(
            ReplenishmentServerFactory.TokenFor("officer3", [Kingston, Montego], "LOGISTICS_OFFICER"));

        var everyWarehouse = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => GeneratePlannedAsync(7, caller: limited));
        var named = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => Client.GeneratePlannedNeedsListsAsync(
            new GeneratePlannedNeedsListsRequest { EventId = 7, WarehouseIds = { Kingston, Mandeville } }, limited).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => GeneratePlannedAsync(7, caller: Callers.ReadOnly));

        Assert.Contains("warehouse 3", everyWarehouse.Status.Detail);
        Assert.Contains("warehouse 3", named.Status.Detail);
        Assert.Equal(0, await fixture.ListCountAsync(7));
        var mine = await Client.GeneratePlannedNeedsListsAsync(
            new GeneratePlannedNeedsListsRequest { EventId = 7, WarehouseIds = { Kingston, Montego } }, limited);
        Assert.Equal(2, mine.NeedsLists.Count);
    }

    [Fact]
    public async Task A_what_if_plan_echoes_its_assumptions_and_an_offline_source_gives_nothing()
    {
        await fixture.EventAsync(8);
        var assumptions = new WhatIfAssumptions { DemandMultiplier = new Dmis.Replenishment.V1.Decimal { Value = "2" }, OfflineWarehouseIds = { PortAntonio } };

        var plan = await PlanAsync(8, assumptions);

        Assert.True(plan.WhatIf);
        Assert.Equal(assumptions.OfflineWarehouseIds, plan.Assumptions.OfflineWarehouseIds);
        Assert.Equal("2", plan.Assumptions.DemandMultiplier.Value);
        Assert.Empty(plan.Transfers);
        Assert.Equal("100.0000", LineAt(plan, Kingston).BurnRate.Value);
    }

    [Fact]
    public async Task A_what_if_preview_is_marked_and_generates_refuse_assumptions()
    {
        await fixture.EventAsync(9);
        var assumptions = new WhatIfAssumptions { RouteLeadTimes = { new RouteLeadTimeOverride { FromWarehouseId = PortAntonio, ToWarehouseId = Kingston, LeadTimeHours = 2 } } };

        var preview = await Client.PreviewNeedsListAsync(
            new PreviewNeedsListRequest { EventId = 9, WarehouseId = Kingston, Assumptions = assumptions }, Callers.ReadOnly);

        Assert.True(preview.WhatIf);
        Assert.Equal(2, preview.Lines.Single().HorizonA.Sources.Single().LeadTimeHours);
        await GrpcAssert.FailsOnField("assumptions", () => Client.GenerateNeedsListAsync(
            new GenerateNeedsListRequest { EventId = 9, WarehouseId = Kingston, Assumptions = assumptions }, Callers.Officer).ResponseAsync);
        await GrpcAssert.FailsOnField("assumptions", () => Client.GeneratePlannedNeedsListsAsync(
            new GeneratePlannedNeedsListsRequest { EventId = 9, Assumptions = assumptions }, Callers.Officer).ResponseAsync);
        Assert.Equal(0, await fixture.ListCountAsync(9));
    }

    [Theory]
    [InlineData("""{"warehouse_ids":[-1]}""", "warehouse_ids[0]")]
    [InlineData("""{"assumptions":{"demand_multiplier":{"value":"0"}}}""", "assumptions.demand_multiplier")]
    [InlineData("""{"assumptions":{"demand_multiplier":{"value":"abc"}}}""", "assumptions.demand_multiplier")]
    [InlineData("""{"assumptions":{"route_lead_times":[{"from_warehouse_id":1,"to_warehouse_id":1,"lead_time_hours":5}]}}""", "assumptions.route_lead_times[0].to_warehouse_id")]
    [InlineData("""{"assumptions":{"item_demand_multipliers":[{"item_id":1,"multiplier":{"value":"11"}}]}}""", "assumptions.item_demand_multipliers[0].multiplier")]
    public async Task Bad_plan_input_over_http_is_a_400_naming_the_field(string body, string field)
    {
        using var http = fixture.Factory.CreateClient();

        var reply = await HttpJsonReply.SendAsync(
            http, HttpMethod.Post, "/api/v1/replenishment/events/1/plan", body, ReplenishmentServerFactory.Token("reader1"));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(field, reply.Body);
    }

    [Fact]
    public async Task The_plan_answers_over_http_and_names_what_is_missing()
    {
        await fixture.EventAsync(10);
        using var http = fixture.Factory.CreateClient();
        var token = ReplenishmentServerFactory.Token("reader1");

        var reply = await HttpJsonReply.SendAsync(http, HttpMethod.Post, "/api/v1/replenishment/events/10/plan", "{}", token);
        var unknownEvent = await HttpJsonReply.SendAsync(http, HttpMethod.Post, "/api/v1/replenishment/events/999/plan", "{}", token);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(2, reply.Json.GetProperty("transfers").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, unknownEvent.Status);
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => PlanAsync(10, null, 77));
        await GrpcAssert.FailsOnField("event_id", () => PlanAsync(0));
    }
}
