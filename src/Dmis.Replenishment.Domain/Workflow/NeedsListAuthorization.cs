using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;

namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// Who may do what to a needs list (SPEC 4). Any authenticated caller may read; nothing to check.
/// <list type="bullet">
/// <item>Generate, adjust, submit, supersede (by generating), take into fulfilment and mark
/// fulfilled: LOGISTICS_OFFICER or above.</item>
/// <item>Start review, approve, reject, return: the list's approver level
/// (<see cref="ApprovalLevel"/>: by phase, raised by escalation) or above, and never its
/// creator or a submitter (<see cref="SeparationOfDuties"/>).</item>
/// <item>Cancel: a DRAFT or RETURNED list (back with the preparers) LOGISTICS_OFFICER or above;
/// once submitted (PENDING_APPROVAL, UNDER_REVIEW) LOGISTICS_MANAGER or above; an APPROVED
/// list only the level that approves lists of its phase (undoing an approval takes the
/// approving authority). The creator may cancel their own list.</item>
/// <item>SYSTEM_ADMINISTRATOR alone is not in the operational chain: it may do none of these.</item>
/// </list>
/// These checks cover roles only; whether the status allows the action is
/// <see cref="NeedsListStateMachine"/>'s job.
/// </summary>
public static class NeedsListAuthorization
{
    public static void EnsureCanGenerate(Caller caller) =>
        Permissions.EnsureAtLeast(caller, Role.LogisticsOfficer, "generate needs lists");

    /// <summary>The lowest role that may take <paramref name="action"/> on <paramref name="list"/>.</summary>
    public static Role RequiredRole(NeedsListAction action, NeedsListFacts list) => action switch
    {
        NeedsListAction.StartReview or NeedsListAction.Approve or NeedsListAction.Reject or NeedsListAction.Return
            => list.ApproverRole,
        NeedsListAction.Cancel => list.Status switch
        {
            NeedsListStatus.PendingApproval or NeedsListStatus.UnderReview => Role.LogisticsManager,
            NeedsListStatus.Approved => ApprovalLevel.ForPhase(list.Phase),
            _ => Role.LogisticsOfficer,
        },
        NeedsListAction.Submit or NeedsListAction.Adjust or NeedsListAction.Supersede
            or NeedsListAction.StartFulfilment or NeedsListAction.Fulfil => Role.LogisticsOfficer,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown needs-list action."),
    };

    /// <summary>True for the decisions that separation of duties applies to.</summary>
    public static bool IsDecision(NeedsListAction action) =>
        action is NeedsListAction.StartReview or NeedsListAction.Approve
            or NeedsListAction.Reject or NeedsListAction.Return;

    /// <summary>
    /// Throws <see cref="PermissionDeniedException"/> when <paramref name="caller"/> may not take
    /// <paramref name="action"/> on <paramref name="list"/>: first the role, then separation of duties.
    /// </summary>
    public static void EnsureAllowed(Caller caller, NeedsListAction action, NeedsListFacts list)
    {
        var required = RequiredRole(action, list);
        if (!caller.IsAtLeast(required))
        {
            throw new PermissionDeniedException(DeniedMessage(caller, action, list, required));
        }

        if (IsDecision(action))
        {
            SeparationOfDuties.Ensure(caller, "needs list", action.Verb(), list.CreatedBy, list.Submitters);
        }
    }

    private static string DeniedMessage(Caller caller, NeedsListAction action, NeedsListFacts list, Role required)
    {
        var what = $"user {caller.UserId} may not {action.Verb()} needs list {list.NeedsListNo}";
        var why = IsDecision(action) && list.Escalated
            ? $"it was escalated and now needs the {required.ToName()} role or above"
            : $"it needs the {required.ToName()} role or above";
        var note = caller.IsAdministrator && !caller.IsAtLeast(Role.LogisticsOfficer)
            ? " (SYSTEM_ADMINISTRATOR manages configuration and is not in the operational chain)"
            : string.Empty;
        return $"{what}: {why}{note}";
    }
}
