using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;

namespace Dmis.Replenishment.Domain.Tests;

public sealed class WarehouseAuthorityTests
{
    private static Caller As(Role role, params int[] warehouses) => new("u1", new HashSet<Role> { role }, warehouses.ToHashSet());

    [Theory]
    [InlineData(Role.LogisticsOfficer, true)]
    [InlineData(Role.LogisticsManager, true)]
    [InlineData(Role.SeniorDirector, true)]
    [InlineData(Role.DirectorGeneral, true)]
    public void Officers_managers_and_directors_act_for_a_warehouse_their_token_names(Role role, bool allowed) =>
        Assert.Equal(allowed, WarehouseAuthority.MayActFor(As(role, 1, 2), 2));

    [Theory]
    [InlineData(Role.LogisticsOfficer, false)]
    [InlineData(Role.LogisticsManager, false)]
    [InlineData(Role.SeniorDirector, true)]
    [InlineData(Role.DirectorGeneral, true)]
    [InlineData(Role.SystemAdministrator, false)]
    public void Only_senior_directors_and_above_act_for_a_warehouse_the_token_does_not_name(Role role, bool allowed) =>
        Assert.Equal(allowed, WarehouseAuthority.MayActFor(As(role, 1), 7));

    [Fact]
    public void A_token_naming_no_warehouse_acts_for_none()
    {
        var error = Assert.Throws<PermissionDeniedException>(() =>
            WarehouseAuthority.EnsureMayActFor(new Caller("tanya", new HashSet<Role> { Role.LogisticsOfficer }), 3, "generate needs lists"));

        Assert.Contains("warehouse 3", error.Message);
        Assert.Contains("names no warehouse", error.Message);
    }
}
