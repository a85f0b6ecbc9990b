using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Dmis.Replenishment.Domain.Access;

namespace Dmis.Replenishment.Server.Auth;

/// <summary>
/// The claims we read. User name: <c>preferred_username</c> (else <c>sub</c>). Roles: a flat
/// <c>role</c> or <c>roles</c> claim, or Keycloak's nested <c>realm_access.roles</c>. Warehouses:
/// <c>warehouse_ids</c>, as a JSON array of ids, repeated claims, or a string holding a JSON array
/// (as an OIDC issuer's mapper may send it).
/// </summary>
public static class TokenClaims
{
    public const string UserName = "preferred_username";
    public const string Role = "role";
    public const string Roles = "roles";
    public const string RealmAccess = "realm_access";
    public const string WarehouseIds = "warehouse_ids";

    public static HashSet<Role> RolesOf(ClaimsPrincipal principal) =>
        principal.FindAll(Role).Concat(principal.FindAll(Roles)).Select(claim => claim.Value)
            .Concat(principal.FindAll(RealmAccess).SelectMany(claim => RealmRoles(claim.Value)))
            .Select(name => RoleNames.TryParse(name, out var role) ? role : (Role?)null)
            .OfType<Role>()
            .ToHashSet();

    /// <summary>The warehouse ids the token names; null when a value is not a warehouse id (the token is then refused).</summary>
    public static HashSet<int>? WarehousesOf(ClaimsPrincipal principal)
    {
        var ids = new HashSet<int>();
        foreach (var value in principal.FindAll(WarehouseIds).Select(claim => claim.Value.Trim()))
        {
            var parts = value.StartsWith('[') ? JsonArray(value) : [value];
            foreach (var part in parts ?? [""])
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                {
                    return null;
                }

                ids.Add(id);
            }
        }

        return ids;
    }

    private static IEnumerable<string> RealmRoles(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
                ? roles.EnumerateArray().Where(role => role.ValueKind == JsonValueKind.String).Select(role => role.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>The entries of a JSON array of numbers or numeric strings, as text; null when it is not one.</summary>
    private static List<string>? JsonArray(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement.EnumerateArray()
                    .Select(entry => entry.ValueKind == JsonValueKind.String ? entry.GetString()! : entry.GetRawText())
                    .ToList()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
