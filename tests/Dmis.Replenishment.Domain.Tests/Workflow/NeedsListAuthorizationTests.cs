using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;
using static Dmis.Replenishment.Domain.Workflow.NeedsListAction;
using static Dmis.Replenishment.Domain.Workflow.NeedsListStatus;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class NeedsListAuthorizationTests
{
    private const string Creator = "kemar";
    private const string Submitter = "andrea";

    private static NeedsListFacts List(EventPhase phase, NeedsListStatus status, bool escalated = false) =>
        new("NL-1-2-20250901-001", phase, status, Creator, [Submitter], escalated);

    /// <summary>
    /// Who may act (letters: O officer, M manager, S senior director, D director general,
    /// A administrator, R read-only); everyone else is refused.
    /// </summary>
    public static TheoryData<EventPhase, NeedsListStatus, NeedsListAction, bool, string> Matrix => new()
    {
        { EventPhase.Surge, Draft, Submit, false, "OMSD" },
        { EventPhase.Surge, Draft, Adjust, false, "OMSD" },
        { EventPhase.Surge, Returned, Submit, false, "OMSD" },
        { EventPhase.Surge, Draft, Cancel, false, "OMSD" },
        { EventPhase.Surge, Returned, Cancel, false, "OMSD" },
        { EventPhase.Surge, PendingApproval, Cancel, false, "MSD" },
        { EventPhase.Surge, UnderReview, Cancel, false, "MSD" },
        { EventPhase.Surge, Approved, Cancel, false, "SD" },
        { EventPhase.Surge, PendingApproval, StartReview, false, "SD" },
        { EventPhase.Surge, PendingApproval, Approve, false, "SD" },
        { EventPhase.Surge, UnderReview, Approve, false, "SD" },
        { EventPhase.Surge, UnderReview, Reject, false, "SD" },
        { EventPhase.Surge, UnderReview, Return, false, "SD" },
        { EventPhase.Surge, PendingApproval, Approve, true, "D" },
        { EventPhase.Surge, Approved, StartFulfilment, false, "OMSD" },
        { EventPhase.Surge, InProgress, Fulfil, false, "OMSD" },
        { EventPhase.Stabilized, PendingApproval, Approve, false, "SD" },
        { EventPhase.Stabilized, PendingApproval, Approve, true, "D" },
        { EventPhase.Baseline, Draft, Submit, false, "OMSD" },
        { EventPhase.Baseline, Draft, Adjust, false, "OMSD" },
        { EventPhase.Baseline, PendingApproval, Cancel, false, "MSD" },
        { EventPhase.Baseline, Approved, Cancel, false, "MSD" },
        { EventPhase.Baseline, PendingApproval, StartReview, false, "MSD" },
        { EventPhase.Baseline, PendingApproval, Approve, false, "MSD" },
        { EventPhase.Baseline, UnderReview, Reject, false, "MSD" },
        { EventPhase.Baseline, UnderReview, Return, false, "MSD" },
        { EventPhase.Baseline, PendingApproval, Approve, true, "SD" },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void The_role_matrix_decides_who_may_act(
        EventPhase phase, NeedsListStatus status, NeedsListAction action, bool escalated, string allowedLetters)
    {
        var list = List(phase, status, escalated);
        var wrong = new List<string>();

        foreach (var (letter, caller) in TestCallers.ByLetter)
        {
            var expected = allowedLetters.Contains(letter);
            var actual = Allowed(() => NeedsListAuthorization.EnsureAllowed(caller, action, list));
            if (expected != actual)
            {
                wrong.Add($"{caller.UserId}: expected {(expected ? "allowed" : "denied")}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void Officers_and_above_generate_needs_lists_and_nobody_else()
    {
        var allowed = TestCallers.ByLetter
            .Where(pair => Allowed(() => NeedsListAuthorization.EnsureCanGenerate(pair.Value)))
            .Select(pair => pair.Key);

        Assert.Equal("OMSD", string.Concat(allowed));
    }

    [Theory]
    [InlineData(Approve, "kemar created this needs list and may not approve it")]
    [InlineData(Reject, "kemar created this needs list and may not reject it")]
    [InlineData(Return, "kemar created this needs list and may not return it")]
    [InlineData(StartReview, "kemar created this needs list and may not review it")]
    public void The_creator_may_never_decide_on_their_own_list(NeedsListAction action, string message)
    {
        var creator = TestCallers.With("kemar", Role.DirectorGeneral);

        var error = Assert.Throws<PermissionDeniedException>(
            () => NeedsListAuthorization.EnsureAllowed(creator, action, List(EventPhase.Surge, PendingApproval)));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void The_submitter_may_never_approve_the_list()
    {
        var submitter = TestCallers.With("andrea", Role.DirectorGeneral);

        var error = Assert.Throws<PermissionDeniedException>(
            () => NeedsListAuthorization.EnsureAllowed(submitter, Approve, List(EventPhase.Baseline, UnderReview)));

        Assert.Equal("andrea submitted this needs list and may not approve it", error.Message);
    }

    [Fact]
    public void An_earlier_submitter_of_a_resubmitted_list_may_not_approve_it_either()
    {
        var list = List(EventPhase.Baseline, PendingApproval) with { Submitters = ["andrea", "marcus"] };

        Assert.Throws<PermissionDeniedException>(
            () => NeedsListAuthorization.EnsureAllowed(TestCallers.Manager, Approve, list));
    }

    [Fact]
    public void Separation_of_duties_ignores_the_case_of_user_ids()
    {
        var creator = TestCallers.With("KEMAR", Role.SeniorDirector);

        Assert.Throws<PermissionDeniedException>(
            () => NeedsListAuthorization.EnsureAllowed(creator, Approve, List(EventPhase.Surge, PendingApproval)));
    }

    [Fact]
    public void The_creator_may_cancel_their_own_draft()
    {
        var creator = TestCallers.With("kemar", Role.LogisticsOfficer);

        NeedsListAuthorization.EnsureAllowed(creator, Cancel, List(EventPhase.Surge, Draft));
    }

    [Fact]
    public void A_manager_is_told_which_role_a_surge_approval_needs()
    {
        var error = Assert.Throws<PermissionDeniedException>(
            () => NeedsListAuthorization.EnsureAllowed(TestCallers.Manager, Approve, List(EventPhase.Surge, PendingApproval)));

        Assert.Equal(
            "user marcus may not approve needs list NL-1-2-20250901-001: it needs the SENIOR_DIRECTOR role or above",
            error.Message);
    }

    [Fact]
    public void After_escalation_a_senior_director_is_told_the_list_now_needs_the_director_general()
    {
        var error = Assert.Throws<PermissionDeniedException>(() => NeedsListAuthorization.EnsureAllowed(
            TestCallers.SeniorDirector, Approve, List(EventPhase.Surge, PendingApproval, escalated: true)));

        Assert.Contains("it was escalated and now needs the DIRECTOR_GENERAL role or above", error.Message);
    }

    [Fact]
    public void An_administrator_is_told_it_is_not_in_the_operational_chain()
    {
        var error = Assert.Throws<PermissionDeniedException>(() => NeedsListAuthorization.EnsureAllowed(
            TestCallers.Administrator, Approve, List(EventPhase.Baseline, PendingApproval)));

        Assert.Contains("not in the operational chain", error.Message);
    }

    [Fact]
    public void An_administrator_who_is_also_a_senior_director_may_approve_as_senior_director()
    {
        var both = TestCallers.With("sam", Role.SystemAdministrator, Role.SeniorDirector);

        NeedsListAuthorization.EnsureAllowed(both, Approve, List(EventPhase.Surge, PendingApproval));
    }

    private static bool Allowed(Action check)
    {
        try
        {
            check();
            return true;
        }
        catch (PermissionDeniedException)
        {
            return false;
        }
    }
}
