using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class NeedsListStreamEventTests
{
    [Fact]
    public void A_status_row_is_a_status_change_from_its_old_to_its_new_value_naming_the_list_and_the_actor()
    {
        var streamed = NeedsListStreamEvent.FromAudit(
            "NL-1-1-20251201-001", EventPhase.Surge, reasonCode: null, "DRAFT", "PENDING_APPROVAL", notes: null, "officer1",
            statusBefore: "DRAFT", escalatedBefore: false);

        Assert.Equal(
            new NeedsListStreamEvent(NeedsListEventKind.StatusChanged, "DRAFT", "PENDING_APPROVAL", "SENIOR_DIRECTOR",
                "Needs list NL-1-1-20251201-001: DRAFT -> PENDING_APPROVAL by officer1"),
            streamed);
    }

    [Fact]
    public void A_status_rows_notes_end_its_message()
    {
        var streamed = NeedsListStreamEvent.FromAudit(
            "NL-1", EventPhase.Baseline, reasonCode: null, "DRAFT", "SUPERSEDED", "Superseded by NL-2", "officer1", "DRAFT", false);

        Assert.Equal("Needs list NL-1: DRAFT -> SUPERSEDED by officer1 (Superseded by NL-2)", streamed.Message);
        Assert.Equal("LOGISTICS_MANAGER", streamed.ApproverRole);
    }

    [Fact]
    public void A_reminder_keeps_the_status_and_names_the_current_approver_raised_when_escalated_before()
    {
        var streamed = NeedsListStreamEvent.FromAudit(
            "NL-1", EventPhase.Baseline, NeedsListAuditActions.ReminderReasonCode, null, null, "has waited 4.02 hours", "SYSTEM",
            statusBefore: "PENDING_APPROVAL", escalatedBefore: true);

        Assert.Equal(
            new NeedsListStreamEvent(NeedsListEventKind.Reminder, "PENDING_APPROVAL", "PENDING_APPROVAL", "SENIOR_DIRECTOR", "has waited 4.02 hours"),
            streamed);
    }

    [Fact]
    public void An_escalation_names_the_raised_role_it_recorded()
    {
        var streamed = NeedsListStreamEvent.FromAudit(
            "NL-1", EventPhase.Surge, NeedsListAuditActions.EscalatedReasonCode, "SENIOR_DIRECTOR", "DIRECTOR_GENERAL", "escalated", "SYSTEM",
            statusBefore: "UNDER_REVIEW", escalatedBefore: false);

        Assert.Equal(
            new NeedsListStreamEvent(NeedsListEventKind.Escalated, "UNDER_REVIEW", "UNDER_REVIEW", "DIRECTOR_GENERAL", "escalated"),
            streamed);
    }
}
