using Dmis.Replenishment.Domain.Errors;

namespace Dmis.Replenishment.Domain.Access;

/// <summary>Who may do what, outside the needs-list and procurement approval rules.</summary>
public static class Permissions
{
    /// <summary>Changing an event's phase is an operational decision of a manager or above.</summary>
    public static void EnsureCanChangePhase(Caller caller) =>
        EnsureAtLeastOrAdministrator(caller, Role.LogisticsManager, "change an event's phase");

    /// <summary>Phase parameters are configuration: system administrators only.</summary>
    public static void EnsureCanManageConfiguration(Caller caller)
    {
        if (!caller.IsAdministrator)
        {
            throw new PermissionDeniedException(
                $"user {caller.UserId} may not manage configuration: it needs the SYSTEM_ADMINISTRATOR role");
        }
    }

    /// <summary>Officers and above generate, adjust and submit needs lists and record syncs.</summary>
    public static void EnsureCanPrepareNeedsLists(Caller caller) =>
        EnsureAtLeast(caller, Role.LogisticsOfficer, "prepare needs lists");

    public static void EnsureAtLeast(Caller caller, Role required, string action)
    {
        if (!caller.IsAtLeast(required))
        {
            throw new PermissionDeniedException(
                $"user {caller.UserId} may not {action}: it needs the {required.ToName()} role or above");
        }
    }

    private static void EnsureAtLeastOrAdministrator(Caller caller, Role required, string action)
    {
        if (!caller.IsAdministrator)
        {
            EnsureAtLeast(caller, required, action);
        }
    }
}
