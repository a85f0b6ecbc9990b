using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// The lowest role that may review, approve, reject or return a needs list (SPEC 4):
/// SURGE and STABILIZED lists a Senior Director, BASELINE lists a Logistics Manager.
/// Escalation raises the level one step up the chain (Logistics Manager -> Senior Director ->
/// Director General), after which that raised level (or above) decides: the original
/// level may no longer approve, so the decision has one owner. Director General is the top and stays.
/// </summary>
public static class ApprovalLevel
{
    public static Role ForPhase(EventPhase phase) => phase switch
    {
        EventPhase.Surge or EventPhase.Stabilized => Role.SeniorDirector,
        EventPhase.Baseline => Role.LogisticsManager,
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown event phase."),
    };

    /// <summary>The role required now: the phase's level, raised once when the list was escalated.</summary>
    public static Role Required(EventPhase phase, bool escalated) =>
        escalated ? Raise(ForPhase(phase)) : ForPhase(phase);

    /// <summary>The next role up the operational chain; Director General stays Director General.</summary>
    public static Role Raise(Role role) => role switch
    {
        Role.LogisticsOfficer => Role.LogisticsManager,
        Role.LogisticsManager => Role.SeniorDirector,
        Role.SeniorDirector => Role.DirectorGeneral,
        Role.DirectorGeneral => Role.DirectorGeneral,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Only operational roles have a next level."),
    };
}
