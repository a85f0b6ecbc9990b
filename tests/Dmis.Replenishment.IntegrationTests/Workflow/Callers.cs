using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Server.Auth;
using Grpc.Core;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>The callers of the workflow tests: one user per role, and one with no role (read-only).</summary>
public static class Callers
{
    public const string OfficerUser = "officer1";
    public const string ManagerUser = "manager1";
    public const string SeniorDirectorUser = "sd1";
    public const string DirectorGeneralUser = "dg1";
    public const string AdministratorUser = "admin1";
    public const string ReadOnlyUser = "reader1";

    /// <summary>Role name as in the token ("" for the read-only caller) to its user.</summary>
    public static readonly IReadOnlyDictionary<string, string> UserOf = new Dictionary<string, string>
    {
        ["LOGISTICS_OFFICER"] = OfficerUser,
        ["LOGISTICS_MANAGER"] = ManagerUser,
        ["SENIOR_DIRECTOR"] = SeniorDirectorUser,
        ["DIRECTOR_GENERAL"] = DirectorGeneralUser,
        ["SYSTEM_ADMINISTRATOR"] = AdministratorUser,
        [""] = ReadOnlyUser,
    };

    public static Metadata Officer => As(OfficerUser, "LOGISTICS_OFFICER");
    public static Metadata Manager => As(ManagerUser, "LOGISTICS_MANAGER");
    public static Metadata SeniorDirector => As(SeniorDirectorUser, "SENIOR_DIRECTOR");
    public static Metadata DirectorGeneral => As(DirectorGeneralUser, "DIRECTOR_GENERAL");
    public static Metadata Administrator => As(AdministratorUser, "SYSTEM_ADMINISTRATOR");
    public static Metadata ReadOnly => As(ReadOnlyUser);

    /// <summary>The caller holding <paramref name="role"/> ("" for none).</summary>
    public static Metadata ForRole(string role) => role.Length == 0 ? ReadOnly : As(UserOf[role], role);

    /// <summary>
    /// A token for <paramref name="user"/> valid for two days: tests that move the server's clock
    /// hours ahead still authenticate.
    /// </summary>
    public static Metadata As(string user, params string[] roles) =>
        ReplenishmentServerFactory.Bearer(
            new LocalTokenIssuer(ReplenishmentServerFactory.Auth).Issue(
                user, roles, TimeSpan.FromDays(2), ReplenishmentServerFactory.SeededWarehouses));
}
