namespace Dmis.Replenishment.Domain.Access;

/// <summary>
/// Who is calling: the user id written to the database (at most 20 characters), the roles
/// and the warehouses the token names (claim warehouse_ids; none named = none). Any
/// authenticated caller may read.
/// </summary>
public sealed record Caller(string UserId, IReadOnlySet<Role> Roles, IReadOnlySet<int>? WarehouseIds = null)
{
    /// <summary>The warehouses this caller may act for when its role is not national.</summary>
    public IReadOnlySet<int> Warehouses => WarehouseIds ?? new HashSet<int>();

    public const int MaxUserIdLength = 20;

    /// <summary>The operational chain, lowest first: a higher rank may do what a lower one may.</summary>
    private static readonly Role[] Chain =
        [Role.LogisticsOfficer, Role.LogisticsManager, Role.SeniorDirector, Role.DirectorGeneral];

    public bool IsAtLeast(Role required)
    {
        var requiredRank = Array.IndexOf(Chain, required);
        if (requiredRank < 0)
        {
            return Roles.Contains(required);
        }

        return Roles.Any(role => Array.IndexOf(Chain, role) >= requiredRank);
    }

    public bool IsAdministrator => Roles.Contains(Role.SystemAdministrator);
}
