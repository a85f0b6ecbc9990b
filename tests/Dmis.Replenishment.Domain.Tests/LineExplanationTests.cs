using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Explanations;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.NeedsLists;
using static Dmis.Replenishment.Domain.Tests.TestData;

namespace Dmis.Replenishment.Domain.Tests;

/// <summary>SPEC 9, "explain a line": every reason the explainer gives, replayed from the calculator's own decisions.</summary>
public class LineExplanationTests
{
    private static readonly IReadOnlyDictionary<int, IReadOnlyList<ListHold>> NoHolds = new Dictionary<int, IReadOnlyList<ListHold>>();

    private static BurnRateExplanation BurnRateOf(ItemInput item, double syncedHoursAgo = 0.5)
    {
        var input = Input(item) with { Warehouse = Target(syncedHoursAgo) };
        var evaluation = NeedsListCalculator.Evaluate(input);
        return LineExplainer.BurnRate(BurnRateFacts.Of(
            evaluation.Items.Single().Status, evaluation.Freshness.Level, Surge.DemandWindowHours, AsOf));
    }

    [Fact]
    public void Observed_demand_is_explained_by_the_fulfilment_in_the_window_ending_now()
    {
        var explanation = BurnRateOf(Item(fulfilled: 600m));

        Assert.Equal(BurnRateRule.DemandInWindow, explanation.Rule);
        Assert.Equal((AsOf.AddHours(-6), AsOf, 6), (explanation.WindowStart, explanation.WindowEnd, explanation.WindowHours));
        Assert.Equal("Fulfilled in the last 6 h: 600 units in 3 fulfilment line(s) / 6 h = 100 units/h.", explanation.Reason);
    }

    [Fact]
    public void No_fulfilment_on_fresh_data_is_explained_as_no_current_demand()
    {
        var explanation = BurnRateOf(Item(fulfilled: 0m) with { FulfillmentCount = 0 });

        Assert.Equal(BurnRateRule.NoCurrentDemand, explanation.Rule);
    }

    [Fact]
    public void No_fulfilment_on_stale_data_is_explained_as_the_baseline()
    {
        var explanation = BurnRateOf(Item(fulfilled: 0m) with { FulfillmentCount = 0, BaselineBurnRate = 2.5m }, syncedHoursAgo: 7);

        Assert.Equal(BurnRateRule.BaselineStaleData, explanation.Rule);
        Assert.Contains("data is LOW: the item's baseline rate, 2.5 units/h", explanation.Reason);
    }

    [Fact]
    public void A_stocked_out_item_is_explained_by_the_window_ending_at_its_last_dispatch()
    {
        var lastDispatch = AsOf.AddHours(-14);
        var item = Item(available: 0m, fulfilled: 0m) with
        {
            FulfillmentCount = 0,
            LastDispatchDtime = lastDispatch,
            FulfilledQtyBeforeLastDispatch = 120m,
            FulfillmentCountBeforeLastDispatch = 3,
        };

        var explanation = BurnRateOf(item);

        Assert.Equal(BurnRateRule.StockedOutWindow, explanation.Rule);
        Assert.Equal((AsOf.AddHours(-20), lastDispatch), (explanation.WindowStart, explanation.WindowEnd));
        Assert.Contains("the 6 h before the last dispatch at 2025-08-31 22:00 UTC", explanation.Reason);
        Assert.EndsWith("120 units in 3 fulfilment line(s) / 6 h = 20 units/h.", explanation.Reason);
    }

    [Fact]
    public void A_stocked_out_item_never_dispatched_is_explained_as_the_baseline()
    {
        var explanation = BurnRateOf(Item(available: 0m, fulfilled: 0m) with { FulfillmentCount = 0, BaselineBurnRate = 4m });

        Assert.Equal(BurnRateRule.BaselineNeverDispatched, explanation.Rule);
    }

    /// <summary>
    /// Gap 8,500 (burn 100/h, usable 500). Sources: 2 gives all its 3,000 (4 h); 3 gives 5,500 of 7,000 (6 h, 1,000
    /// held by an open list); 4 could give 2,000 but comes after them (8 h); 5 is below its 1,500 threshold; 6's
    /// surplus of 800 is all held by an open list; 7 is offline, 8 never synced, 9 inactive.
    /// </summary>
    [Fact]
    public void Every_source_is_named_with_what_it_gave_or_why_it_gave_nothing()
    {
        var item = Item();
        var input = Input(item) with
        {
            Sources =
            [
                Source(2, leadTime: 4), Source(3, leadTime: 6), Source(4), Source(5, minThreshold: 1_500m),
                Source(6, minThreshold: 200m), Source(7, syncedHoursAgo: 7), Source(8) with { LastSyncDtime = null },
            ],
            SourceStock = [Stock(2, 10, 3_000m), Stock(3, 10, 8_000m, allocated: 1_000m), Stock(4, 10, 2_000m), Stock(5, 10, 1_000m), Stock(6, 10, 1_000m, allocated: 800m)],
        };
        var line = NeedsListCalculator.Calculate(input).Lines.Single();
        var holds = new Dictionary<int, IReadOnlyList<ListHold>>
        {
            [3] = [new ListHold(41, "NL-1-3-20250901-001", 1_000m)],
            [6] = [new ListHold(42, "NL-1-6-20250901-001", 500m), new ListHold(43, "NL-1-6-20250901-002", 300m)],
        };

        var verdicts = LineExplainer.Sources(CandidateSources.From(input, item, [Source(9, active: false)], holds), line.HorizonA.Sources);

        Assert.Equal(
            [
                (2, SourceOutcome.Gave, 3_000m), (3, SourceOutcome.Gave, 5_500m), (4, SourceOutcome.NotNeeded, 0m),
                (5, SourceOutcome.BelowFloor, 0m), (6, SourceOutcome.HeldByOpenLists, 0m), (7, SourceOutcome.Offline, 0m),
                (8, SourceOutcome.NeverSynced, 0m), (9, SourceOutcome.Inactive, 0m),
            ],
            verdicts.Select(v => (v.Source.WarehouseId, v.Outcome, v.GivenQty)));
        var reasons = verdicts.ToDictionary(v => v.Source.WarehouseId, v => v.Reason);
        Assert.Contains("less 1,000 held by open lists (NL-1-3-20250901-001 holds 1,000)", reasons[3]);
        Assert.Contains("filled first by Warehouse 2 (4 h), Warehouse 3 (6 h)", reasons[4]);
        Assert.Equal(
            "Warehouse 5 is at or below its floor: usable 1,000, keeps 1,500 (the larger of its minimum threshold 1,500 and its own need 0).",
            reasons[5]);
        Assert.Contains("surplus of 800", reasons[6]);
        Assert.Contains("(NL-1-6-20250901-001 holds 500, NL-1-6-20250901-002 holds 300)", reasons[6]);
        Assert.Contains("7 hours old (LOW freshness)", reasons[7]);
    }

    [Fact]
    public void A_source_keeps_its_own_need_when_that_is_above_its_threshold()
    {
        // Source 2 burns 50/h itself (300 in 6 h): its own need 50 x 72 x 1.25 = 4,500 is above its threshold 200.
        var item = Item();
        var input = Input(item) with { Sources = [Source(2, minThreshold: 200m)], SourceStock = [Stock(2, 10, 4_000m, fulfilled: 300m)] };
        var line = NeedsListCalculator.Calculate(input).Lines.Single();

        var verdict = LineExplainer.Sources(CandidateSources.From(input, item, [], NoHolds), line.HorizonA.Sources).Single();

        Assert.Equal(SourceOutcome.BelowFloor, verdict.Outcome);
        Assert.Equal((4_000m, 200m, 4_500m, 4_500m), (verdict.Source.Assessment!.UsableQty, verdict.Source.Assessment.MinThresholdQty,
            verdict.Source.Assessment.OwnRequiredQty, verdict.Source.Assessment.FloorQty));
    }

    /// <summary>Gap 8,500 and no source: pledge 21 was all drawn by an open list, 22 (older) gives 8,500, 23 is not needed.</summary>
    [Fact]
    public void Every_pledge_is_named_with_what_it_gave_or_why_it_gave_nothing()
    {
        var item = Item();
        var input = Input(item) with { Pledges = [Pledge(21, 10, 1_000m, daysAgo: 5, drawn: 1_000m), Pledge(22, 10, 9_000m, daysAgo: 3), Pledge(23, 10, 500m)] };
        var line = NeedsListCalculator.Calculate(input).Lines.Single();
        var holds = new Dictionary<int, IReadOnlyList<ListHold>> { [21] = [new ListHold(44, "NL-1-2-20250901-001", 1_000m)] };

        var verdicts = LineExplainer.Pledges(CandidateSources.Pledges(input, 10, holds), line.HorizonB.Pledges);

        Assert.Equal(
            [(21, PledgeOutcome.DrawnByOpenLists, 0m), (22, PledgeOutcome.Gave, 8_500m), (23, PledgeOutcome.NotNeeded, 0m)],
            verdicts.Select(v => (v.Pledge.DonationId, v.Outcome, v.GivenQty)));
        Assert.Equal(
            "Pledge 21 (Donation 21) has nothing left: pledged 1,000; open lists drew 1,000 (NL-1-2-20250901-001 holds 1,000).",
            verdicts[0].Reason);
    }
}
