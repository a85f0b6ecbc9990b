using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class ApprovalLevelTests
{
    [Theory]
    [InlineData(EventPhase.Surge, false, Role.SeniorDirector)]
    [InlineData(EventPhase.Stabilized, false, Role.SeniorDirector)]
    [InlineData(EventPhase.Baseline, false, Role.LogisticsManager)]
    [InlineData(EventPhase.Surge, true, Role.DirectorGeneral)]
    [InlineData(EventPhase.Stabilized, true, Role.DirectorGeneral)]
    [InlineData(EventPhase.Baseline, true, Role.SeniorDirector)]
    public void The_approver_level_follows_the_phase_and_escalation_raises_it_one_step(
        EventPhase phase, bool escalated, Role expected)
    {
        Assert.Equal(expected, ApprovalLevel.Required(phase, escalated));
    }

    [Fact]
    public void The_director_general_is_the_top_of_the_chain()
    {
        Assert.Equal(Role.DirectorGeneral, ApprovalLevel.Raise(Role.DirectorGeneral));
    }

    [Fact]
    public void An_administrator_has_no_next_level()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ApprovalLevel.Raise(Role.SystemAdministrator));
    }
}
