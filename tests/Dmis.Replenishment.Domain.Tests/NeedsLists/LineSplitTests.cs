using Dmis.Replenishment.Domain.NeedsLists;

namespace Dmis.Replenishment.Domain.Tests.NeedsLists;

/// <summary>SPEC 4, Adjust: the adjusted quantity re-runs the line's waterfall over its own sources and pledges.</summary>
public class LineSplitTests
{
    // A 300 = source 7 (200) then source 9 (100); B 150 = pledge 41 (100) then pledge 42 (50); C 250. Total 700.
    private static readonly LineSplit Calculated = new(
        [new SourceShare(7, 200m), new SourceShare(9, 100m)],
        [new PledgeShare(41, 100m), new PledgeShare(42, 50m)],
        250m);

    [Fact]
    public void A_cut_smaller_than_horizon_C_comes_off_C_only()
    {
        var adjusted = Calculated.Resplit(600m);

        Assert.Equal([200m, 100m], adjusted.Sources.Select(s => s.Qty));
        Assert.Equal([100m, 50m], adjusted.Pledges.Select(p => p.Qty));
        Assert.Equal(150m, adjusted.HorizonCQty);
    }

    [Fact]
    public void A_cut_beyond_C_comes_off_the_last_pledges_first()
    {
        var adjusted = Calculated.Resplit(380m);

        Assert.Equal([200m, 100m], adjusted.Sources.Select(s => s.Qty));
        Assert.Equal([80m, 0m], adjusted.Pledges.Select(p => p.Qty));
        Assert.Equal(0m, adjusted.HorizonCQty);
    }

    [Fact]
    public void A_cut_beyond_B_comes_off_the_last_sources_and_keeps_every_share_in_place()
    {
        var adjusted = Calculated.Resplit(250m);

        Assert.Equal([(7, 200m), (9, 50m)], adjusted.Sources.Select(s => (s.WarehouseId, s.Qty)));
        Assert.Equal([(41, 0m), (42, 0m)], adjusted.Pledges.Select(p => (p.DonationId, p.Qty)));
        Assert.Equal(0m, adjusted.HorizonCQty);
        Assert.Equal(250m, adjusted.TotalQty);
    }

    [Fact]
    public void A_raise_goes_to_C_and_leaves_sources_and_pledges_as_calculated()
    {
        var adjusted = Calculated.Resplit(900m);

        Assert.Equal(300m, adjusted.HorizonAQty);
        Assert.Equal(150m, adjusted.HorizonBQty);
        Assert.Equal(450m, adjusted.HorizonCQty);
    }

    [Fact]
    public void Adjusting_to_zero_holds_nothing_anywhere()
    {
        var adjusted = Calculated.Resplit(0m);

        Assert.All(adjusted.Sources, source => Assert.Equal(0m, source.Qty));
        Assert.All(adjusted.Pledges, pledge => Assert.Equal(0m, pledge.Qty));
        Assert.Equal(0m, adjusted.TotalQty);
    }

    [Fact]
    public void Re_splitting_to_the_calculated_total_gives_the_calculated_split()
    {
        var adjusted = Calculated.Resplit(Calculated.TotalQty);

        Assert.Equal(Calculated.Sources, adjusted.Sources);
        Assert.Equal(Calculated.Pledges, adjusted.Pledges);
        Assert.Equal(Calculated.HorizonCQty, adjusted.HorizonCQty);
    }
}
