using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Workflow;
using static Dmis.Replenishment.Domain.Workflow.NeedsListAction;
using static Dmis.Replenishment.Domain.Workflow.NeedsListStatus;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class NeedsListStateMachineTests
{
    /// <summary>SPEC 4's diagram, written out independently of the table under test.</summary>
    public static TheoryData<NeedsListStatus, NeedsListAction, NeedsListStatus> AllowedMoves => new()
    {
        { Draft, Submit, PendingApproval },
        { Returned, Submit, PendingApproval },
        { PendingApproval, StartReview, UnderReview },
        { PendingApproval, Approve, Approved },
        { UnderReview, Approve, Approved },
        { PendingApproval, Reject, Rejected },
        { UnderReview, Reject, Rejected },
        { PendingApproval, Return, Returned },
        { UnderReview, Return, Returned },
        { Draft, Cancel, Cancelled },
        { Returned, Cancel, Cancelled },
        { PendingApproval, Cancel, Cancelled },
        { UnderReview, Cancel, Cancelled },
        { Approved, Cancel, Cancelled },
        { Draft, Supersede, Superseded },
        { Returned, Supersede, Superseded },
        { Approved, StartFulfilment, InProgress },
        { InProgress, StartFulfilment, InProgress },
        { InProgress, Fulfil, Fulfilled },
        { Draft, Adjust, Draft },
        { Returned, Adjust, Returned },
    };

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Every_move_of_the_workflow_diagram_is_allowed(NeedsListStatus from, NeedsListAction action, NeedsListStatus to)
    {
        Assert.True(NeedsListStateMachine.CanApply(from, action));
        Assert.Equal(to, NeedsListStateMachine.Next(from, action, "NL-1-1-20250901-001"));
    }

    [Fact]
    public void Every_move_outside_the_diagram_is_refused()
    {
        var allowed = AllowedMoves.Select(row => ((NeedsListStatus)row[0], (NeedsListAction)row[1])).ToHashSet();

        foreach (var status in Enum.GetValues<NeedsListStatus>())
        {
            foreach (var action in Enum.GetValues<NeedsListAction>())
            {
                if (!allowed.Contains((status, action)))
                {
                    Assert.False(NeedsListStateMachine.CanApply(status, action), $"{status} + {action}");
                    Assert.Throws<PreconditionFailedException>(() => NeedsListStateMachine.Next(status, action));
                }
            }
        }
    }

    [Theory]
    [InlineData(Approved, Submit)]
    [InlineData(PendingApproval, Submit)]
    [InlineData(Draft, Approve)]
    [InlineData(Returned, Approve)]
    [InlineData(Approved, Approve)]
    [InlineData(UnderReview, StartReview)]
    [InlineData(PendingApproval, Adjust)]
    [InlineData(Approved, Adjust)]
    [InlineData(InProgress, Cancel)]
    [InlineData(PendingApproval, Supersede)]
    [InlineData(Approved, Fulfil)]
    [InlineData(Draft, StartFulfilment)]
    public void A_sample_of_forbidden_moves_fails_as_a_precondition(NeedsListStatus from, NeedsListAction action)
    {
        Assert.Throws<PreconditionFailedException>(() => NeedsListStateMachine.Next(from, action));
    }

    [Fact]
    public void The_refusal_names_the_list_its_status_the_action_and_where_it_is_allowed()
    {
        var error = Assert.Throws<PreconditionFailedException>(
            () => NeedsListStateMachine.Next(Approved, Submit, "NL-1-2-20250901-001"));

        Assert.Equal(
            "needs list NL-1-2-20250901-001 is APPROVED; it cannot be submitted (allowed from DRAFT, RETURNED)",
            error.Message);
    }

    [Fact]
    public void The_refusal_says_when_the_status_is_final()
    {
        var error = Assert.Throws<PreconditionFailedException>(() => NeedsListStateMachine.Next(Rejected, Approve));

        Assert.Equal(
            "this needs list is REJECTED, which is final; it cannot be approved (allowed from PENDING_APPROVAL, UNDER_REVIEW)",
            error.Message);
    }

    [Theory]
    [InlineData(Rejected)]
    [InlineData(Fulfilled)]
    [InlineData(Cancelled)]
    [InlineData(Superseded)]
    public void Final_statuses_allow_no_action(NeedsListStatus status)
    {
        Assert.True(NeedsListStateMachine.IsFinal(status));
        Assert.All(Enum.GetValues<NeedsListAction>(), action => Assert.False(NeedsListStateMachine.CanApply(status, action)));
    }

    [Fact]
    public void An_approved_list_reaches_fulfilled_only_through_in_progress()
    {
        Assert.False(NeedsListStateMachine.CanApply(Approved, Fulfil));
        var inProgress = NeedsListStateMachine.Next(Approved, StartFulfilment);
        Assert.Equal(Fulfilled, NeedsListStateMachine.Next(inProgress, Fulfil));
    }

    [Fact]
    public void Cancel_is_allowed_from_exactly_the_statuses_the_spec_lists()
    {
        Assert.Equal([Draft, PendingApproval, UnderReview, Approved, Returned], NeedsListStateMachine.AllowedFrom(Cancel));
    }

    [Fact]
    public void Lists_awaiting_approval_are_pending_or_under_review()
    {
        Assert.True(NeedsListStateMachine.AwaitingApproval.SetEquals([PendingApproval, UnderReview]));
    }

    [Fact]
    public void Open_lists_that_hold_transfer_allocations_are_pending_under_review_approved_and_in_progress()
    {
        Assert.True(NeedsListStateMachine.HoldingAllocations.SetEquals([PendingApproval, UnderReview, Approved, InProgress]));
    }
}
