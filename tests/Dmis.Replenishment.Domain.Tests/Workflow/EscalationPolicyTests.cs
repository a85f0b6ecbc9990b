using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class EscalationPolicyTests
{
    private static readonly DateTime SubmittedAt = new(2025, 9, 1, 8, 0, 0, DateTimeKind.Utc);

    private static EscalationDecision Decide(
        TimeSpan waited,
        bool reminderSent = false,
        bool escalated = false,
        NeedsListStatus status = NeedsListStatus.PendingApproval,
        EventPhase phase = EventPhase.Surge) =>
        EscalationPolicy.Decide("NL-1-2-20250901-001", status, phase, SubmittedAt, SubmittedAt + waited, reminderSent, escalated);

    [Fact]
    public void Exactly_four_hours_is_not_yet_due()
    {
        Assert.Equal(EscalationStep.None, Decide(TimeSpan.FromHours(4)).Step);
    }

    [Fact]
    public void Four_hours_and_one_second_raises_a_reminder()
    {
        var decision = Decide(TimeSpan.FromHours(4) + TimeSpan.FromSeconds(1));

        Assert.Equal(EscalationStep.Reminder, decision.Step);
        Assert.Null(decision.NewApproverRole);
        Assert.Equal(
            "Needs list NL-1-2-20250901-001 has waited 4 hours for approval by SENIOR_DIRECTOR or above",
            decision.Message);
    }

    [Fact]
    public void A_list_under_review_is_reminded_too()
    {
        Assert.Equal(EscalationStep.Reminder, Decide(TimeSpan.FromHours(5), status: NeedsListStatus.UnderReview).Step);
    }

    [Fact]
    public void There_is_no_second_reminder()
    {
        Assert.Equal(EscalationStep.None, Decide(TimeSpan.FromHours(6), reminderSent: true).Step);
    }

    [Fact]
    public void Exactly_eight_hours_is_not_yet_an_escalation()
    {
        Assert.Equal(EscalationStep.None, Decide(TimeSpan.FromHours(8), reminderSent: true).Step);
    }

    [Fact]
    public void Eight_hours_and_one_second_escalates_a_surge_list_from_senior_director_to_director_general()
    {
        var decision = Decide(TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1), reminderSent: true);

        Assert.Equal(EscalationStep.Escalate, decision.Step);
        Assert.Equal(Role.SeniorDirector, decision.CurrentApproverRole);
        Assert.Equal(Role.DirectorGeneral, decision.NewApproverRole);
        Assert.Equal(
            "Needs list NL-1-2-20250901-001 has waited 8 hours for approval; escalated from SENIOR_DIRECTOR to DIRECTOR_GENERAL",
            decision.Message);
    }

    [Fact]
    public void A_baseline_list_escalates_from_logistics_manager_to_senior_director()
    {
        var decision = Decide(TimeSpan.FromHours(9), reminderSent: true, phase: EventPhase.Baseline);

        Assert.Equal(Role.LogisticsManager, decision.CurrentApproverRole);
        Assert.Equal(Role.SeniorDirector, decision.NewApproverRole);
    }

    [Fact]
    public void A_list_first_seen_after_eight_hours_is_escalated_without_a_reminder_first()
    {
        Assert.Equal(EscalationStep.Escalate, Decide(TimeSpan.FromHours(10)).Step);
    }

    [Fact]
    public void A_list_is_escalated_only_once_and_then_not_reminded()
    {
        var decision = Decide(TimeSpan.FromHours(30), reminderSent: false, escalated: true);

        Assert.Equal(EscalationStep.None, decision.Step);
        Assert.Equal(Role.DirectorGeneral, decision.CurrentApproverRole);
    }

    [Theory]
    [InlineData(NeedsListStatus.Draft)]
    [InlineData(NeedsListStatus.Returned)]
    [InlineData(NeedsListStatus.Approved)]
    [InlineData(NeedsListStatus.Rejected)]
    [InlineData(NeedsListStatus.Cancelled)]
    public void Lists_not_waiting_for_approval_are_never_reminded_or_escalated(NeedsListStatus status)
    {
        Assert.False(Decide(TimeSpan.FromHours(20), status: status).IsDue);
    }
}
