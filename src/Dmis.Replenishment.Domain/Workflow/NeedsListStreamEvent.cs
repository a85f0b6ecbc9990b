using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Workflow;

public enum NeedsListEventKind
{
    StatusChanged,
    Reminder,
    Escalated,
}

/// <summary>
/// What a needs-list audit row that is a stream event says on WatchNeedsListEvents. Live and replayed
/// events are both made from the audit row, so a replay shows exactly what the live stream showed.
/// </summary>
public sealed record NeedsListStreamEvent(NeedsListEventKind Kind, string FromStatus, string ToStatus, string ApproverRole, string Message)
{
    /// <summary>
    /// A reminder or an escalation (reason_code REMINDER / ESCALATED) leaves the status as it was
    /// (<paramref name="statusBefore"/>) and carries its message in the notes; an escalation's new value is
    /// the raised approver role. Any other stream row is a status change from its old to its new value.
    /// <paramref name="escalatedBefore"/>: escalated since its latest submission, as of the row.
    /// </summary>
    public static NeedsListStreamEvent FromAudit(
        string needsListNo,
        EventPhase phase,
        string? reasonCode,
        string? oldValue,
        string? newValue,
        string? notes,
        string actor,
        string statusBefore,
        bool escalatedBefore)
    {
        var approver = ApprovalLevel.Required(phase, escalatedBefore).ToName();
        return reasonCode switch
        {
            NeedsListAuditActions.ReminderReasonCode =>
                new(NeedsListEventKind.Reminder, statusBefore, statusBefore, approver, notes ?? ""),
            NeedsListAuditActions.EscalatedReasonCode =>
                new(NeedsListEventKind.Escalated, statusBefore, statusBefore, newValue ?? approver, notes ?? ""),
            _ => new(NeedsListEventKind.StatusChanged, oldValue ?? "", newValue ?? "", approver,
                $"Needs list {needsListNo}: {oldValue} -> {newValue} by {actor}" + (string.IsNullOrEmpty(notes) ? "" : $" ({notes})")),
        };
    }
}
