using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using static Dmis.Replenishment.Domain.Tests.TestData;

namespace Dmis.Replenishment.Domain.Tests;

/// <summary>SPEC 3, horizon B: pledges are named, drawn oldest first, and promised once.</summary>
public class PledgeTests
{
    [Fact]
    public void Horizon_b_draws_on_pledges_oldest_first_then_by_donation_id()
    {
        // Usable 8,000 of 9,000 required: gap 1,000, no transfer source.
        var input = Input(Item(available: 8_000m)) with
        {
            Pledges = [Pledge(3, 10, 400m, daysAgo: 5), Pledge(2, 10, 500m, daysAgo: 2), Pledge(1, 10, 300m, daysAgo: 2)],
        };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal(
            [(3, 400m), (1, 300m), (2, 300m)],
            line.HorizonB.Pledges.Select(p => (p.DonationId, p.Qty)));
        Assert.Equal(1_000m, line.HorizonB.Qty);
        Assert.Equal(0m, line.HorizonC.Qty);
    }

    [Fact]
    public void Each_pledge_gives_its_quantity_less_what_open_lists_already_drew_from_it()
    {
        var input = Input(Item(available: 8_000m)) with
        {
            Pledges = [Pledge(1, 10, 500m, drawn: 300m), Pledge(2, 10, 400m, drawn: 400m), Pledge(3, 10, 100m, drawn: 150m)],
        };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Equal([(1, 200m)], line.HorizonB.Pledges.Select(p => (p.DonationId, p.Qty)));
        Assert.Equal((200m, 800m), (line.HorizonB.Qty, line.HorizonC.Qty));
    }

    [Fact]
    public void Pledges_of_other_items_are_not_drawn_on()
    {
        var input = Input(Item(available: 8_000m)) with { Pledges = [Pledge(1, 99, 500m)] };

        var line = Assert.Single(NeedsListCalculator.Calculate(input).Lines);

        Assert.Empty(line.HorizonB.Pledges);
        Assert.Equal(1_000m, line.HorizonC.Qty);
    }

    [Fact]
    public void The_b_split_adds_up_to_horizon_b()
    {
        var plan = HorizonWaterfall.Plan(
            750m, [], [new PledgeCandidate(1, "a", AsOf, 333.33m), new PledgeCandidate(2, "b", AsOf, 1_000m)],
            HorizonLeadTimes.Defaults, AsOf, null);

        Assert.Equal(plan.HorizonB.Qty, plan.HorizonB.Pledges.Sum(p => p.Qty));
        Assert.Equal([333.33m, 416.67m], plan.HorizonB.Pledges.Select(p => p.Qty));
    }

    [Fact]
    public void A_draw_that_still_fits_in_its_pledge_has_no_shortfall()
    {
        var shortfalls = PledgePromises.Shortfalls([new PledgeDraw(1, 10, 200m)], [Pledge(1, 10, 500m, drawn: 300m)]);

        Assert.Empty(shortfalls);
    }

    [Fact]
    public void A_draw_larger_than_what_its_pledge_has_left_is_a_shortfall()
    {
        var shortfalls = PledgePromises.Shortfalls([new PledgeDraw(1, 10, 500m)], [Pledge(1, 10, 500m, drawn: 300m)]);

        Assert.Equal([new PledgeShortfall(1, 10, 500m, 200m)], shortfalls);
    }

    [Fact]
    public void A_draw_on_a_line_that_is_no_longer_a_pledge_is_a_shortfall()
    {
        var shortfalls = PledgePromises.Shortfalls([new PledgeDraw(1, 10, 50m)], []);

        Assert.Equal([new PledgeShortfall(1, 10, 50m, 0m)], shortfalls);
    }

    [Fact]
    public void What_pledges_can_still_give_is_summed_per_item()
    {
        var available = PledgePromises.AvailableByItem(
            [Pledge(1, 10, 500m, drawn: 300m), Pledge(2, 10, 100m), Pledge(3, 11, 50m, drawn: 80m)]);

        Assert.Equal(300m, available[10]);
        Assert.Equal(0m, available[11]);
    }
}
