using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Planning;
using static Dmis.Replenishment.Domain.Tests.Planning.NetworkTestData;
using static Dmis.Replenishment.Domain.Tests.TestData;

namespace Dmis.Replenishment.Domain.Tests.Planning;

/// <summary>SPEC 9, the network plan: scarce surplus and pledges shared by urgency across warehouses.</summary>
public class NetworkPlannerTests
{
    private static readonly int[] Network = [1, 2, 3, 9];

    /// <summary>Source 9 can give 1,000 of item 10; pledge 1 has 500.</summary>
    private static readonly SourceItemStock[] ScarceSource = [Stock(9, 10, 1_000m)];

    private static readonly PledgeLine[] OnePledge = [Pledge(1, 10, 500m)];

    [Fact]
    public void First_come_first_served_starves_the_more_urgent_warehouse_and_the_plan_does_not()
    {
        // Warehouse 1 is WATCH (50 h of stock), warehouse 2 CRITICAL (2 h).
        var watch = TargetInput(1, Network, ScarceSource, OnePledge, Water(5_000m));
        var critical = TargetInput(2, Network, ScarceSource, OnePledge, Water(200m));

        // Today: warehouse 1 calculates first and its list, once open, holds the source and the pledge.
        var first = Assert.Single(NeedsListCalculator.Calculate(watch).Lines);
        var afterFirst = critical with
        {
            SourceStock = [Stock(9, 10, 1_000m, allocated: first.HorizonA.Qty)],
            Pledges = [Pledge(1, 10, 500m, drawn: first.HorizonB.Qty)],
        };
        var starved = Assert.Single(NeedsListCalculator.Calculate(afterFirst).Lines);
        var plan = NetworkPlanner.Plan([Planned(watch), Planned(critical)]);

        Assert.Equal((1_000m, 500m), (first.HorizonA.Qty, first.HorizonB.Qty));
        Assert.Equal((0m, 0m), (starved.HorizonA.Qty, starved.HorizonB.Qty));
        Assert.Equal((1_000m, 500m, 7_300m), (LineOf(plan, 2).HorizonA.Qty, LineOf(plan, 2).HorizonB.Qty, LineOf(plan, 2).HorizonC.Qty));
        Assert.Equal((0m, 0m, 4_000m), (LineOf(plan, 1).HorizonA.Qty, LineOf(plan, 1).HorizonB.Qty, LineOf(plan, 1).HorizonC.Qty));
    }

    [Fact]
    public void Claims_go_by_severity_then_time_to_stockout_then_criticality()
    {
        // 3: CRITICAL, 2 h; 2: CRITICAL, 5 h; 1: WARNING, 10 h. The source has 1,000 and each gap is larger.
        var stock = new[] { Stock(9, 10, 20_000m, allocated: 19_000m) };
        var plan = NetworkPlanner.Plan(
        [
            Planned(TargetInput(1, Network, stock, [], Water(1_000m))),
            Planned(TargetInput(2, Network, stock, [], Water(500m))),
            Planned(TargetInput(3, Network, stock, [], Water(200m))),
        ]);

        Assert.Equal([(9, 3, 1_000m)], plan.Transfers.Select(t => (t.FromWarehouseId, t.ToWarehouseId, t.Qty)));
        Assert.Equal(0m, LineOf(plan, 2).HorizonA.Qty);
    }

    [Fact]
    public void Equal_urgency_goes_to_the_more_critical_item_then_to_the_lower_warehouse_id()
    {
        var plan = NetworkPlanner.Plan(
        [
            Planned(TargetInput(3, Network, ScarceSource, [], Water(200m))),
            Planned(TargetInput(2, Network, ScarceSource, [], Water(200m, criticality: "HIGH"))),
            Planned(TargetInput(1, Network, ScarceSource, [], Water(200m, criticality: "HIGH"))),
        ]);

        Assert.Equal(1_000m, LineOf(plan, 3).HorizonA.Qty);
        Assert.Equal((0m, 0m), (LineOf(plan, 1).HorizonA.Qty, LineOf(plan, 2).HorizonA.Qty));
    }

    [Fact]
    public void Ties_are_broken_by_warehouse_id_whatever_the_order_of_the_targets()
    {
        var one = Planned(TargetInput(1, Network, ScarceSource, OnePledge, Water(200m)));
        var two = Planned(TargetInput(2, Network, ScarceSource, OnePledge, Water(200m)));

        var plan = NetworkPlanner.Plan([two, one]);
        var reversed = NetworkPlanner.Plan([one, two]);

        Assert.Equal([(9, 1, 1_000m)], plan.Transfers.Select(t => (t.FromWarehouseId, t.ToWarehouseId, t.Qty)));
        Assert.Equal(plan.Transfers, reversed.Transfers);
        Assert.Equal(500m, LineOf(plan, 1).HorizonB.Qty);
        Assert.Equal(LineOf(plan, 2).HorizonC.Qty, LineOf(reversed, 2).HorizonC.Qty);
    }

    [Fact]
    public void A_source_never_goes_below_the_larger_of_its_threshold_and_its_own_need()
    {
        // Source 9 burns 10/h itself: own need 900 over its threshold of 300; 1,000 on the shelf leaves 100.
        var stock = new[] { Stock(9, 10, 1_000m, fulfilled: 60m) };
        var targets = new[] { 1, 2 }.Select(id =>
        {
            var input = TargetInput(id, Network, stock, [], Water(200m));
            return Planned(input with { Sources = input.Sources.Select(s => s with { MinStockThreshold = 300m }).ToList() });
        }).ToList();

        var plan = NetworkPlanner.Plan(targets);

        Assert.Equal(100m, plan.Transfers.Where(t => t.FromWarehouseId == 9).Sum(t => t.Qty));
    }

    [Fact]
    public void No_unit_of_a_source_or_a_pledge_is_promised_twice_and_every_split_adds_up_to_its_gap()
    {
        var stock = new[] { Stock(9, 10, 700m), Stock(3, 10, 20_000m, allocated: 19_550m) };
        var pledges = new[] { Pledge(1, 10, 300m, daysAgo: 3), Pledge(2, 10, 250m, drawn: 50m) };
        var plan = NetworkPlanner.Plan(
        [
            Planned(TargetInput(1, Network, stock, pledges, Water(8_800m))),
            Planned(TargetInput(2, Network, stock, pledges, Water(8_500m))),
            Planned(TargetInput(4, Network, stock, pledges, Water(8_000m))),
        ]);

        var bySource = plan.Transfers.GroupBy(t => t.FromWarehouseId).ToDictionary(g => g.Key, g => g.Sum(t => t.Qty));
        var byPledge = plan.Warehouses.SelectMany(w => w.Lines).SelectMany(l => l.HorizonB.Pledges)
            .GroupBy(p => p.DonationId).ToDictionary(g => g.Key, g => g.Sum(p => p.Qty));
        Assert.Equal(700m, bySource[9]);
        Assert.Equal(450m, bySource[3]);
        Assert.Equal(300m, byPledge[1]);
        Assert.Equal(200m, byPledge[2]);
        Assert.All(plan.Warehouses.SelectMany(w => w.Lines), line =>
            Assert.Equal(line.Status.GapQty, line.HorizonA.Qty + line.HorizonB.Qty + line.HorizonC.Qty));
    }

    [Fact]
    public void A_warehouse_is_never_its_own_source()
    {
        // Target 1's sources (wrongly) name itself, with stock to spare.
        var stock = new[] { Stock(1, 10, 50_000m) };
        var input = TargetInput(1, Network, stock, [], Water(200m));
        var plan = NetworkPlanner.Plan([Planned(input with { Sources = [.. input.Sources, Source(1)] })]);

        Assert.Empty(plan.Transfers);
        Assert.Equal(0m, LineOf(plan, 1).HorizonA.Qty);
    }

    [Fact]
    public void A_target_alone_gets_the_lines_of_its_preview()
    {
        var input = TargetInput(1, Network, [Stock(9, 10, 1_000m), Stock(2, 10, 400m)], OnePledge, Water(200m));

        var planned = LineOf(NetworkPlanner.Plan([Planned(input)]), 1);
        var previewed = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal(previewed.Status, planned.Status);
        Assert.Equal(previewed.HorizonA.Sources, planned.HorizonA.Sources);
        Assert.Equal(previewed.HorizonB.Pledges, planned.HorizonB.Pledges);
        Assert.Equal((previewed.HorizonC.Qty, previewed.StockoutBeforeArrival), (planned.HorizonC.Qty, planned.StockoutBeforeArrival));
        Assert.Equal(previewed.Warnings, planned.Warnings);
    }

    [Fact]
    public void Lines_whose_earliest_arrival_is_after_their_stockout_are_the_stockouts_no_horizon_prevents()
    {
        // 100 units at 100/h: out in 1 h, and the transfer takes 8 h.
        var plan = NetworkPlanner.Plan([Planned(TargetInput(1, Network, ScarceSource, [], Water(100m)))]);

        var stockout = Assert.Single(plan.Stockouts);
        Assert.Equal((1, 10), (stockout.WarehouseId, stockout.Item.ItemId));
        Assert.Equal(AsOf.AddHours(1), stockout.ProjectedStockout);
        Assert.Equal(AsOf.AddHours(8), stockout.EarliestArrival);
    }

    [Fact]
    public void Totals_add_up_every_warehouse()
    {
        var plan = NetworkPlanner.Plan(
        [
            Planned(TargetInput(1, Network, ScarceSource, OnePledge, Water(5_000m))),
            Planned(TargetInput(2, Network, ScarceSource, OnePledge, Water(200m))),
        ]);

        Assert.Equal(new PlanTotals(12_800m, 1_000m, 500m, 11_300m, 128_000m, 2, 2), plan.Totals);
    }

    [Fact]
    public void A_warehouse_listed_twice_is_refused()
    {
        var target = Planned(TargetInput(1, Network, [], [], Water(200m)));

        var refused = Assert.Throws<DomainValidationException>(() => NetworkPlanner.Plan([target, target]));

        Assert.Contains(refused.Violations, v => v.Field == "targets[1].warehouse_id");
    }

    [Fact]
    public void The_shared_supply_is_validated_once_and_a_bad_figure_is_refused_by_its_field()
    {
        SourceItemStock[] negative = [Stock(9, 10, 1_000m) with { ReservedQty = -1m }];

        var refused = Assert.Throws<DomainValidationException>(() => NetworkPlanner.Plan(
        [
            Planned(TargetInput(1, Network, negative, [], Water(200m))),
            Planned(TargetInput(2, Network, negative, [], Water(200m))),
        ]));

        Assert.Equal(["source_stock[0].reserved_qty"], refused.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Each_target_s_sources_are_validated()
    {
        var good = TargetInput(1, Network, ScarceSource, [], Water(200m));
        var twice = TargetInput(2, Network, ScarceSource, [], Water(200m));
        twice = twice with { Sources = [.. twice.Sources, twice.Sources[0]] };

        var refused = Assert.Throws<DomainValidationException>(() => NetworkPlanner.Plan([Planned(good), Planned(twice)]));

        Assert.Contains(refused.Violations, v => v.Field == $"sources[{twice.Sources.Count - 1}].warehouse_id");
    }
}
