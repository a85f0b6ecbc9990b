using System.Globalization;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.NeedsLists;

/// <summary>
/// GenerateNeedsList, GetNeedsList and ListNeedsLists. Event 1 is in SURGE. Each test works on its own
/// target warehouse (11 and up) whose WATER burns 50/h with 200 usable (gap 4,300), so tests do not
/// see each other's lists; warehouse 2 is the only transfer source (1,000 of WATER above its threshold).
/// </summary>
public sealed class GenerateNeedsListTests(GenerateNeedsListTests.Fixture fixture) : IClassFixture<GenerateNeedsListTests.Fixture>
{
    private const int Water = 1, Rice = 2, Huge = 3;

    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE", name: "HURRICANE MELISSA");
            await seed.EventAsync(2, "BASELINE");
            await seed.ItemAsync(Water, "WATER", criticality: "CRITICAL");
            await seed.ItemAsync(Rice, "RICE");
            await seed.ItemAsync(Huge, "HUGE STOCK");

            await seed.WarehouseAsync(2, "MONTEGO BAY HUB", syncedHoursAgo: 1);
            await seed.StockAsync(2, Water, 1000, unitValue: 850);
            for (var warehouseId = 11; warehouseId <= 21; warehouseId++)
            {
                await seed.WarehouseAsync(warehouseId, $"DEPOT {warehouseId}", syncedHoursAgo: 0.5);
                await seed.StockAsync(warehouseId, Water, 200, unitValue: 850);
                await seed.StockAsync(warehouseId, Rice, 5000, unitValue: 120);
                await seed.FulfilmentAsync(1, warehouseId, Water, 300, hoursAgo: 1);
            }

            // Warehouses 11 and 19: RICE has a gap too (no transfer source for it). 19: an item in demand
            // (a tiny burn) whose enormous stock covers it.
            await seed.FulfilmentAsync(1, 11, Rice, 30000, hoursAgo: 2);
            await seed.FulfilmentAsync(1, 19, Rice, 30000, hoursAgo: 2);
            await seed.StockAsync(19, Huge, 9_999_999_999.99m, unitValue: 1);
            await seed.FulfilmentAsync(1, 19, Huge, 0.0006m, hoursAgo: 1);

            // Warehouse 16: plenty of everything, no gap (and, with its threshold, nothing to give).
            // Warehouse 17: inactive.
            await ExecuteAsync("update inventory set usable_qty = 100000 where inventory_id = 16");
            await ExecuteAsync("update warehouse set min_stock_threshold = 1000000 where warehouse_id = 16");
            await ExecuteAsync("update warehouse set status_code = 'I' where warehouse_id = 17");
        }
    }

    private static readonly Metadata Officer = Bearer(Token("tanya", "LOGISTICS_OFFICER"));
    private static readonly Metadata Manager = Bearer(Token("kemar", "LOGISTICS_MANAGER"));
    private static readonly Metadata NoRole = Bearer(Token("visitor"));

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private Task<NeedsList> GenerateAsync(int warehouseId, Metadata? caller = null, string requestId = "", string notes = "") =>
        Client.GenerateNeedsListAsync(
            new GenerateNeedsListRequest { EventId = 1, WarehouseId = warehouseId, RequestId = requestId, Notes = notes },
            caller ?? Officer).ResponseAsync;

    private static string Today => DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Generate_persists_a_draft_with_lines_splits_snapshots_and_a_created_audit_row()
    {
        var list = await GenerateAsync(11, notes: "after landfall");

        Assert.Equal($"NL-1-11-{Today}-001", list.NeedsListNo);
        Assert.Equal(NeedsListStatus.Draft, list.Status);
        Assert.Equal(EventPhase.Surge, list.Phase);
        Assert.Equal(1, list.Version);
        Assert.Equal("tanya", list.CreatedBy);
        Assert.Equal("after landfall", list.Notes);
        Assert.Equal(FreshnessLevel.High, list.DataFreshness);
        Assert.Equal(6, list.Parameters.DemandWindowHours);
        Assert.Equal("50.00", list.Parameters.SafetyBufferPct.Value);
        Assert.Equal(2, list.Parameters.FreshnessThresholdHours);
        Assert.Equal("SENIOR_DIRECTOR", list.ApproverRole);
        // Most urgent first: RICE runs out in 1 h, WATER in 4 h.
        Assert.Equal([Rice, Water], list.Lines.Select(line => line.ItemId));

        var water = list.Lines[1];
        Assert.True(water.NeedsListItemId > 0);
        Assert.Equal("4300.00", water.GapQty.Value);
        Assert.Equal("1000.00", water.HorizonA.Qty.Value);
        var source = Assert.Single(water.HorizonA.Sources);
        Assert.Equal(2, source.WarehouseId);
        Assert.Equal("MONTEGO BAY HUB", source.WarehouseName);
        Assert.Equal(8, source.LeadTimeHours);
        Assert.Equal(list.CalculationTime.ToDateTime().AddHours(8), source.ExpectedArrival.ToDateTime());
        Assert.Equal(2, water.HorizonASourceWarehouseId);
        Assert.Equal("3300.00", water.HorizonC.Qty.Value);
        Assert.Equal(FulfillmentStatus.Pending, water.FulfillmentStatus);
        Assert.Equal("0.00", water.FulfilledQty.Value);
        Assert.Equal("3655000.00", water.EstimatedValue.Value);
        // RICE (1 h to stockout) is taken from the other depots, which all arrive too late.
        var rice = list.Lines[0];
        Assert.Contains(rice.Warnings, warning => warning.Code == "STOCKOUT_BEFORE_ARRIVAL");
        Assert.True(rice.HorizonA.Sources.Count > 1);

        var stored = await fixture.QueryAsync<(int ItemId, decimal HorizonAQty, int? Source)>(
            "select item_id, horizon_a_qty, horizon_a_source_warehouse_id from needs_list_item where needs_list_id = @id order by item_id",
            new { id = list.NeedsListId });
        Assert.Equal(
            [(Water, 1000m, (int?)2), (Rice, decimal.Parse(rice.HorizonA.Qty.Value, CultureInfo.InvariantCulture), (int?)rice.HorizonASourceWarehouseId)],
            stored);
        var split = await fixture.QueryAsync<(int ItemId, int SourceWarehouseId, decimal Qty, int LeadTimeHours)>(
            """
            select i.item_id, s.source_warehouse_id, s.qty, s.lead_time_hours
              from v_needs_list_item_source s join needs_list_item i on i.needs_list_item_id = s.needs_list_item_id
             where i.needs_list_id = @id
             order by i.item_id, s.allocation_seq
            """,
            new { id = list.NeedsListId });
        Assert.Equal((Water, 2, 1000m, 8), split[0]);
        Assert.Equal(
            rice.HorizonA.Sources.Select(source => (Rice, source.WarehouseId, decimal.Parse(source.Qty.Value, CultureInfo.InvariantCulture), source.LeadTimeHours)),
            split.Skip(1));
        var audit = await fixture.QueryAsync<(string ActionType, string NewValue, string ActorUserId)>(
            "select action_type, new_value, actor_user_id from needs_list_audit where needs_list_id = @id",
            new { id = list.NeedsListId });
        Assert.Equal([("CREATED", list.NeedsListNo, "tanya")], audit);
    }

    [Fact]
    public async Task Generate_snapshots_the_burn_rates_of_its_lines_and_of_no_other_item()
    {
        // Warehouse 19 gets no other list: the other tests on it are refused.
        var list = await GenerateAsync(19);

        var snapshots = await fixture.QueryAsync<(int ItemId, decimal BurnRate, string Source, decimal? TimeToStockout, int Count, string Phase)>(
            """
            select item_id, burn_rate, burn_rate_source, time_to_stockout_hours, fulfillment_count, event_phase
              from burn_rate_snapshot where warehouse_id = 19 and snapshot_dtime = @at order by item_id
            """,
            new { at = DateTime.SpecifyKind(list.CalculationTime.ToDateTime(), DateTimeKind.Unspecified) });
        Assert.Equal(
            // Huge has demand too, but its stock covers it: no line, no snapshot.
            [(Water, 50m, "CALCULATED", 4m, 1, "SURGE"), (Rice, 5000m, "CALCULATED", 1m, 1, "SURGE")],
            snapshots);
        // The demand and stock a snapshot keeps are its line's.
        var quantities = await fixture.QueryAsync<(int ItemId, decimal FulfilledQty, decimal AvailableStock)>(
            """
            select item_id, total_fulfilled_qty, available_stock_at_calc
              from burn_rate_snapshot where warehouse_id = 19 and snapshot_dtime = @at order by item_id
            """,
            new { at = DateTime.SpecifyKind(list.CalculationTime.ToDateTime(), DateTimeKind.Unspecified) });
        Assert.Equal(
            list.Lines.OrderBy(line => line.ItemId).Select(line => (
                line.ItemId,
                decimal.Parse(line.FulfilledQtyInWindow.Value, CultureInfo.InvariantCulture),
                decimal.Parse(line.AvailableStock.Value, CultureInfo.InvariantCulture))),
            quantities);
    }

    [Fact]
    public async Task Get_needs_list_returns_what_generate_returned()
    {
        var generated = await GenerateAsync(12);

        var read = await Client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = generated.NeedsListId }, NoRole);

        // Only the generate's own answer says what the call did.
        Assert.Equal((GenerateOutcome.Created, 3), (generated.GenerateOutcome, generated.ItemsEvaluated));
        var stored = generated.Clone();
        stored.GenerateOutcome = GenerateOutcome.Unspecified;
        stored.ItemsEvaluated = 0;
        Assert.Equal(stored, read);
    }

    [Fact]
    public async Task Generate_supersedes_the_open_draft_and_links_both_ways()
    {
        var first = await GenerateAsync(13);
        var second = await GenerateAsync(13);

        Assert.Equal($"NL-1-13-{Today}-002", second.NeedsListNo);
        Assert.Equal(first.NeedsListId, second.SupersedesId);
        var old = await Client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = first.NeedsListId }, Officer);
        Assert.Equal(NeedsListStatus.Superseded, old.Status);
        Assert.Equal(second.NeedsListId, old.SupersededById);
        Assert.Equal(first.Version + 1, old.Version);
        var audit = await fixture.QueryAsync<(string ActionType, string OldValue, string NewValue, string ActorUserId)>(
            "select action_type, old_value, new_value, actor_user_id from needs_list_audit where needs_list_id = @id and action_type = 'SUPERSEDED'",
            new { id = first.NeedsListId });
        Assert.Equal([("SUPERSEDED", "DRAFT", "SUPERSEDED", "tanya")], audit);
    }

    [Fact]
    public async Task A_returned_list_is_superseded_but_a_submitted_one_is_not()
    {
        var returned = await GenerateAsync(14);
        await fixture.ExecuteAsync("update needs_list set status_code = 'RETURNED' where needs_list_id = @id", new { id = returned.NeedsListId });
        var pending = await GenerateAsync(14);
        await fixture.ExecuteAsync("update needs_list set status_code = 'PENDING_APPROVAL' where needs_list_id = @id", new { id = pending.NeedsListId });

        var newest = await GenerateAsync(14);

        var statuses = await fixture.QueryAsync<(int Id, string Status, int? SupersededBy)>(
            "select needs_list_id, status_code, superseded_by_id from needs_list where warehouse_id = 14 order by needs_list_id");
        Assert.Equal(
            [(returned.NeedsListId, "SUPERSEDED", (int?)pending.NeedsListId), (pending.NeedsListId, "PENDING_APPROVAL", null),
             (newest.NeedsListId, "DRAFT", null)],
            statuses);
    }

    [Fact]
    public async Task Concurrent_generates_leave_exactly_one_draft_and_unique_numbers()
    {
        var lists = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => GenerateAsync(15)));

        Assert.Equal(5, lists.Select(list => list.NeedsListNo).Distinct().Count());
        var rows = await fixture.QueryAsync<(string Number, string Status)>(
            "select needs_list_no, status_code from needs_list where warehouse_id = 15 order by needs_list_no");
        Assert.Single(rows, row => row.Status == "DRAFT");
        Assert.Equal(4, rows.Count(row => row.Status == "SUPERSEDED"));
        Assert.Equal(Enumerable.Range(1, 5).Select(seq => $"NL-1-15-{Today}-{seq:000}"), rows.Select(row => row.Number));
        Assert.Equal(rows.Single(row => row.Status == "DRAFT").Number, rows[^1].Number);
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_first_result_and_writes_nothing_more()
    {
        var first = await GenerateAsync(18, requestId: "generate-18-a");
        var retry = await GenerateAsync(18, requestId: "generate-18-a");

        Assert.Equal(first, retry);
        Assert.Equal(1L, await fixture.ScalarAsync<long>("select count(*) from needs_list where warehouse_id = 18"));
    }

    [Fact]
    public async Task Generate_without_any_gap_writes_nothing_and_says_coverage_is_sufficient()
    {
        var answer = await GenerateAsync(16);

        Assert.Equal(GenerateOutcome.SufficientCoverage, answer.GenerateOutcome);
        Assert.Equal((0, NeedsListStatus.Unspecified, 16, "0.00"), (answer.NeedsListId, answer.Status, answer.WarehouseId, answer.TotalGapQty.Value));
        Assert.Empty(answer.Lines);
        Assert.Empty(answer.RetiredNeedsLists);
        Assert.True(answer.ItemsEvaluated > 0);
        Assert.Equal(0L, await fixture.ScalarAsync<long>("select count(*) from needs_list where warehouse_id = 16"));
    }

    [Fact]
    public async Task Generate_without_any_gap_cancels_the_open_draft_with_its_reason_in_the_audit()
    {
        // A draft from when warehouse 21 still had a gap; then the water arrives.
        var draft = await GenerateAsync(21);
        await fixture.ExecuteAsync("update inventory set usable_qty = 100000 where inventory_id = 21");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var stream = Client.WatchNeedsListEvents(
            new WatchNeedsListEventsRequest { WarehouseId = 21 }, NoRole, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        var answer = await GenerateAsync(21);

        Assert.Equal(GenerateOutcome.SufficientCoverage, answer.GenerateOutcome);
        var retired = Assert.Single(answer.RetiredNeedsLists);
        Assert.Equal(
            (draft.NeedsListId, draft.NeedsListNo, NeedsListStatus.Draft, NeedsListStatus.Cancelled),
            (retired.NeedsListId, retired.NeedsListNo, retired.FromStatus, retired.Status));
        var old = await Client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = draft.NeedsListId }, Officer);
        Assert.Equal((NeedsListStatus.Cancelled, "tanya", draft.Version + 1), (old.Status, old.CancelledBy, old.Version));
        var audit = await fixture.QueryAsync<(string ActionType, string OldValue, string NewValue, string Notes)>(
            "select action_type, old_value, new_value, notes_text from needs_list_audit where needs_list_id = @id and action_type = 'CANCELLED'",
            new { id = draft.NeedsListId });
        Assert.Equal([("CANCELLED", "DRAFT", "CANCELLED", "Recalculated: sufficient coverage")], audit);
        Assert.Equal(1L, await fixture.ScalarAsync<long>("select count(*) from needs_list where warehouse_id = 21"));
        // The draft's own generation is a stream event too, and may still be on its way to this subscriber.
        NeedsListEvent pushed;
        do
        {
            Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
            pushed = stream.ResponseStream.Current;
        }
        while (pushed.Type == NeedsListEventType.Generated);
        Assert.Equal((draft.NeedsListId, NeedsListStatus.Draft, NeedsListStatus.Cancelled), (pushed.NeedsListId, pushed.FromStatus, pushed.ToStatus));
        Assert.Contains("sufficient coverage", pushed.Message);
    }

    [Fact]
    public async Task A_caller_without_a_role_cannot_generate() =>
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => GenerateAsync(19, NoRole));

    [Fact]
    public async Task Generate_for_another_phase_than_the_current_one_is_refused()
    {
        var error = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Client.GenerateNeedsListAsync(
            new GenerateNeedsListRequest { EventId = 1, WarehouseId = 19, Phase = EventPhase.Baseline }, Officer).ResponseAsync);

        Assert.Contains("SURGE", error.Status.Detail);
    }

    [Fact]
    public async Task Generate_refuses_unknown_closed_and_inactive_things()
    {
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => Client.GenerateNeedsListAsync(
            new GenerateNeedsListRequest { EventId = 99, WarehouseId = 19 }, Officer).ResponseAsync);
        // Warehouse 99 is outside the officer's authority (PERMISSION_DENIED); for a national caller it is unknown.
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => Client.GenerateNeedsListAsync(
            new GenerateNeedsListRequest { EventId = 1, WarehouseId = 99 }, Bearer(Token("marcia", "SENIOR_DIRECTOR"))).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => GenerateAsync(17));
        await GrpcAssert.FailsOnField("warehouse_id", () => Client.GenerateNeedsListAsync(
            new GenerateNeedsListRequest { EventId = 1, WarehouseId = 0 }, Officer).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.Unauthenticated, () => Client.GenerateNeedsListAsync(
            new GenerateNeedsListRequest { EventId = 1, WarehouseId = 19 }).ResponseAsync);
    }

    [Fact]
    public async Task List_needs_lists_filters_and_pages_newest_first_with_headers_only()
    {
        var first = await GenerateAsync(20);
        var second = await GenerateAsync(20, Manager);
        var third = await GenerateAsync(20);

        var seen = new List<NeedsList>();
        var request = new ListNeedsListsRequest { EventId = 1, WarehouseId = 20, PageSize = 2 };
        do
        {
            var page = await Client.ListNeedsListsAsync(request, NoRole);
            Assert.True(page.NeedsLists.Count <= 2);
            seen.AddRange(page.NeedsLists);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");

        Assert.Equal([third.NeedsListId, second.NeedsListId, first.NeedsListId], seen.Select(list => list.NeedsListId));
        Assert.All(seen, list => Assert.Empty(list.Lines));
        Assert.Equal(second.SupersedesId, first.NeedsListId);

        var drafts = await Client.ListNeedsListsAsync(
            new ListNeedsListsRequest { WarehouseId = 20, Statuses = { NeedsListStatus.Draft } }, NoRole);
        Assert.Equal([third.NeedsListId], drafts.NeedsLists.Select(list => list.NeedsListId));
        Assert.Equal("kemar", seen[1].CreatedBy);

        await GrpcAssert.FailsOnField("statuses[0]", () => Client.ListNeedsListsAsync(
            new ListNeedsListsRequest { Statuses = { NeedsListStatus.Unspecified } }, NoRole).ResponseAsync);
    }

    [Fact]
    public async Task Get_needs_list_of_an_unknown_or_invalid_id_fails()
    {
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => Client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = 999999 }, NoRole).ResponseAsync);
        await GrpcAssert.FailsOnField("needs_list_id", () => Client.GetNeedsListAsync(new GetNeedsListRequest(), NoRole).ResponseAsync);
    }
}
