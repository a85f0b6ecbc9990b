using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// Who may do what to procurements, suppliers and lead times. Any authenticated caller may read.
/// <list type="bullet">
/// <item>Create from a needs list, change a draft, submit, mark ordered, mark shipped, receive:
/// LOGISTICS_OFFICER or above.</item>
/// <item>Approve and reject: the tier's approver role or above (<see cref="ProcurementTierRules"/>),
/// never the creator or a submitter (same separation of duties as needs lists).</item>
/// <item>Cancel: a DRAFT LOGISTICS_OFFICER or above; PENDING_APPROVAL LOGISTICS_MANAGER or above;
/// APPROVED or ORDERED the tier's approver role or above (undoing an approval).</item>
/// <item>Suppliers and lead times: LOGISTICS_MANAGER or above, or SYSTEM_ADMINISTRATOR (master data
/// and configuration). SYSTEM_ADMINISTRATOR alone may do nothing else here.</item>
/// </list>
/// </summary>
public static class ProcurementAuthorization
{
    public static void EnsureCanCreate(Caller caller) =>
        Permissions.EnsureAtLeast(caller, Role.LogisticsOfficer, "create procurements");

    public static void EnsureCanManageSuppliers(Caller caller) => EnsureManagerOrAdministrator(caller, "manage suppliers");

    public static void EnsureCanManageLeadTimes(Caller caller) => EnsureManagerOrAdministrator(caller, "manage lead times");

    /// <summary>True for the decisions that separation of duties applies to.</summary>
    public static bool IsDecision(ProcurementAction action) =>
        action is ProcurementAction.Approve or ProcurementAction.Reject;

    /// <summary>The lowest role that may take <paramref name="action"/> on <paramref name="procurement"/>.</summary>
    public static Role RequiredRole(ProcurementAction action, ProcurementFacts procurement) => action switch
    {
        ProcurementAction.Approve or ProcurementAction.Reject => procurement.Requirement?.ApproverRole
            ?? throw new InvalidOperationException(
                $"procurement {procurement.ProcurementNo} has no approval tier yet: run ProcurementTierRules.Determine first"),
        ProcurementAction.Cancel => procurement.Status switch
        {
            ProcurementStatus.PendingApproval => Role.LogisticsManager,
            ProcurementStatus.Approved or ProcurementStatus.Ordered =>
                procurement.Requirement?.ApproverRole ?? Role.LogisticsManager,
            _ => Role.LogisticsOfficer,
        },
        ProcurementAction.UpdateDraft or ProcurementAction.Submit or ProcurementAction.MarkOrdered
            or ProcurementAction.MarkShipped or ProcurementAction.ReceivePart or ProcurementAction.ReceiveAll
            => Role.LogisticsOfficer,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown procurement action."),
    };

    /// <summary>
    /// Throws <see cref="PermissionDeniedException"/> when <paramref name="caller"/> may not take
    /// <paramref name="action"/>: first the role, then separation of duties for approve and reject.
    /// </summary>
    public static void EnsureAllowed(Caller caller, ProcurementAction action, ProcurementFacts procurement)
    {
        var required = RequiredRole(action, procurement);
        if (!caller.IsAtLeast(required))
        {
            var tier = IsDecision(action) && procurement.Requirement is { } requirement
                ? $" for a {requirement.Tier.ToWord()} procurement"
                : string.Empty;
            throw new PermissionDeniedException(
                $"user {caller.UserId} may not {action.Verb()} procurement {procurement.ProcurementNo}: " +
                $"it needs the {required.ToName()} role or above{tier}");
        }

        if (IsDecision(action))
        {
            SeparationOfDuties.Ensure(caller, "procurement", action.Verb(), procurement.CreatedBy, procurement.Submitters);
        }
    }

    private static void EnsureManagerOrAdministrator(Caller caller, string what)
    {
        if (!caller.IsAdministrator && !caller.IsAtLeast(Role.LogisticsManager))
        {
            throw new PermissionDeniedException(
                $"user {caller.UserId} may not {what}: it needs the LOGISTICS_MANAGER role or above, or SYSTEM_ADMINISTRATOR");
        }
    }
}
