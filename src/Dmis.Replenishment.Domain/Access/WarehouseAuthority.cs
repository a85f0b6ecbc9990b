using Dmis.Replenishment.Domain.Errors;

namespace Dmis.Replenishment.Domain.Access;

/// <summary>
/// Warehouse authority (SPEC 4): logistics officers and managers act only for the warehouses their
/// token names; senior directors and the director general act nationally. Applies to generating,
/// adjusting and submitting needs lists, recording syncs, creating transfers and procurement for a
/// list, and receiving into a warehouse. Role checks come first; this says where, not what.
/// </summary>
public static class WarehouseAuthority
{
    /// <summary>The lowest role that acts for every warehouse.</summary>
    public const Role National = Role.SeniorDirector;

    public static bool MayActFor(Caller caller, int warehouseId) =>
        caller.IsAtLeast(National) || caller.Warehouses.Contains(warehouseId);

    /// <summary>Throws <see cref="PermissionDeniedException"/> naming the warehouse unless the caller may <paramref name="action"/> for it.</summary>
    public static void EnsureMayActFor(Caller caller, int warehouseId, string action)
    {
        if (MayActFor(caller, warehouseId))
        {
            return;
        }

        var named = caller.Warehouses.Count == 0 ? "names no warehouse" : $"names warehouse(s) {string.Join(", ", caller.Warehouses.Order())}";
        throw new PermissionDeniedException(
            $"user {caller.UserId} may not {action} for warehouse {warehouseId}: the token {named} (claim warehouse_ids), and only {National.ToName()} and above act for every warehouse");
    }
}
