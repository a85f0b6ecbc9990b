using Dmis.Replenishment.Domain.Procurement;

namespace Dmis.Replenishment.Domain.Tests.Procurement;

public class LeadTimeValidationTests
{
    private static readonly DateOnly Today = new(2025, 9, 1);

    private static readonly LeadTimeInput Route = new(LeadTimeHorizon.A, 1, 2, null, 6, false, null, null);

    private static IEnumerable<string> Fields(LeadTimeInput input) =>
        LeadTimeValidation.Validate(input, Today).Select(v => v.Field);

    [Fact]
    public void A_route_between_two_warehouses_is_valid()
    {
        Assert.Empty(Fields(Route));
    }

    [Fact]
    public void A_horizon_a_route_names_both_warehouses_unless_it_is_the_default()
    {
        Assert.Equal(["lead_time.to_warehouse_id"], Fields(Route with { ToWarehouseId = null }));
        Assert.Equal(["lead_time.from_warehouse_id"], Fields(Route with { FromWarehouseId = null }));
        Assert.Empty(Fields(Route with { FromWarehouseId = null, ToWarehouseId = null, IsDefault = true }));
    }

    [Fact]
    public void A_route_goes_between_two_different_warehouses()
    {
        Assert.Equal(["lead_time.to_warehouse_id"], Fields(Route with { ToWarehouseId = 1 }));
    }

    [Fact]
    public void A_horizon_c_lead_time_names_a_supplier_unless_it_is_the_default()
    {
        var supplierLeadTime = new LeadTimeInput(LeadTimeHorizon.C, null, null, 4, 240, false, null, null);

        Assert.Empty(Fields(supplierLeadTime));
        Assert.Equal(["lead_time.supplier_id"], Fields(supplierLeadTime with { SupplierId = null }));
        Assert.Empty(Fields(supplierLeadTime with { SupplierId = null, IsDefault = true }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-8)]
    public void Lead_time_hours_must_be_positive(int hours)
    {
        Assert.Equal(["lead_time.lead_time_hours"], Fields(Route with { LeadTimeHours = hours }));
    }

    [Fact]
    public void Effective_to_may_not_be_before_effective_from()
    {
        Assert.Equal(["lead_time.effective_to"], Fields(Route with { EffectiveFrom = Today, EffectiveTo = Today.AddDays(-1) }));
        Assert.Empty(Fields(Route with { EffectiveFrom = Today, EffectiveTo = Today }));
        Assert.Equal(["lead_time.effective_to"], Fields(Route with { EffectiveTo = Today.AddDays(-1) }));
    }

    [Fact]
    public void A_default_names_no_warehouse_or_supplier_and_a_route_names_no_supplier()
    {
        Assert.Equal(["lead_time.from_warehouse_id", "lead_time.to_warehouse_id"], Fields(Route with { IsDefault = true }));
        Assert.Equal(["lead_time.supplier_id"], Fields(Route with { SupplierId = 3 }));
    }

    [Fact]
    public void The_horizon_is_required()
    {
        Assert.Equal(["lead_time.horizon"], Fields(Route with { Horizon = null }));
        Assert.Throws<DomainValidationException>(() => LeadTimeValidation.EnsureValid(Route with { Horizon = null }, Today));
    }
}
