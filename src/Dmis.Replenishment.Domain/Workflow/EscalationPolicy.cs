using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>What, if anything, is due for a list waiting for approval.</summary>
public enum EscalationStep
{
    None,

    /// <summary>Waiting over 4 h and not yet reminded.</summary>
    Reminder,

    /// <summary>Waiting over 8 h and not yet escalated: the approver level goes one step up.</summary>
    Escalate,
}

/// <summary>
/// The step due, how long the list has waited (hours, 2 places), and for an escalation the
/// approver level before and after. <see cref="Message"/> is for the audit row and the
/// WatchNeedsListEvents event; empty when nothing is due.
/// </summary>
public sealed record EscalationDecision(
    EscalationStep Step, decimal WaitingHours, Role CurrentApproverRole, Role? NewApproverRole, string Message)
{
    public bool IsDue => Step != EscalationStep.None;
}

/// <summary>
/// SPEC 4, Escalation. A list waits from its latest submission (submitted_at) while PENDING_APPROVAL
/// or UNDER_REVIEW. Over 4 h (strictly) it gets one reminder; over 8 h (strictly) it is escalated
/// once: the approver level goes one step up the chain (SURGE/STABILIZED Senior Director ->
/// Director General; BASELINE Logistics Manager -> Senior Director), after which only that level or
/// above may decide. A list already escalated gets no reminder; a list first looked at after 8 h
/// is escalated straight away (no reminder first). "Reminded" and "escalated" count since the
/// latest submission: a returned and resubmitted list starts again.
/// </summary>
public static class EscalationPolicy
{
    public static readonly TimeSpan ReminderAfter = TimeSpan.FromHours(4);
    public static readonly TimeSpan EscalateAfter = TimeSpan.FromHours(8);

    public static EscalationDecision Decide(
        string needsListNo,
        NeedsListStatus status,
        EventPhase phase,
        DateTime submittedAt,
        DateTime now,
        bool reminderSent,
        bool escalated)
    {
        var waited = now - submittedAt;
        var waitingHours = Rounding.Hours(Hours.Between(submittedAt, now));
        var current = ApprovalLevel.Required(phase, escalated);
        if (!NeedsListStateMachine.AwaitingApproval.Contains(status))
        {
            return new(EscalationStep.None, waitingHours, current, null, string.Empty);
        }

        var hoursText = Warnings.CalculationWarnings.FormatHours(waitingHours);
        if (waited > EscalateAfter && !escalated)
        {
            var raised = ApprovalLevel.Raise(current);
            return new(EscalationStep.Escalate, waitingHours, current, raised,
                $"Needs list {needsListNo} has waited {hoursText} hours for approval; escalated from {current.ToName()} to {raised.ToName()}");
        }

        if (waited > ReminderAfter && !reminderSent && !escalated)
        {
            return new(EscalationStep.Reminder, waitingHours, current, null,
                $"Needs list {needsListNo} has waited {hoursText} hours for approval by {current.ToName()} or above");
        }

        return new(EscalationStep.None, waitingHours, current, null, string.Empty);
    }
}
