using System.Globalization;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;
using ProcurementStatus = Dmis.Replenishment.V1.ProcurementStatus;

namespace Dmis.Replenishment.IntegrationTests.Procurement;

/// <summary>
/// From an approved needs list to procurement, through approval tiers, ordering, shipping and receiving.
/// Event 1 is in SURGE, event 2 in BASELINE. WATER depots 11-19 (event 1) burn 50/h on 200 usable
/// (gap 4,300; warehouse 2 gives 1,000 by transfer to the first open list, the rest is horizon C).
/// Warehouse 21 (event 1) and 22 (event 2) hold MEDS only they stock (all horizon C, 500 JMD a unit);
/// warehouse 23 holds GLOVES without an available batch (no estimated unit value).
/// </summary>
public sealed class ProcurementLifecycleTests(ProcurementLifecycleTests.Fixture fixture) : IClassFixture<ProcurementLifecycleTests.Fixture>
{
    private const int Water = 1, Meds = 2, Gloves = 3;
    private const int SupplierA = 1, FrameworkCurrent = 2, FrameworkLapsing = 3;

    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.EventAsync(2, "BASELINE");
            await seed.ItemAsync(Water, "WATER", criticality: "CRITICAL");
            await seed.ItemAsync(Meds, "MEDS");
            await seed.ItemAsync(Gloves, "GLOVES");

            await seed.WarehouseAsync(2, "MONTEGO BAY HUB", syncedHoursAgo: 1);
            await seed.StockAsync(2, Water, 1000, unitValue: 850);
            for (var warehouseId = 11; warehouseId <= 19; warehouseId++)
            {
                await seed.WarehouseAsync(warehouseId, $"DEPOT {warehouseId}");
                await seed.StockAsync(warehouseId, Water, 200, unitValue: 850);
                await seed.FulfilmentAsync(1, warehouseId, Water, 300, hoursAgo: 1);
            }

            await seed.WarehouseAsync(21, "MEDS DEPOT", minThreshold: 100000);
            await seed.StockAsync(21, Meds, 100, unitValue: 500);
            await seed.FulfilmentAsync(1, 21, Meds, 300, hoursAgo: 1);
            await seed.WarehouseAsync(22, "FLOOD DEPOT", minThreshold: 100000);
            await seed.StockAsync(22, Meds, 100, unitValue: 500);
            await seed.FulfilmentAsync(2, 22, Meds, 300, hoursAgo: 1);
            await seed.WarehouseAsync(23, "GLOVES DEPOT", minThreshold: 100000);
            // Its only batch is unavailable: no estimated unit value.
            await seed.StockAsync(23, Gloves, 10);
            await ExecuteAsync("update itembatch set status_code = 'U' where item_id = 3");
            await seed.FulfilmentAsync(1, 23, Gloves, 300, hoursAgo: 1);

            await ExecuteAsync(
                """
                insert into supplier (supplier_id, supplier_code, supplier_name, is_framework_supplier, framework_contract_no,
                                      framework_expiry_date, status_code, create_by_id, update_by_id)
                overriding system value
                values (1, 'SUP-A', 'SUPPLIER A', false, null, null, 'A', 'SEED', 'SEED'),
                       (2, 'FW-OK', 'FRAMEWORK OK', true, 'FA-1', date '2099-12-31', 'A', 'SEED', 'SEED'),
                       (3, 'FW-LAPSE', 'FRAMEWORK LAPSING', true, 'FA-2', date '2099-12-31', 'A', 'SEED', 'SEED')
                """);
        }
    }

    private static readonly Metadata Officer = Bearer(Token("tanya", "LOGISTICS_OFFICER"));
    private static readonly Metadata Officer2 = Bearer(Token("andre", "LOGISTICS_OFFICER"));
    private static readonly Metadata Manager = Bearer(Token("kemar", "LOGISTICS_MANAGER"));
    private static readonly Metadata Senior = Bearer(Token("sophia", "SENIOR_DIRECTOR"));
    private static readonly Metadata Dg = Bearer(Token("dg", "DIRECTOR_GENERAL"));

    private ProcurementService.ProcurementServiceClient Client => new(fixture.Factory.CreateChannel());

    private NeedsListService.NeedsListServiceClient NeedsLists => new(fixture.Factory.CreateChannel());

    private static string Today => DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static Google.Type.Date Past => new() { Year = 2020, Month = 1, Day = 1 };

    private static V1.Decimal Dec(decimal value) => new() { Value = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Generates a list and approves it directly in the database (the workflow RPCs are not under test here).</summary>
    private async Task<NeedsList> ApprovedListAsync(int warehouseId, int eventId = 1, decimal? adjustedQty = null)
    {
        var list = await NeedsLists.GenerateNeedsListAsync(
            new GenerateNeedsListRequest { EventId = eventId, WarehouseId = warehouseId }, Officer);
        await fixture.ExecuteAsync(
            """
            update needs_list set status_code = 'APPROVED', approved_by = 'dg', approved_at = (now() at time zone 'UTC')
             where needs_list_id = @id;
            update needs_list_item set adjusted_qty = @adjustedQty, adjustment_reason = 'BUDGET_CONSTRAINT', adjusted_by = 'tanya',
                                       adjusted_at = (now() at time zone 'UTC')
             where needs_list_id = @id and @adjustedQty::numeric is not null;
            """,
            new { id = list.NeedsListId, adjustedQty });
        return list;
    }

    private Task<V1.Procurement> CreateAsync(
        int needsListId, ProcurementMethod method, int supplierId = SupplierA, Metadata? caller = null, params LinePrice[] prices) =>
        Client.CreateProcurementFromNeedsListAsync(new CreateProcurementFromNeedsListRequest
        {
            NeedsListId = needsListId, SupplierId = supplierId, Method = method, Prices = { prices },
        }, caller ?? Officer).ResponseAsync;

    /// <summary>A draft of exactly <paramref name="qty"/> x <paramref name="price"/> of its first line.</summary>
    private async Task<V1.Procurement> DraftOfAsync(int warehouseId, ProcurementMethod method, decimal qty, decimal price, int supplierId = SupplierA, int eventId = 1)
    {
        var list = await ApprovedListAsync(warehouseId, eventId);
        var draft = await CreateAsync(list.NeedsListId, method, supplierId);
        var line = draft.Lines[0];
        return await Client.UpdateProcurementDraftAsync(new UpdateProcurementDraftRequest
        {
            ProcurementId = draft.ProcurementId,
            Lines = { new LinePrice { ItemId = line.ItemId, OrderedQty = Dec(qty), UnitPrice = Dec(price) } },
            RemoveItemIds = { draft.Lines.Skip(1).Select(l => l.ItemId) },
            ExpectedVersion = draft.Version,
        }, Officer);
    }

    private Task<V1.Procurement> ActAsync(
        Func<ProcurementActionRequest, Metadata, AsyncUnaryCall<V1.Procurement>> rpc, V1.Procurement procurement, Metadata caller, string reason = "") =>
        rpc(new ProcurementActionRequest { ProcurementId = procurement.ProcurementId, ExpectedVersion = procurement.Version, Reason = reason }, caller)
            .ResponseAsync;

    private async Task<decimal?> PreviewGapAsync(int eventId, int warehouseId, int itemId)
    {
        var preview = await NeedsLists.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = eventId, WarehouseId = warehouseId }, Officer);
        var line = preview.Lines.SingleOrDefault(l => l.ItemId == itemId);
        return line is null ? null : decimal.Parse(line.GapQty.Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Lifecycle_from_approved_list_to_received_stock_fulfils_the_list()
    {
        // Approved with MEDS adjusted down from 4,400 to 4,000: procure 4,000.
        var list = await ApprovedListAsync(21, adjustedQty: 4000);

        var draft = await CreateAsync(list.NeedsListId, ProcurementMethod.Rfq);

        Assert.Matches($"^PR-1-{Today}-\\d{{3}}$", draft.ProcurementNo);
        Assert.Equal(ProcurementStatus.Draft, draft.Status);
        Assert.Equal(21, draft.TargetWarehouseId);
        var line = Assert.Single(draft.Lines);
        Assert.Equal((Meds, "4000.00", "500.00", "2000000.00"), (line.ItemId, line.OrderedQty.Value, line.UnitPrice.Value, line.LineTotal.Value));
        Assert.Equal("2000000.00", draft.TotalValue.Value);
        Assert.Equal("tanya", draft.CreatedBy);
        var listAfterCreate = await NeedsLists.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = list.NeedsListId }, Officer);
        Assert.Equal(NeedsListStatus.InProgress, listAfterCreate.Status);
        Assert.Equal(
            [("STATUS_CHANGED", "APPROVED", "IN_PROGRESS")],
            await fixture.QueryAsync<(string, string, string)>(
                "select action_type, old_value, new_value from needs_list_audit where needs_list_id = @id and action_type = 'STATUS_CHANGED'",
                new { id = list.NeedsListId }));

        var submitted = await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), draft, Officer);
        Assert.Equal((ProcurementStatus.PendingApproval, ApprovalTier.Tier1, "LOGISTICS_MANAGER"), (submitted.Status, submitted.Tier, submitted.ApproverRole));
        var approved = await ActAsync((r, m) => Client.ApproveProcurementAsync(r, m), submitted, Manager);
        Assert.Equal((ProcurementStatus.Approved, "kemar"), (approved.Status, approved.ApprovedBy));
        var ordered = await Client.MarkOrderedAsync(new MarkOrderedRequest
        {
            ProcurementId = approved.ProcurementId, PoNumber = " PO-2026-0001 ", ExpectedVersion = approved.Version,
        }, Officer);
        Assert.Equal((ProcurementStatus.Ordered, "PO-2026-0001"), (ordered.Status, ordered.PoNumber));

        // Ordered is not inbound; shipped is, so the next preview's gap shrinks by exactly the shipped quantity.
        var gapBefore = await PreviewGapAsync(1, 21, Meds);
        Assert.Equal(4400m, gapBefore);
        var arrival = DateTime.UtcNow.AddDays(5);
        var shipped = await Client.MarkShippedAsync(new MarkShippedRequest
        {
            ProcurementId = ordered.ProcurementId,
            ExpectedArrival = Timestamp.FromDateTime(new DateTime(arrival.Year, arrival.Month, arrival.Day, 12, 0, 0, DateTimeKind.Utc)),
            ExpectedVersion = ordered.Version,
        }, Officer);
        Assert.Equal(ProcurementStatus.Shipped, shipped.Status);
        Assert.Equal(gapBefore - 4000m, await PreviewGapAsync(1, 21, Meds));

        // More than ordered is refused.
        await GrpcAssert.FailsOnField("items[0].received_qty", () => Client.ReceiveProcurementItemsAsync(new ReceiveProcurementItemsRequest
        {
            ProcurementId = shipped.ProcurementId, Items = { new ReceivedQuantity { ItemId = Meds, ReceivedQty = Dec(4000.01m) } },
            ExpectedVersion = shipped.Version,
        }, Officer).ResponseAsync);

        var partial = await Client.ReceiveProcurementItemsAsync(new ReceiveProcurementItemsRequest
        {
            ProcurementId = shipped.ProcurementId, Items = { new ReceivedQuantity { ItemId = Meds, ReceivedQty = Dec(1500) } },
            ExpectedVersion = shipped.Version, RequestId = "receipt-1",
        }, Officer2);
        Assert.Equal(ProcurementStatus.PartialReceived, partial.Status);
        Assert.Equal(("1500.00", "PARTIAL"), (partial.Lines[0].ReceivedQty.Value, partial.Lines[0].Status));
        Assert.Equal(1600m, await fixture.ScalarAsync<decimal>("select usable_qty from inventory where inventory_id = 21 and item_id = 2"));
        Assert.Equal(400m, await PreviewGapAsync(1, 21, Meds));
        var midList = await NeedsLists.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = list.NeedsListId }, Officer);
        Assert.Equal(NeedsListStatus.InProgress, midList.Status);
        Assert.Equal(("1500.00", FulfillmentStatus.Partial), (midList.Lines[0].FulfilledQty.Value, midList.Lines[0].FulfillmentStatus));

        // A retry of the same receipt changes nothing.
        var retried = await Client.ReceiveProcurementItemsAsync(new ReceiveProcurementItemsRequest
        {
            ProcurementId = shipped.ProcurementId, Items = { new ReceivedQuantity { ItemId = Meds, ReceivedQty = Dec(1500) } },
            ExpectedVersion = shipped.Version, RequestId = "receipt-1",
        }, Officer2);
        Assert.Equal(partial, retried);

        var received = await Client.ReceiveProcurementItemsAsync(new ReceiveProcurementItemsRequest
        {
            ProcurementId = partial.ProcurementId, Items = { new ReceivedQuantity { ItemId = Meds, ReceivedQty = Dec(2500) } },
            ExpectedVersion = partial.Version,
        }, Officer2);
        Assert.Equal((ProcurementStatus.Received, "andre"), (received.Status, received.ReceivedBy));
        Assert.Equal(("4000.00", "RECEIVED"), (received.Lines[0].ReceivedQty.Value, received.Lines[0].Status));
        Assert.Equal(4100m, await fixture.ScalarAsync<decimal>("select usable_qty from inventory where inventory_id = 21 and item_id = 2"));
        Assert.Equal(
            [(1500m, 500m), (2500m, 500m)],
            await fixture.QueryAsync<(decimal, decimal)>(
                "select usable_qty, avg_unit_value from itembatch where inventory_id = 21 and item_id = 2 and batch_no like 'PR-%' order by batch_id"));
        // Stock now instead of inbound: the gap stays where it was.
        Assert.Equal(400m, await PreviewGapAsync(1, 21, Meds));
        var done = await NeedsLists.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = list.NeedsListId }, Officer);
        Assert.Equal(NeedsListStatus.Fulfilled, done.Status);
        Assert.Equal(("4000.00", FulfillmentStatus.Fulfilled), (done.Lines[0].FulfilledQty.Value, done.Lines[0].FulfillmentStatus));
        Assert.Equal(
            [("STATUS_CHANGED", "0.00", "1500.00"), ("STATUS_CHANGED", "1500.00", "4000.00"), ("FULFILLED", "IN_PROGRESS", "FULFILLED")],
            await fixture.QueryAsync<(string, string, string)>(
                "select action_type, old_value, new_value from needs_list_audit where needs_list_id = @id and field_name in ('fulfilled_qty', 'status_code') and audit_id > (select max(audit_id) from needs_list_audit where needs_list_id = @id and new_value = 'IN_PROGRESS') order by audit_id",
                new { id = list.NeedsListId }));

        var fetched = await Client.GetProcurementAsync(new GetProcurementRequest { ProcurementId = received.ProcurementId }, Officer);
        Assert.Equal(received, fetched);
        var listed = await Client.ListProcurementsAsync(new ListProcurementsRequest { NeedsListId = list.NeedsListId }, Officer);
        Assert.Equal(received, Assert.Single(listed.Procurements));
    }

    [Fact]
    public async Task Tier_one_ends_at_exactly_three_million_and_tier_two_needs_a_senior_director()
    {
        var atLimit = await DraftOfAsync(11, ProcurementMethod.Rfq, 3000, 1000);
        Assert.Equal("3000000.00", atLimit.TotalValue.Value);
        var tier1 = await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), atLimit, Officer);
        Assert.Equal((ApprovalTier.Tier1, "LOGISTICS_MANAGER"), (tier1.Tier, tier1.ApproverRole));

        var above = await DraftOfAsync(12, ProcurementMethod.Rfq, 3000, 1000.01m);
        var refusal = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), above, Officer));
        Assert.Contains("RFQ", refusal.Status.Detail);
        Assert.Contains("TIER_2", refusal.Status.Detail);

        var restricted = await Client.UpdateProcurementDraftAsync(new UpdateProcurementDraftRequest
        {
            ProcurementId = above.ProcurementId, Method = ProcurementMethod.RestrictedBidding, ExpectedVersion = above.Version,
        }, Officer);
        var tier2 = await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), restricted, Officer);
        Assert.Equal((ApprovalTier.Tier2, "SENIOR_DIRECTOR"), (tier2.Tier, tier2.ApproverRole));
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => ActAsync((r, m) => Client.ApproveProcurementAsync(r, m), tier2, Manager));
        var approved = await ActAsync((r, m) => Client.ApproveProcurementAsync(r, m), tier2, Senior);
        Assert.Equal(ProcurementStatus.Approved, approved.Status);
    }

    [Fact]
    public async Task Tier_two_ends_at_exactly_fifteen_million_and_above_it_the_director_general_approves()
    {
        var atLimit = await DraftOfAsync(13, ProcurementMethod.RestrictedBidding, 3000, 5000);
        Assert.Equal("15000000.00", atLimit.TotalValue.Value);
        var tier2 = await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), atLimit, Officer);
        Assert.Equal((ApprovalTier.Tier2, "SENIOR_DIRECTOR"), (tier2.Tier, tier2.ApproverRole));

        var above = await DraftOfAsync(14, ProcurementMethod.OpenTender, 3000, 5000.01m);
        var tier3 = await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), above, Officer);
        Assert.Equal((ApprovalTier.Tier3, "DIRECTOR_GENERAL"), (tier3.Tier, tier3.ApproverRole));
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => ActAsync((r, m) => Client.ApproveProcurementAsync(r, m), tier3, Senior));
        Assert.Equal(ProcurementStatus.Approved, (await ActAsync((r, m) => Client.ApproveProcurementAsync(r, m), tier3, Dg)).Status);
    }

    [Fact]
    public async Task Emergency_direct_is_allowed_in_surge_only()
    {
        var surge = await DraftOfAsync(15, ProcurementMethod.EmergencyDirect, 3000, 5000.01m);
        var emergency = await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), surge, Officer);
        Assert.Equal((ApprovalTier.Emergency, "DIRECTOR_GENERAL"), (emergency.Tier, emergency.ApproverRole));

        var baselineList = await ApprovedListAsync(22, eventId: 2);
        var baseline = await CreateAsync(baselineList.NeedsListId, ProcurementMethod.EmergencyDirect);
        var refusal = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), baseline, Officer));
        Assert.Contains("SURGE", refusal.Status.Detail);
    }

    [Fact]
    public async Task Framework_needs_a_current_contract_at_approval()
    {
        var current = await DraftOfAsync(16, ProcurementMethod.Framework, 3000, 100, supplierId: FrameworkCurrent);
        var submitted = await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), current, Officer);
        Assert.Equal(ApprovalTier.Tier1, submitted.Tier);

        var lapsing = await DraftOfAsync(17, ProcurementMethod.Framework, 3000, 100, supplierId: FrameworkLapsing);
        var waiting = await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), lapsing, Officer);
        await fixture.ExecuteAsync("update supplier set framework_expiry_date = date '2020-01-01' where supplier_id = 3");

        var refusal = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => ActAsync((r, m) => Client.ApproveProcurementAsync(r, m), waiting, Manager));
        Assert.Contains("FW-LAPSE", refusal.Status.Detail);
        Assert.Equal(ProcurementStatus.Approved, (await ActAsync((r, m) => Client.ApproveProcurementAsync(r, m), submitted, Manager)).Status);
    }

    [Fact]
    public async Task Refusals_shipping_before_approval_cancelling_after_shipping_and_approving_ones_own()
    {
        // Created by a manager: he may approve tier 1, but not his own procurement.
        var list = await ApprovedListAsync(18);
        var mine = await CreateAsync(list.NeedsListId, ProcurementMethod.OpenTender, caller: Manager);
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Client.MarkShippedAsync(new MarkShippedRequest
        {
            ProcurementId = mine.ProcurementId, ExpectedArrival = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(3)), ExpectedVersion = mine.Version,
        }, Officer).ResponseAsync);

        var draft = await Client.UpdateProcurementDraftAsync(new UpdateProcurementDraftRequest
        {
            ProcurementId = mine.ProcurementId,
            Method = ProcurementMethod.Rfq,
            Lines = { new LinePrice { ItemId = Water, OrderedQty = Dec(100), UnitPrice = Dec(850) } },
            ExpectedVersion = mine.Version,
        }, Officer);
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), mine, Officer));
        var submitted = await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), draft, Officer);
        var own = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => ActAsync((r, m) => Client.ApproveProcurementAsync(r, m), submitted, Manager));
        Assert.Contains("kemar", own.Status.Detail);
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => ActAsync((r, m) => Client.ApproveProcurementAsync(r, m), submitted, Officer));

        var approved = await ActAsync((r, m) => Client.ApproveProcurementAsync(r, m), submitted, Senior);
        var ordered = await Client.MarkOrderedAsync(new MarkOrderedRequest { ProcurementId = approved.ProcurementId, PoNumber = "PO-9", ExpectedVersion = approved.Version }, Officer);
        var shipped = await Client.MarkShippedAsync(new MarkShippedRequest
        {
            ProcurementId = ordered.ProcurementId, ExpectedArrival = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(3)), ExpectedVersion = ordered.Version,
        }, Officer);
        await GrpcAssert.FailsOnField("reason", () => ActAsync((r, m) => Client.CancelProcurementAsync(r, m), shipped, Dg));
        var late = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => ActAsync((r, m) => Client.CancelProcurementAsync(r, m), shipped, Dg, "too late"));
        Assert.Contains("SHIPPED", late.Status.Detail);
    }

    [Fact]
    public async Task Reject_and_cancel_need_a_reason_and_free_the_quantity_for_a_new_procurement()
    {
        var draft = await DraftOfAsync(19, ProcurementMethod.Rfq, 100, 20);
        var submitted = await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), draft, Officer);
        await GrpcAssert.FailsOnField("reason", () => ActAsync((r, m) => Client.RejectProcurementAsync(r, m), submitted, Manager));
        var rejected = await ActAsync((r, m) => Client.RejectProcurementAsync(r, m), submitted, Manager, "price too high");
        Assert.Equal(ProcurementStatus.Rejected, rejected.Status);

        var again = await CreateAsync(draft.NeedsListId, ProcurementMethod.Rfq, prices: new LinePrice { ItemId = Water, UnitPrice = Dec(15) });
        Assert.Equal("15.00", again.Lines[0].UnitPrice.Value);
        var cancelled = await ActAsync((r, m) => Client.CancelProcurementAsync(r, m), again, Officer, "duplicate");
        Assert.Equal(ProcurementStatus.Cancelled, cancelled.Status);
    }

    [Fact]
    public async Task An_item_without_an_estimated_unit_value_needs_a_price_in_the_request()
    {
        var list = await NeedsLists.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 1, WarehouseId = 23 }, Officer);
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => CreateAsync(list.NeedsListId, ProcurementMethod.Rfq));
        await fixture.ExecuteAsync("update needs_list set status_code = 'APPROVED' where needs_list_id = @id", new { id = list.NeedsListId });

        await GrpcAssert.FailsOnField($"prices[item_id={Gloves}].unit_price", () => CreateAsync(list.NeedsListId, ProcurementMethod.Rfq));
    }

    [Fact]
    public async Task List_procurements_filters_by_status_and_warehouse_and_pages_newest_first()
    {
        var first = await DraftOfAsync(12, ProcurementMethod.Rfq, 10, 10);
        var second = await DraftOfAsync(13, ProcurementMethod.Rfq, 10, 10);
        await ActAsync((r, m) => Client.SubmitProcurementAsync(r, m), second, Officer);

        var pending = await Client.ListProcurementsAsync(
            new ListProcurementsRequest { EventId = 1, Statuses = { ProcurementStatus.PendingApproval } }, Officer);
        Assert.Contains(pending.Procurements, p => p.ProcurementId == second.ProcurementId);
        Assert.All(pending.Procurements, p => Assert.Equal(ProcurementStatus.PendingApproval, p.Status));
        var atTwelve = await Client.ListProcurementsAsync(new ListProcurementsRequest { TargetWarehouseId = 12 }, Officer);
        Assert.Contains(atTwelve.Procurements, p => p.ProcurementId == first.ProcurementId);
        Assert.All(atTwelve.Procurements, p => Assert.Equal(12, p.TargetWarehouseId));

        var ids = new List<int>();
        var token = "";
        do
        {
            var page = await Client.ListProcurementsAsync(new ListProcurementsRequest { PageSize = 2, PageToken = token }, Officer);
            ids.AddRange(page.Procurements.Select(p => p.ProcurementId));
            token = page.NextPageToken;
        }
        while (token != "");

        Assert.Equal(await fixture.ScalarAsync<int>("select count(*)::int from procurement"), ids.Count);
        Assert.Equal(ids.OrderByDescending(id => id), ids);
        await GrpcAssert.FailsOnField("method", () => Client.CreateProcurementFromNeedsListAsync(
            new CreateProcurementFromNeedsListRequest { NeedsListId = first.NeedsListId }, Officer).ResponseAsync);
    }
}
