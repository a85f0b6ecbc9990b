using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Procurement;
using static Dmis.Replenishment.Domain.Procurement.ProcurementAction;
using static Dmis.Replenishment.Domain.Procurement.ProcurementStatus;

namespace Dmis.Replenishment.Domain.Tests.Procurement;

public class ProcurementStateMachineTests
{
    /// <summary>SPEC 5's lifecycle, written out independently of the table under test.</summary>
    public static TheoryData<ProcurementStatus, ProcurementAction, ProcurementStatus> AllowedMoves => new()
    {
        { Draft, UpdateDraft, Draft },
        { Draft, Submit, PendingApproval },
        { PendingApproval, Approve, Approved },
        { PendingApproval, Reject, Rejected },
        { Approved, MarkOrdered, Ordered },
        { Ordered, MarkShipped, Shipped },
        { Shipped, ReceivePart, PartialReceived },
        { Shipped, ReceiveAll, Received },
        { PartialReceived, ReceivePart, PartialReceived },
        { PartialReceived, ReceiveAll, Received },
        { Draft, Cancel, Cancelled },
        { PendingApproval, Cancel, Cancelled },
        { Approved, Cancel, Cancelled },
        { Ordered, Cancel, Cancelled },
    };

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Every_move_of_the_procurement_lifecycle_is_allowed(ProcurementStatus from, ProcurementAction action, ProcurementStatus to)
    {
        Assert.Equal(to, ProcurementStateMachine.Next(from, action, "PR-1-20250901-001"));
    }

    [Fact]
    public void Every_move_outside_the_lifecycle_is_refused()
    {
        var allowed = AllowedMoves.Select(row => ((ProcurementStatus)row[0], (ProcurementAction)row[1])).ToHashSet();

        foreach (var status in Enum.GetValues<ProcurementStatus>())
        {
            foreach (var action in Enum.GetValues<ProcurementAction>())
            {
                if (!allowed.Contains((status, action)))
                {
                    Assert.Throws<PreconditionFailedException>(() => ProcurementStateMachine.Next(status, action));
                }
            }
        }
    }

    [Theory]
    [InlineData(Shipped)]
    [InlineData(PartialReceived)]
    [InlineData(Received)]
    public void A_procurement_cannot_be_cancelled_once_shipped(ProcurementStatus status)
    {
        var error = Assert.Throws<PreconditionFailedException>(() => ProcurementStateMachine.Next(status, Cancel, "PR-1-20250901-001"));

        Assert.Contains("(allowed from DRAFT, PENDING_APPROVAL, APPROVED, ORDERED)", error.Message);
    }

    [Fact]
    public void The_refusal_names_both_the_status_and_the_action()
    {
        var error = Assert.Throws<PreconditionFailedException>(() => ProcurementStateMachine.Next(Approved, MarkShipped, "PR-1-20250901-001"));

        Assert.Equal("procurement PR-1-20250901-001 is APPROVED; it cannot be marked shipped (allowed from ORDERED)", error.Message);
    }

    [Fact]
    public void Goods_cannot_be_received_before_the_procurement_is_shipped()
    {
        Assert.Throws<PreconditionFailedException>(() => ProcurementStateMachine.Next(Ordered, ReceivePart));
    }

    [Theory]
    [InlineData(Rejected)]
    [InlineData(Received)]
    [InlineData(Cancelled)]
    public void Rejected_received_and_cancelled_are_final(ProcurementStatus status)
    {
        Assert.True(ProcurementStateMachine.IsFinal(status));
    }
}
