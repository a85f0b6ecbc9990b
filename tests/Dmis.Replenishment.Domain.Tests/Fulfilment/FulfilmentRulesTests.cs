using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Fulfilment;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Fulfilment;

public class FulfilmentRulesTests
{
    private static readonly HorizonQuantities Split = new(100m, 50m, 30m);

    [Fact]
    public void Without_an_adjustment_fulfilment_is_measured_against_the_calculated_split()
    {
        Assert.Equal(Split, FulfilmentTargets.Of(Split, null));
    }

    [Theory]
    [InlineData(160, 100, 50, 10)] // a cut comes off C first
    [InlineData(120, 100, 20, 0)] // then B
    [InlineData(40, 40, 0, 0)] // then A
    [InlineData(0, 0, 0, 0)]
    [InlineData(200, 100, 50, 50)] // an increase goes to C
    public void An_adjusted_line_is_measured_against_the_split_the_adjustment_leaves(
        double adjusted, double a, double b, double c)
    {
        Assert.Equal(new HorizonQuantities((decimal)a, (decimal)b, (decimal)c), FulfilmentTargets.Of(Split, (decimal)adjusted));
    }

    [Theory]
    [InlineData(0, 0, 0, FulfillmentStatus.Pending)]
    [InlineData(100, 0, 0, FulfillmentStatus.Partial)]
    [InlineData(100, 50, 29.99, FulfillmentStatus.Partial)]
    [InlineData(100, 50, 30, FulfillmentStatus.Fulfilled)]
    [InlineData(120, 60, 30, FulfillmentStatus.Fulfilled)]
    [InlineData(500, 0, 30, FulfillmentStatus.Partial)] // more of A does not make up for B
    public void A_line_is_fulfilled_when_every_horizon_received_its_target_and_partial_when_anything_arrived(
        double a, double b, double c, FulfillmentStatus expected)
    {
        var progress = LineProgress.Of(Split, new((decimal)a, (decimal)b, (decimal)c));

        Assert.Equal(expected, progress.Status);
    }

    [Fact]
    public void Each_horizon_has_its_own_status()
    {
        var progress = LineProgress.Of(Split, new(100m, 20m, 0m));

        Assert.Equal(
            (FulfillmentStatus.Fulfilled, FulfillmentStatus.Partial, FulfillmentStatus.Pending, 120.00m),
            (progress.A.Status, progress.B.Status, progress.C.Status, progress.Received));
    }

    [Fact]
    public void A_horizon_without_a_quantity_is_fulfilled_and_a_line_adjusted_to_nothing_is_fulfilled()
    {
        Assert.Equal(FulfillmentStatus.Fulfilled, LineProgress.Of(new(0m, 0m, 30m), new(0m, 0m, 30m)).Status);
        Assert.Equal(FulfillmentStatus.Fulfilled, LineProgress.For(Split, 0m, default, cancelled: false).Status);
    }

    [Fact]
    public void A_list_is_done_when_every_line_is_fulfilled_or_cancelled()
    {
        var fulfilled = LineProgress.Of(Split, Split);
        var cancelled = LineProgress.Of(Split, default, cancelled: true);
        var partial = LineProgress.Of(Split, new(100m, 0m, 0m));

        Assert.True(LineProgress.AllDone([fulfilled, cancelled]));
        Assert.False(LineProgress.AllDone([fulfilled, partial]));
    }

    [Theory]
    [InlineData(TransferStatus.Pending, TransferStep.Dispatch, TransferStatus.Dispatched)]
    [InlineData(TransferStatus.Dispatched, TransferStep.Receive, TransferStatus.Completed)]
    public void A_transfer_is_dispatched_when_pending_and_received_when_dispatched(
        TransferStatus current, TransferStep step, TransferStatus expected)
    {
        Assert.Equal(expected, TransferMovement.Next(7, current, step));
    }

    [Theory]
    [InlineData(TransferStatus.Dispatched, TransferStep.Dispatch, "dispatched (D)")]
    [InlineData(TransferStatus.Completed, TransferStep.Dispatch, "completed (C)")]
    [InlineData(TransferStatus.Pending, TransferStep.Receive, "pending (P)")]
    [InlineData(TransferStatus.Completed, TransferStep.Receive, "completed (C)")]
    [InlineData(TransferStatus.Verified, TransferStep.Receive, "verified (V)")]
    public void Any_other_transfer_step_is_refused_naming_the_state(TransferStatus current, TransferStep step, string state)
    {
        var error = Assert.Throws<PreconditionFailedException>(() => TransferMovement.Next(7, current, step));

        Assert.Contains($"transfer 7 is {state}", error.Message);
    }

    [Fact]
    public void A_transfer_cannot_leave_a_batch_that_no_longer_holds_its_quantity_beyond_reservations()
    {
        TransferMovement.EnsureStockToDispatch(7, [new DispatchLine(1, 11, 80m, 100m, 20m)]);

        var error = Assert.Throws<PreconditionFailedException>(() =>
            TransferMovement.EnsureStockToDispatch(7, [new DispatchLine(1, 11, 80.01m, 100m, 20m)]));
        Assert.Contains("batch 11 of item 1 holds 80.00 free", error.Message);
    }
}
