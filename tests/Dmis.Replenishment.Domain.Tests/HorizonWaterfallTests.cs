using Dmis.Replenishment.Domain.Horizons;

namespace Dmis.Replenishment.Domain.Tests;

public class HorizonWaterfallTests
{
    private static readonly DateTime AsOf = TestData.AsOf;
    private static readonly HorizonLeadTimes LeadTimes = HorizonLeadTimes.Defaults;

    private static TransferCandidate Candidate(int id, decimal qty, int leadTime = 8) => new(id, $"Warehouse {id}", leadTime, qty);

    private static PledgeCandidate Pledge(int donationId, decimal qty, int daysAgo = 1) =>
        new(donationId, $"Donation {donationId}", AsOf.Date.AddDays(-daysAgo), qty);

    /// <summary>No pledge, or one pledge of <paramref name="qty"/>.</summary>
    private static PledgeCandidate[] Pledges(decimal qty) => qty > 0m ? [Pledge(1, qty)] : [];

    [Fact]
    public void The_gap_is_filled_by_transfers_then_donations_then_procurement()
    {
        // Gap 3,500; 800 transferable from sources; 1,000 pipeline donations.
        var plan = HorizonWaterfall.Plan(3_500m, [Candidate(2, 500m), Candidate(3, 300m)], Pledges(1_000m), LeadTimes, AsOf, projectedStockout: null);

        Assert.Equal(800m, plan.HorizonA.Qty);
        Assert.Equal(1_000m, plan.HorizonB.Qty);
        Assert.Equal(1_700m, plan.HorizonC.Qty);
    }

    [Fact]
    public void Donations_cover_only_what_transfers_left()
    {
        var plan = HorizonWaterfall.Plan(500m, [Candidate(2, 800m)], Pledges(1_000m), LeadTimes, AsOf, null);

        Assert.Equal(500m, plan.HorizonA.Qty);
        Assert.Equal(0m, plan.HorizonB.Qty);
        Assert.Equal(0m, plan.HorizonC.Qty);
    }

    [Fact]
    public void Procurement_takes_the_whole_gap_when_there_are_no_sources_or_donations()
    {
        var plan = HorizonWaterfall.Plan(250m, [], Pledges(0m), LeadTimes, AsOf, null);

        Assert.Equal(0m, plan.HorizonA.Qty);
        Assert.Equal(0m, plan.HorizonB.Qty);
        Assert.Equal(250m, plan.HorizonC.Qty);
        Assert.Null(plan.MainSourceWarehouseId);
    }

    [Fact]
    public void Transfer_sources_are_taken_by_lead_time_then_larger_surplus_then_warehouse_id()
    {
        TransferCandidate[] candidates =
        [
            Candidate(5, 100m, leadTime: 12),
            Candidate(4, 100m, leadTime: 4),
            Candidate(3, 300m, leadTime: 4),
            Candidate(2, 100m, leadTime: 4),
        ];

        var plan = HorizonWaterfall.Plan(10_000m, candidates, [], LeadTimes, AsOf, null);

        Assert.Equal([3, 2, 4, 5], plan.HorizonA.Sources.Select(s => s.WarehouseId));
    }

    [Fact]
    public void Transfers_stop_once_the_gap_is_filled_and_keep_every_source_and_quantity()
    {
        var plan = HorizonWaterfall.Plan(450m, [Candidate(2, 300m), Candidate(3, 200m), Candidate(4, 100m)], Pledges(0m), LeadTimes, AsOf, null);

        Assert.Equal([(2, 300m), (3, 150m)], plan.HorizonA.Sources.Select(s => (s.WarehouseId, s.Qty)));
        Assert.Equal(450m, plan.HorizonA.Qty);
    }

    [Fact]
    public void The_main_source_is_the_largest_allocation()
    {
        var plan = HorizonWaterfall.Plan(1_000m, [Candidate(2, 200m, leadTime: 4), Candidate(3, 500m, leadTime: 8)], Pledges(0m), LeadTimes, AsOf, null);

        Assert.Equal(3, plan.MainSourceWarehouseId);
    }

    [Fact]
    public void A_tie_for_main_source_goes_to_the_earlier_source_in_order()
    {
        var plan = HorizonWaterfall.Plan(1_000m, [Candidate(3, 300m, leadTime: 8), Candidate(2, 300m, leadTime: 10)], Pledges(0m), LeadTimes, AsOf, null);

        Assert.Equal(3, plan.MainSourceWarehouseId);
    }

    [Fact]
    public void Horizon_a_lead_time_is_the_slowest_source_actually_used()
    {
        var plan = HorizonWaterfall.Plan(350m, [Candidate(2, 200m, leadTime: 4), Candidate(3, 200m, leadTime: 10), Candidate(4, 200m, leadTime: 30)], Pledges(0m), LeadTimes, AsOf, null);

        Assert.Equal(10, plan.HorizonA.LeadTimeHours);
        Assert.Equal(AsOf.AddHours(10), plan.HorizonA.ExpectedArrival);
        Assert.Equal([AsOf.AddHours(4), AsOf.AddHours(10)], plan.HorizonA.Sources.Select(s => s.ExpectedArrival));
    }

    [Fact]
    public void Expected_arrival_is_as_of_plus_the_lead_time()
    {
        var plan = HorizonWaterfall.Plan(3_500m, [Candidate(2, 800m)], Pledges(1_000m), new HorizonLeadTimes(8, 72, 336), AsOf, null);

        Assert.Equal((8, AsOf.AddHours(8)), (plan.HorizonA.LeadTimeHours, plan.HorizonA.ExpectedArrival));
        Assert.Equal((72, AsOf.AddHours(72)), (plan.HorizonB.LeadTimeHours, plan.HorizonB.ExpectedArrival));
        Assert.Equal((336, AsOf.AddHours(336)), (plan.HorizonC.LeadTimeHours, plan.HorizonC.ExpectedArrival));
    }

    [Fact]
    public void A_horizon_without_quantity_has_no_lead_time_or_arrival()
    {
        var plan = HorizonWaterfall.Plan(100m, [], Pledges(500m), LeadTimes, AsOf, null);

        Assert.Equal(0m, plan.HorizonA.Qty);
        Assert.Null(plan.HorizonA.LeadTimeHours);
        Assert.Null(plan.HorizonA.ExpectedArrival);
        Assert.Empty(plan.HorizonA.Sources);
        Assert.Equal(0m, plan.HorizonC.Qty);
        Assert.Null(plan.HorizonC.LeadTimeHours);
        Assert.Null(plan.HorizonC.ExpectedArrival);
    }

    [Fact]
    public void Stockout_before_arrival_is_flagged_when_even_the_fastest_horizon_is_late()
    {
        var stockout = AsOf.AddHours(5);

        var plan = HorizonWaterfall.Plan(1_000m, [Candidate(2, 400m, leadTime: 8)], Pledges(0m), LeadTimes, AsOf, stockout);

        Assert.True(plan.StockoutBeforeArrival);
        Assert.Equal(AsOf.AddHours(8), plan.EarliestArrival);
        Assert.True(plan.HorizonA.ArrivesAfterStockout);
        Assert.True(plan.HorizonC.ArrivesAfterStockout);
    }

    [Fact]
    public void No_stockout_flag_when_the_fastest_horizon_arrives_in_time()
    {
        var stockout = AsOf.AddHours(10);

        var plan = HorizonWaterfall.Plan(1_000m, [Candidate(2, 400m, leadTime: 8)], Pledges(0m), LeadTimes, AsOf, stockout);

        Assert.False(plan.StockoutBeforeArrival);
        Assert.False(plan.HorizonA.ArrivesAfterStockout);
        Assert.True(plan.HorizonC.ArrivesAfterStockout);
    }

    [Fact]
    public void Arrival_exactly_at_the_stockout_is_not_after_it()
    {
        var plan = HorizonWaterfall.Plan(100m, [Candidate(2, 400m, leadTime: 8)], Pledges(0m), LeadTimes, AsOf, AsOf.AddHours(8));

        Assert.False(plan.StockoutBeforeArrival);
    }

    [Fact]
    public void No_stockout_flag_without_demand()
    {
        var plan = HorizonWaterfall.Plan(100m, [], Pledges(0m), LeadTimes, AsOf, projectedStockout: null);

        Assert.False(plan.StockoutBeforeArrival);
        Assert.False(plan.HorizonC.ArrivesAfterStockout);
    }
}
