namespace Dmis.Replenishment.Domain.Access;

/// <summary>The roles of SPEC section 4, as they appear in a caller's token.</summary>
public enum Role
{
    LogisticsOfficer,
    LogisticsManager,
    SeniorDirector,
    DirectorGeneral,
    SystemAdministrator,
}

public static class RoleNames
{
    private static readonly Dictionary<string, Role> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["LOGISTICS_OFFICER"] = Role.LogisticsOfficer,
        ["LOGISTICS_MANAGER"] = Role.LogisticsManager,
        ["SENIOR_DIRECTOR"] = Role.SeniorDirector,
        ["DIRECTOR_GENERAL"] = Role.DirectorGeneral,
        ["SYSTEM_ADMINISTRATOR"] = Role.SystemAdministrator,
    };

    public static IReadOnlyCollection<string> All => ByName.Keys;

    public static bool TryParse(string name, out Role role) => ByName.TryGetValue(name, out role);

    public static string ToName(this Role role) => ByName.First(pair => pair.Value == role).Key;
}
