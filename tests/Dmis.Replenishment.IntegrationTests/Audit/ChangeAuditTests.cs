using System.Globalization;
using System.Net;
using System.Text.Json;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Audit;

/// <summary>
/// The change audit (ListChangeAudit): every procurement, supplier, lead-time and phase-configuration change
/// writes one row with the stored row before and after, who, when (the injected clock, three hours ahead of
/// the database's) and why. Event 1 is in SURGE; warehouse 21 needs MEDS that only horizon C can bring.
/// </summary>
public sealed class ChangeAuditTests(ChangeAuditTests.Fixture fixture) : IClassFixture<ChangeAuditTests.Fixture>
{
    private const int Meds = 2;
    private const int SupplierA = 1;

    public sealed class Fixture : DatabaseFixture
    {
        public static readonly DateTime Start = ToTheSecond(DateTime.UtcNow.AddHours(3));

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Start, TimeSpan.Zero));

        public ReplenishmentServerFactory Server { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.ItemAsync(Meds, "MEDS");
            await seed.WarehouseAsync(21, "MEDS DEPOT", minThreshold: 100000);
            await seed.WarehouseAsync(22, "FLOOD DEPOT");
            await seed.StockAsync(21, Meds, 100, unitValue: 500);
            await seed.FulfilmentAsync(1, 21, Meds, 300, hoursAgo: 1);
            await ExecuteAsync(
                """
                insert into supplier (supplier_id, supplier_code, supplier_name, status_code, create_by_id, update_by_id)
                overriding system value values (1, 'SUP-A', 'SUPPLIER A', 'A', 'SEED', 'SEED');
                select setval(pg_get_serial_sequence('supplier', 'supplier_id'), 100);
                """);
            Server = new ReplenishmentServerFactory(ConnectionString, services => services.AddSingleton<TimeProvider>(Clock));
        }

        public override async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private static readonly Metadata Officer = Bearer(Token("tanya", "LOGISTICS_OFFICER"));
    private static readonly Metadata Manager = Bearer(Token("kemar", "LOGISTICS_MANAGER"));
    private static readonly Metadata Admin = Bearer(Token("admin", "SYSTEM_ADMINISTRATOR"));
    private static readonly Metadata Reader = Bearer(Token("reader"));

    private ProcurementService.ProcurementServiceClient Client => new(fixture.Server.CreateChannel());

    private static V1.Decimal Dec(decimal value) => new() { Value = value.ToString(CultureInfo.InvariantCulture) };

    private static Timestamp At(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private DateTime Now => fixture.Clock.GetUtcNow().UtcDateTime;

    private async Task<List<ChangeAuditEntry>> TrailAsync(AuditedEntityType type, int id) =>
        [.. (await Client.ListChangeAuditAsync(new ListChangeAuditRequest { EntityType = type, EntityId = id }, Reader)).Entries];

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    /// <summary>A generated MEDS list of warehouse 21, approved in the database (the workflow is not under test here).</summary>
    private async Task<int> ApprovedListAsync()
    {
        var needsLists = new NeedsListService.NeedsListServiceClient(fixture.Server.CreateChannel());
        var list = await needsLists.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 1, WarehouseId = 21 }, Officer);
        await fixture.ExecuteAsync(
            "update needs_list set status_code = 'APPROVED', approved_by = 'dg', approved_at = now() at time zone 'UTC' where needs_list_id = @id",
            new { id = list.NeedsListId });
        return list.NeedsListId;
    }

    private Task<V1.Procurement> DraftAsync(int needsListId) =>
        Client.CreateProcurementFromNeedsListAsync(new CreateProcurementFromNeedsListRequest
        {
            NeedsListId = needsListId, SupplierId = SupplierA, Method = ProcurementMethod.Rfq, Notes = "urgent meds",
        }, Officer).ResponseAsync;

    [Fact]
    public async Task A_procurements_whole_life_is_audited_in_order_with_the_rows_before_and_after()
    {
        var draft = await DraftAsync(await ApprovedListAsync());
        var updated = await Client.UpdateProcurementDraftAsync(new UpdateProcurementDraftRequest
        {
            ProcurementId = draft.ProcurementId,
            Lines = { new LinePrice { ItemId = Meds, OrderedQty = Dec(1000), UnitPrice = Dec(400) } },
            Notes = "price agreed",
            ExpectedVersion = draft.Version,
        }, Officer);
        var submitted = await Client.SubmitProcurementAsync(
            new ProcurementActionRequest { ProcurementId = draft.ProcurementId, ExpectedVersion = updated.Version }, Officer);
        var approved = await Client.ApproveProcurementAsync(
            new ProcurementActionRequest { ProcurementId = draft.ProcurementId, ExpectedVersion = submitted.Version, Reason = "within budget" },
            Manager);
        var ordered = await Client.MarkOrderedAsync(
            new MarkOrderedRequest { ProcurementId = draft.ProcurementId, PoNumber = "PO-77", ExpectedVersion = approved.Version }, Officer);
        var shipped = await Client.MarkShippedAsync(new MarkShippedRequest
        {
            ProcurementId = draft.ProcurementId, ExpectedArrival = At(Now.AddDays(3)), ExpectedVersion = ordered.Version,
        }, Officer);
        var part = await Client.ReceiveProcurementItemsAsync(new ReceiveProcurementItemsRequest
        {
            ProcurementId = draft.ProcurementId, Items = { new ReceivedQuantity { ItemId = Meds, ReceivedQty = Dec(400) } },
            ExpectedVersion = shipped.Version,
        }, Officer);
        await Client.ReceiveProcurementItemsAsync(new ReceiveProcurementItemsRequest
        {
            ProcurementId = draft.ProcurementId, Items = { new ReceivedQuantity { ItemId = Meds, ReceivedQty = Dec(600) } },
            ExpectedVersion = part.Version,
        }, Officer);

        var trail = await TrailAsync(AuditedEntityType.Procurement, draft.ProcurementId);

        Assert.Equal(
            ["CREATED", "UPDATED", "SUBMITTED", "APPROVED", "ORDERED", "SHIPPED", "RECEIVED", "RECEIVED"],
            trail.Select(entry => entry.Action));
        Assert.Equal(trail.OrderBy(entry => entry.AuditId), trail);
        Assert.All(trail, entry => Assert.Equal(AuditedEntityType.Procurement, entry.EntityType));
        Assert.Equal(["tanya", "tanya", "tanya", "kemar", "tanya", "tanya", "tanya", "tanya"], trail.Select(entry => entry.ActorUserId));
        Assert.Equal(["urgent meds", "price agreed", "", "within budget", "", "", "", ""], trail.Select(entry => entry.Reason));
        Assert.All(trail, entry => Assert.Equal(At(Now), entry.ActionTime));

        // Each row's before is the previous row's after: the trail has no gap.
        Assert.Equal("", trail[0].BeforeJson);
        for (var i = 1; i < trail.Count; i++)
        {
            Assert.Equal(Json(trail[i - 1].AfterJson).GetProperty("version_nbr").GetInt32(), Json(trail[i].BeforeJson).GetProperty("version_nbr").GetInt32());
        }

        Assert.Equal(
            ["DRAFT", "DRAFT", "PENDING_APPROVAL", "APPROVED", "ORDERED", "SHIPPED", "PARTIAL_RECEIVED", "RECEIVED"],
            trail.Select(entry => Json(entry.AfterJson).GetProperty("status_code").GetString()));
        var update = trail[1];
        Assert.Equal(400m, Json(update.AfterJson).GetProperty("lines")[0].GetProperty("unit_price").GetDecimal());
        Assert.Equal(1000m, Json(update.AfterJson).GetProperty("lines")[0].GetProperty("ordered_qty").GetDecimal());
        Assert.Equal(500m, Json(update.BeforeJson).GetProperty("lines")[0].GetProperty("unit_price").GetDecimal());
        Assert.Equal("PO-77", Json(trail[4].AfterJson).GetProperty("po_number").GetString());
        Assert.Equal(JsonValueKind.Null, Json(trail[4].BeforeJson).GetProperty("po_number").ValueKind);
        Assert.Equal(
            [0m, 400m, 1000m],
            new[] { trail[6].BeforeJson, trail[6].AfterJson, trail[7].AfterJson }
                .Select(json => Json(json).GetProperty("lines")[0].GetProperty("received_qty").GetDecimal()));
    }

    [Fact]
    public async Task A_cancelled_procurement_keeps_the_reason_of_its_cancellation()
    {
        var draft = await DraftAsync(await ApprovedListAsync());

        await Client.CancelProcurementAsync(
            new ProcurementActionRequest { ProcurementId = draft.ProcurementId, ExpectedVersion = draft.Version, Reason = "duplicate order" },
            Officer);

        var cancelled = (await TrailAsync(AuditedEntityType.Procurement, draft.ProcurementId)).Last();
        Assert.Equal(("CANCELLED", "duplicate order", "DRAFT", "CANCELLED"), (
            cancelled.Action, cancelled.Reason,
            Json(cancelled.BeforeJson).GetProperty("status_code").GetString(), Json(cancelled.AfterJson).GetProperty("status_code").GetString()));
    }

    [Fact]
    public async Task A_refused_change_writes_no_audit_row()
    {
        var draft = await DraftAsync(await ApprovedListAsync());

        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.SubmitProcurementAsync(
            new ProcurementActionRequest { ProcurementId = draft.ProcurementId, ExpectedVersion = draft.Version + 5 }, Officer).ResponseAsync);

        Assert.Equal(["CREATED"], (await TrailAsync(AuditedEntityType.Procurement, draft.ProcurementId)).Select(entry => entry.Action));
    }

    [Fact]
    public async Task A_supplier_edit_records_the_row_before_and_after_and_the_reason()
    {
        var created = await Client.CreateSupplierAsync(new CreateSupplierRequest
        {
            Supplier = new Supplier { SupplierCode = "cwl-9", SupplierName = "Caribbean Water", DefaultLeadTimeDays = 10 },
            Reason = "new water vendor",
        }, Manager);
        var createdAt = Now;
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var edit = created.Clone();
        edit.SupplierName = "Caribbean Water Ltd";
        edit.DefaultLeadTimeDays = 7;
        await Client.UpdateSupplierAsync(
            new UpdateSupplierRequest { SupplierId = created.SupplierId, Supplier = edit, ExpectedVersion = created.Version, Reason = "renamed" },
            Admin);

        var trail = await TrailAsync(AuditedEntityType.Supplier, created.SupplierId);

        Assert.Equal([("CREATED", "kemar"), ("UPDATED", "admin")], trail.Select(entry => (entry.Action, entry.ActorUserId)));
        Assert.Equal(["new water vendor", "renamed"], trail.Select(entry => entry.Reason));
        Assert.Equal([At(createdAt), At(Now)], trail.Select(entry => entry.ActionTime));
        var (before, after) = (Json(trail[1].BeforeJson), Json(trail[1].AfterJson));
        Assert.Equal(("Caribbean Water", 10), (before.GetProperty("supplier_name").GetString(), before.GetProperty("default_lead_time_days").GetInt32()));
        Assert.Equal(("Caribbean Water Ltd", 7), (after.GetProperty("supplier_name").GetString(), after.GetProperty("default_lead_time_days").GetInt32()));
        Assert.Equal("CWL-9", after.GetProperty("supplier_code").GetString());

        // The time range selects one side of the edit.
        var since = await Client.ListChangeAuditAsync(new ListChangeAuditRequest
        {
            EntityType = AuditedEntityType.Supplier, EntityId = created.SupplierId, Since = At(Now),
        }, Reader);
        var until = await Client.ListChangeAuditAsync(new ListChangeAuditRequest
        {
            EntityType = AuditedEntityType.Supplier, EntityId = created.SupplierId, Until = At(createdAt),
        }, Reader);
        Assert.Equal(["UPDATED"], since.Entries.Select(entry => entry.Action));
        Assert.Equal(["CREATED"], until.Entries.Select(entry => entry.Action));
    }

    [Fact]
    public async Task Lead_time_and_phase_configuration_changes_are_audited()
    {
        var route = await Client.UpsertLeadTimeAsync(new UpsertLeadTimeRequest
        {
            LeadTime = new LeadTime
            {
                Horizon = LeadTimeHorizon.A, FromWarehouseId = 21, ToWarehouseId = 22, LeadTimeHours = 12,
                EffectiveFrom = new Google.Type.Date { Year = 2020, Month = 1, Day = 1 },
            },
            Reason = "new road",
        }, Admin);
        var changedRoute = route.Clone();
        changedRoute.LeadTimeHours = 30;
        await Client.UpsertLeadTimeAsync(
            new UpsertLeadTimeRequest { LeadTime = changedRoute, ExpectedVersion = route.Version, Reason = "bridge out" }, Admin);
        var events = new EventPhaseService.EventPhaseServiceClient(fixture.Server.CreateChannel());
        var parameters = new PhaseParameters
        {
            DemandWindowHours = 12, PlanningWindowHours = 96, SafetyBufferPct = Dec(40), SafetyFactor = Dec(1.5m),
            FreshnessThresholdHours = 2, StaleThresholdHours = 6,
        };
        var config = await events.UpsertPhaseConfigAsync(
            new UpsertPhaseConfigRequest { EventId = 1, Phase = EventPhase.Surge, Parameters = parameters, IsActive = true }, Admin);
        parameters.DemandWindowHours = 24;
        await events.UpsertPhaseConfigAsync(new UpsertPhaseConfigRequest
        {
            EventId = 1, Phase = EventPhase.Surge, Parameters = parameters, IsActive = true, ExpectedVersion = config.Version,
            Reason = "demand settles",
        }, Admin);

        var routeTrail = await TrailAsync(AuditedEntityType.LeadTime, route.ConfigId);
        var configTrail = await TrailAsync(AuditedEntityType.PhaseConfig,
            await fixture.ScalarAsync<int>("select config_id from event_phase_config where event_id = 1 and phase = 'SURGE'"));

        Assert.Equal([("CREATED", "new road"), ("UPDATED", "bridge out")], routeTrail.Select(entry => (entry.Action, entry.Reason)));
        Assert.Equal((12, 30), (
            Json(routeTrail[1].BeforeJson).GetProperty("lead_time_hours").GetInt32(), Json(routeTrail[1].AfterJson).GetProperty("lead_time_hours").GetInt32()));
        Assert.Equal([("CREATED", ""), ("UPDATED", "demand settles")], configTrail.Select(entry => (entry.Action, entry.Reason)));
        Assert.Equal((12, 24), (
            Json(configTrail[1].BeforeJson).GetProperty("demand_window_hours").GetInt32(),
            Json(configTrail[1].AfterJson).GetProperty("demand_window_hours").GetInt32()));
    }

    [Fact]
    public async Task The_audit_pages_oldest_first_without_gaps_or_repeats()
    {
        for (var i = 0; i < 5; i++)
        {
            await Client.CreateSupplierAsync(
                new CreateSupplierRequest { Supplier = new Supplier { SupplierCode = $"PAGE-{i}", SupplierName = $"PAGED {i}" } }, Manager);
        }

        var all = (await Client.ListChangeAuditAsync(
            new ListChangeAuditRequest { EntityType = AuditedEntityType.Supplier, PageSize = 1000 }, Reader)).Entries.ToList();
        var paged = new List<ChangeAuditEntry>();
        var token = "";
        do
        {
            var page = await Client.ListChangeAuditAsync(
                new ListChangeAuditRequest { EntityType = AuditedEntityType.Supplier, PageSize = 2, PageToken = token }, Reader);
            Assert.True(page.Entries.Count <= 2);
            paged.AddRange(page.Entries);
            token = page.NextPageToken;
        }
        while (token != "");

        Assert.True(all.Count >= 5);
        Assert.Equal(all.Select(entry => entry.AuditId), paged.Select(entry => entry.AuditId));
        Assert.Equal(all.Select(entry => entry.AuditId).Order(), all.Select(entry => entry.AuditId));
        Assert.All(all, entry => Assert.Equal(AuditedEntityType.Supplier, entry.EntityType));
    }

    [Theory]
    [InlineData(AuditedEntityType.Unspecified, 5, null, null, "entity_id")]
    [InlineData(AuditedEntityType.Supplier, -1, null, null, "entity_id")]
    [InlineData(AuditedEntityType.Supplier, 0, 1, 2, "until")]
    [InlineData((AuditedEntityType)42, 0, null, null, "entity_type")]
    public async Task Bad_filters_are_invalid_argument_naming_the_field(
        AuditedEntityType type, int entityId, int? sinceHoursAgo, int? untilHoursAgo, string field)
    {
        var request = new ListChangeAuditRequest { EntityType = type, EntityId = entityId };
        if (sinceHoursAgo is { } since)
        {
            request.Since = At(DateTime.UtcNow.AddHours(-since));
        }

        if (untilHoursAgo is { } until)
        {
            request.Until = At(DateTime.UtcNow.AddHours(-until));
        }

        await GrpcAssert.FailsOnField(field, () => Client.ListChangeAuditAsync(request, Reader).ResponseAsync);
    }

    [Fact]
    public async Task A_forged_page_token_is_invalid_argument()
    {
        await GrpcAssert.FailsOnField("page_token", () => Client.ListChangeAuditAsync(
            new ListChangeAuditRequest { PageToken = "AAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAA" }, Reader).ResponseAsync);
    }

    [Fact]
    public async Task Over_http_the_audit_is_a_get_with_query_filters_and_bad_ones_are_400()
    {
        var created = await Client.CreateSupplierAsync(
            new CreateSupplierRequest { Supplier = new Supplier { SupplierCode = "HTTP-1", SupplierName = "OVER HTTP" }, Reason = "via json" },
            Manager);
        using var http = fixture.Server.CreateClient();

        var reply = await HttpJsonReply.SendAsync(http, HttpMethod.Get,
            $"/api/v1/change-audit?entity_type=AUDITED_ENTITY_TYPE_SUPPLIER&entity_id={created.SupplierId}", token: Token("reader"));
        var bad = await HttpJsonReply.SendAsync(http, HttpMethod.Get, "/api/v1/change-audit?entity_id=3", token: Token("reader"));
        var anonymous = await HttpJsonReply.SendAsync(http, HttpMethod.Get, "/api/v1/change-audit");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var entry = Assert.Single(reply.Json.GetProperty("entries").EnumerateArray());
        Assert.Equal(("CREATED", "via json"), (entry.GetProperty("action").GetString(), entry.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("entity_id", bad.Body);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.Status);
    }

    private static DateTime ToTheSecond(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
