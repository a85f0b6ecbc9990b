using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class LineFulfilmentTests
{
    [Theory]
    [InlineData(0, 100, FulfillmentStatus.Pending)]
    [InlineData(0.01, 100, FulfillmentStatus.Partial)]
    [InlineData(99.99, 100, FulfillmentStatus.Partial)]
    [InlineData(100, 100, FulfillmentStatus.Fulfilled)]
    [InlineData(120, 100, FulfillmentStatus.Fulfilled)]
    [InlineData(0, 0, FulfillmentStatus.Fulfilled)]
    public void A_line_is_pending_partial_or_fulfilled_by_what_arrived_against_its_target(
        double fulfilled, double target, FulfillmentStatus expected)
    {
        Assert.Equal(expected, LineFulfilment.StatusOf((decimal)fulfilled, (decimal)target));
    }

    [Fact]
    public void The_target_is_the_adjusted_quantity_when_there_is_one_else_the_gap()
    {
        Assert.Equal(8300m, LineFulfilment.TargetQty(8300m, null));
        Assert.Equal(5000m, LineFulfilment.TargetQty(8300m, 5000m));
        Assert.Equal(0m, LineFulfilment.TargetQty(8300m, 0m));
    }

    [Fact]
    public void Receipts_add_to_the_fulfilled_quantity()
    {
        Assert.Equal(150.50m, LineFulfilment.AddReceived(100m, 50.5m));
    }

    [Fact]
    public void A_list_is_fulfilled_when_no_line_is_pending_or_partial()
    {
        Assert.True(LineFulfilment.IsListFulfilled([FulfillmentStatus.Fulfilled, FulfillmentStatus.Cancelled]));
        Assert.False(LineFulfilment.IsListFulfilled([FulfillmentStatus.Fulfilled, FulfillmentStatus.Partial]));
        Assert.False(LineFulfilment.IsListFulfilled([FulfillmentStatus.Pending]));
    }
}
