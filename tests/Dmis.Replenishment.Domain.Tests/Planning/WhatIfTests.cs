using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Planning;
using static Dmis.Replenishment.Domain.Tests.Planning.NetworkTestData;
using static Dmis.Replenishment.Domain.Tests.TestData;

namespace Dmis.Replenishment.Domain.Tests.Planning;

/// <summary>SPEC 9, what-if: demand x factor, warehouses offline, a route's lead time.</summary>
public class WhatIfTests
{
    private static readonly int[] Network = [1, 2, 9];

    private static CalculatedLine Line(CalculationInput input, WhatIfAssumptions assumptions)
    {
        var changed = assumptions.ForTarget(input) with { SourceStock = assumptions.ForSupply(input.SourceStock) };
        return Assert.Single(NeedsListCalculator.Calculate(changed).Lines);
    }

    [Fact]
    public void A_demand_multiplier_scales_the_burn_rate_and_with_it_what_is_required()
    {
        var line = Line(TargetInput(1, Network, [], [], Water(500m)), new WhatIfAssumptions { DemandMultiplier = 1.5m });

        Assert.Equal(150m, line.Status.BurnRate);
        Assert.Equal(13_500m, line.Status.RequiredQty);
        Assert.Equal(13_000m, line.Status.GapQty);
    }

    [Fact]
    public void An_items_own_multiplier_replaces_the_overall_one()
    {
        var assumptions = new WhatIfAssumptions { DemandMultiplier = 3m, ItemMultipliers = [new ItemDemandMultiplier(10, 0.5m)] };

        Assert.Equal(50m, Line(TargetInput(1, Network, [], [], Water(500m)), assumptions).Status.BurnRate);
        Assert.Equal(3m, assumptions.MultiplierFor(11));
    }

    [Fact]
    public void A_multiplier_raises_a_sources_own_need_and_so_its_floor()
    {
        // Source 9 burns 5/h: own need 450, so 550 of its 1,000 can go; doubled, 900 must stay.
        var input = TargetInput(1, Network, [Stock(9, 10, 1_000m, fulfilled: 30m)], [], Water(500m));

        Assert.Equal(550m, Line(input, WhatIfAssumptions.None).HorizonA.Qty);
        Assert.Equal(100m, Line(input, new WhatIfAssumptions { DemandMultiplier = 2m }).HorizonA.Qty);
    }

    [Fact]
    public void An_offline_warehouse_gives_nothing()
    {
        var input = TargetInput(1, Network, [Stock(9, 10, 1_000m), Stock(2, 10, 300m)], [], Water(500m));

        var line = Line(input, new WhatIfAssumptions { OfflineWarehouseIds = [9] });

        Assert.Equal([(2, 300m)], line.HorizonA.Sources.Select(s => (s.WarehouseId, s.Qty)));
    }

    [Fact]
    public void An_offline_target_receives_no_transfer_but_keeps_its_line_for_pledges_and_procurement()
    {
        var input = TargetInput(1, Network, [Stock(9, 10, 1_000m)], [Pledge(1, 10, 400m)], Water(500m));

        var line = Line(input, new WhatIfAssumptions { OfflineWarehouseIds = [1] });

        Assert.Equal((0m, 400m, 8_100m), (line.HorizonA.Qty, line.HorizonB.Qty, line.HorizonC.Qty));
    }

    [Fact]
    public void A_routes_lead_time_override_changes_which_source_comes_first()
    {
        var input = TargetInput(1, Network, [Stock(9, 10, 1_000m), Stock(2, 10, 20_000m)], [], Water(500m));

        var line = Line(input, new WhatIfAssumptions { RouteLeadTimes = [new RouteLeadTime(9, 1, 2)] });

        Assert.Equal((9, 2), (line.HorizonA.Sources[0].WarehouseId, line.HorizonA.Sources[0].LeadTimeHours));
    }

    [Fact]
    public void No_assumption_is_no_what_if()
    {
        Assert.False(WhatIfAssumptions.None.IsWhatIf);
        Assert.True(new WhatIfAssumptions { OfflineWarehouseIds = [3] }.IsWhatIf);
    }

    [Theory]
    [InlineData("0", "assumptions.demand_multiplier")]
    [InlineData("-1", "assumptions.demand_multiplier")]
    [InlineData("10.5", "assumptions.demand_multiplier")]
    [InlineData("1.00001", "assumptions.demand_multiplier")]
    public void A_multiplier_must_be_above_0_at_most_10_with_4_decimals(string multiplier, string field)
    {
        var violations = new WhatIfAssumptions { DemandMultiplier = decimal.Parse(multiplier, System.Globalization.CultureInfo.InvariantCulture) }
            .Validate("assumptions");

        Assert.Equal(field, Assert.Single(violations).Field);
    }

    [Fact]
    public void Duplicates_self_routes_and_out_of_range_lead_times_are_named()
    {
        var assumptions = new WhatIfAssumptions
        {
            ItemMultipliers = [new(10, 2m), new(10, 3m)],
            OfflineWarehouseIds = [4, 4],
            RouteLeadTimes = [new(2, 2, 5), new(2, 3, 0)],
        };

        var fields = assumptions.Validate("assumptions").Select(v => v.Field);

        Assert.Equal(
            [
                "assumptions.item_demand_multipliers[1].item_id",
                "assumptions.offline_warehouse_ids[1]",
                "assumptions.route_lead_times[0].to_warehouse_id",
                "assumptions.route_lead_times[1].lead_time_hours",
            ],
            fields);
    }
}
