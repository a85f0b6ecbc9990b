using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Npgsql;

namespace Dmis.Replenishment.IntegrationTests.Network;

/// <summary>
/// SPEC 3, horizon B on the real database: two warehouses of one event short of WATER, one older and one newer
/// pledge. Each test has its own event (pledges and lists are per event): warehouse 1 is short of 500 (usable 4,000
/// of 4,500 required), warehouse 2 of 4,300 (usable 200); neither can give the other anything. Pledge A: 500,
/// entered 3 days ago; pledge B: 300, a verified donation whose line is still only pledged, 1 day ago.
/// </summary>
public sealed class PledgeSplitTests(PledgeSplitTests.Fixture fixture) : IClassFixture<PledgeSplitTests.Fixture>
{
    private const int Water = 1, Short = 1, VeryShort = 2;

    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.WarehouseAsync(Short, "KINGSTON CENTRAL");
            await seed.WarehouseAsync(VeryShort, "MONTEGO BAY HUB");
            await seed.ItemAsync(Water, "WATER", criticality: "CRITICAL");
            await seed.StockAsync(Short, Water, 4000);
            await seed.StockAsync(VeryShort, Water, 200);
        }

        /// <summary>Event <paramref name="eventId"/> in SURGE with both warehouses' demand and the two pledges.</summary>
        public async Task<(int PledgeA, int PledgeB)> EventAsync(int eventId)
        {
            var seed = new Seed(this);
            await seed.EventAsync(eventId, "SURGE");
            await seed.FulfilmentAsync(eventId, Short, Water, 300, hoursAgo: 1);
            await seed.FulfilmentAsync(eventId, VeryShort, Water, 300, hoursAgo: 1);
            var pledgeA = await seed.DonationAsync(eventId, Water, 500, "E", "P", receivedDaysAgo: 3, description: "RED CROSS WATER");
            var pledgeB = await seed.DonationAsync(eventId, Water, 300, "V", "P", receivedDaysAgo: 1, description: "DIGICEL WATER");
            return (pledgeA, pledgeB);
        }
    }

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private async Task<Horizon> HorizonBAsync(int eventId, int warehouseId) =>
        (await Client.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = eventId, WarehouseId = warehouseId }, Callers.ReadOnly))
        .Lines.Single(line => line.ItemId == Water).HorizonB;

    private static IEnumerable<(int, string)> Split(Horizon horizon) =>
        horizon.Pledges.Select(pledge => (pledge.DonationId, pledge.Qty.Value));

    private async Task<NeedsList> GenerateAsync(int eventId, int warehouseId) =>
        await Client.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = eventId, WarehouseId = warehouseId }, Callers.Officer);

    private Task<NeedsList> SubmitAsync(NeedsList list) =>
        Client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = list.NeedsListId, ExpectedVersion = list.Version }, Callers.Officer).ResponseAsync;

    [Fact]
    public async Task Horizon_b_names_each_pledge_it_draws_on_oldest_first()
    {
        var (pledgeA, pledgeB) = await fixture.EventAsync(1);

        var veryShort = await HorizonBAsync(1, VeryShort);
        var shortOnly = await HorizonBAsync(1, Short);

        Assert.Equal([(pledgeA, "500.00"), (pledgeB, "300.00")], Split(veryShort));
        Assert.Equal(["RED CROSS WATER", "DIGICEL WATER"], veryShort.Pledges.Select(pledge => pledge.Description));
        Assert.Equal(("800.00", 72), (veryShort.Qty.Value, veryShort.LeadTimeHours));
        Assert.Equal([(pledgeA, "500.00")], Split(shortOnly));
    }

    [Fact]
    public async Task A_submitted_list_holds_its_pledges_so_the_other_warehouse_sees_only_the_rest()
    {
        var (pledgeA, pledgeB) = await fixture.EventAsync(2);
        var draft = await GenerateAsync(2, Short);
        Assert.Equal([(pledgeA, "500.00")], Split(draft.Lines.Single().HorizonB));

        // A draft holds nothing yet: the other warehouse still sees both pledges whole.
        Assert.Equal([(pledgeA, "500.00"), (pledgeB, "300.00")], Split(await HorizonBAsync(2, VeryShort)));

        await SubmitAsync(draft);

        var rest = await HorizonBAsync(2, VeryShort);
        Assert.Equal([(pledgeB, "300.00")], Split(rest));
        var dashboard = await Client.GetStockStatusAsync(
            new GetStockStatusRequest { EventId = 2, WarehouseId = VeryShort, ItemId = Water }, Callers.ReadOnly);
        Assert.Equal("300.00", dashboard.Rows.Single().PledgedAvailableQty.Value);
        var stored = await Client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = draft.NeedsListId }, Callers.ReadOnly);
        Assert.Equal([(pledgeA, "500.00")], Split(stored.Lines.Single().HorizonB));
        Assert.Equal("RED CROSS WATER", stored.Lines.Single().HorizonB.Pledges.Single().Description);
        var rows = await fixture.QueryAsync<(int DonationId, short Seq, decimal Qty)>(
            """
            select p.donation_id, p.allocation_seq, p.qty
              from v_needs_list_item_pledge p
              join needs_list_item nli on nli.needs_list_item_id = p.needs_list_item_id
             where nli.needs_list_id = @id
            """,
            new { id = draft.NeedsListId });
        Assert.Equal([(pledgeA, (short)1, 500m)], rows);
    }

    [Fact]
    public async Task Cancelling_or_rejecting_a_submitted_list_releases_its_pledges()
    {
        await fixture.EventAsync(3);
        var cancelled = await SubmitAsync(await GenerateAsync(3, Short));
        Assert.Equal("300.00", (await HorizonBAsync(3, VeryShort)).Qty.Value);

        await Client.CancelNeedsListAsync(
            new CancelNeedsListRequest { NeedsListId = cancelled.NeedsListId, ExpectedVersion = cancelled.Version, Reason = "duplicate" },
            Callers.Manager);
        Assert.Equal("800.00", (await HorizonBAsync(3, VeryShort)).Qty.Value);

        var rejected = await SubmitAsync(await GenerateAsync(3, Short));
        Assert.Equal("300.00", (await HorizonBAsync(3, VeryShort)).Qty.Value);
        await Client.RejectNeedsListAsync(
            new RejectNeedsListRequest { NeedsListId = rejected.NeedsListId, ExpectedVersion = rejected.Version, Reason = "not now" },
            Callers.SeniorDirector);
        Assert.Equal("800.00", (await HorizonBAsync(3, VeryShort)).Qty.Value);
    }

    [Fact]
    public async Task Two_submits_racing_for_one_pledge_promise_it_once()
    {
        var (pledgeA, _) = await fixture.EventAsync(4);
        var first = await GenerateAsync(4, Short);
        var second = await GenerateAsync(4, VeryShort);

        var outcomes = await WhileThePledgesAreLockedAsync(4, [() => SubmitAsync(first), () => SubmitAsync(second)]);

        Assert.Single(outcomes, outcome => outcome.StatusCode == StatusCode.OK);
        var refused = Assert.Single(outcomes, outcome => outcome.StatusCode == StatusCode.FailedPrecondition);
        Assert.Contains("draws on pledges that other open lists now hold", refused.Detail);
        var held = await fixture.ScalarAsync<decimal>(
            """
            select coalesce(sum(p.qty), 0)
              from needs_list nl
              join needs_list_item nli on nli.needs_list_id = nl.needs_list_id
              join v_needs_list_item_pledge p on p.needs_list_item_id = nli.needs_list_item_id
             where nl.event_id = 4 and nl.status_code = 'PENDING_APPROVAL' and p.donation_id = @pledgeA
            """,
            new { pledgeA });
        Assert.Equal(500m, held);
    }

    [Fact]
    public async Task A_generate_behind_a_submit_in_flight_sees_what_the_submit_holds()
    {
        var (_, pledgeB) = await fixture.EventAsync(5);
        var first = await GenerateAsync(5, Short);

        var outcomes = await WhileThePledgesAreLockedAsync(5, [() => SubmitAsync(first), () => GenerateAsync(5, VeryShort)]);

        Assert.All(outcomes, outcome => Assert.Equal(StatusCode.OK, outcome.StatusCode));
        var lists = await Client.ListNeedsListsAsync(new ListNeedsListsRequest { EventId = 5, WarehouseId = VeryShort }, Callers.ReadOnly);
        var generated = await Client.GetNeedsListAsync(
            new GetNeedsListRequest { NeedsListId = lists.NeedsLists.Single().NeedsListId }, Callers.ReadOnly);
        Assert.Equal([(pledgeB, "300.00")], Split(generated.Lines.Single().HorizonB));
    }

    /// <summary>
    /// Holds event <paramref name="eventId"/>'s pledge lock in a transaction of its own, starts the calls one by one,
    /// each only once the previous is waiting for that lock (so they queue in order), then releases it and
    /// returns how each call ended.
    /// </summary>
    private async Task<Status[]> WhileThePledgesAreLockedAsync(int eventId, IReadOnlyList<Func<Task>> calls)
    {
        await using var holder = new NpgsqlConnection(fixture.ConnectionString);
        await holder.OpenAsync();
        await using var transaction = await holder.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand(
            "select pg_advisory_xact_lock(hashtextextended('pledges:' || @eventId, 0))", holder, transaction))
        {
            lockCommand.Parameters.AddWithValue("eventId", eventId);
            await lockCommand.ExecuteNonQueryAsync();
        }

        var running = new List<Task<Status>>();
        foreach (var call in calls)
        {
            running.Add(OutcomeOf(call));
            await WaitForWaitersAsync(holder.ProcessID, running.Count, running);
        }

        await transaction.CommitAsync();
        return await Task.WhenAll(running);
    }

    private static async Task<Status> OutcomeOf(Func<Task> call)
    {
        try
        {
            await call();
            return Status.DefaultSuccess;
        }
        catch (RpcException error)
        {
            return error.Status;
        }
    }

    private async Task WaitForWaitersAsync(int holder, int expected, IReadOnlyList<Task<Status>> running)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            Assert.DoesNotContain(running, call => call.IsCompleted);
            var waiting = await fixture.ScalarAsync<long>(
                "select count(*) from pg_stat_activity where wait_event = 'advisory' and @holder = any(pg_blocking_pids(pid))",
                new { holder });
            if (waiting >= expected)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail($"{expected} call(s) never waited for the pledge lock");
    }
}
