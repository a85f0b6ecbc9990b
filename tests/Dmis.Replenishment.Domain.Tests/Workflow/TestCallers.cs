using Dmis.Replenishment.Domain.Access;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

/// <summary>One caller per role, plus an administrator and a read-only caller (no role).</summary>
internal static class TestCallers
{
    public static readonly Caller Officer = With("olivia", Role.LogisticsOfficer);
    public static readonly Caller Manager = With("marcus", Role.LogisticsManager);
    public static readonly Caller SeniorDirector = With("sasha", Role.SeniorDirector);
    public static readonly Caller DirectorGeneral = With("desmond", Role.DirectorGeneral);
    public static readonly Caller Administrator = With("admin", Role.SystemAdministrator);
    public static readonly Caller ReadOnly = With("reader");

    /// <summary>Letter codes used by the role matrices: O, M, S, D, A (administrator), R (read-only).</summary>
    public static readonly IReadOnlyDictionary<char, Caller> ByLetter = new Dictionary<char, Caller>
    {
        ['O'] = Officer,
        ['M'] = Manager,
        ['S'] = SeniorDirector,
        ['D'] = DirectorGeneral,
        ['A'] = Administrator,
        ['R'] = ReadOnly,
    };

    public static Caller With(string userId, params Role[] roles) => new(userId, roles.ToHashSet());
}
