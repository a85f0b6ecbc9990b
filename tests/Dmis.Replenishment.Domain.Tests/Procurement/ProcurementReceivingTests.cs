using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Procurement;

namespace Dmis.Replenishment.Domain.Tests.Procurement;

public class ProcurementReceivingTests
{
    private const string Number = "PR-1-20250901-001";

    private static readonly ReceivingLine[] Lines =
    [
        new(10, 100m, 0m, ProcurementLineStatus.Pending),
        new(11, 50m, 20m, ProcurementLineStatus.Partial),
        new(12, 5m, 0m, ProcurementLineStatus.Cancelled),
    ];

    [Theory]
    [InlineData(0, 100, ProcurementLineStatus.Pending)]
    [InlineData(0.01, 100, ProcurementLineStatus.Partial)]
    [InlineData(100, 100, ProcurementLineStatus.Received)]
    public void A_line_is_pending_partial_or_received(double received, double ordered, ProcurementLineStatus expected)
    {
        Assert.Equal(expected, ProcurementReceiving.LineStatusOf((decimal)received, (decimal)ordered));
    }

    [Fact]
    public void A_receipt_that_leaves_something_open_makes_the_procurement_partially_received()
    {
        var result = ProcurementReceiving.Receive(Number, ProcurementStatus.Shipped, Lines, [new(10, 40m)]);

        Assert.Equal(ProcurementStatus.PartialReceived, result.NewStatus);
        Assert.Equal([new ReceivedLine(10, 40.00m, 40.00m, ProcurementLineStatus.Partial)], result.Lines);
        Assert.False(result.IsComplete);
    }

    [Fact]
    public void Receiving_everything_still_open_makes_it_received_ignoring_cancelled_lines()
    {
        var result = ProcurementReceiving.Receive(Number, ProcurementStatus.PartialReceived, Lines, [new(10, 100m), new(11, 30m)]);

        Assert.Equal(ProcurementStatus.Received, result.NewStatus);
        Assert.Equal(
            [new ReceivedLine(10, 100m, 100m, ProcurementLineStatus.Received), new ReceivedLine(11, 30m, 50m, ProcurementLineStatus.Received)],
            result.Lines);
    }

    [Fact]
    public void Receiving_more_than_was_ordered_is_refused_naming_the_most_that_can_still_come()
    {
        var error = Assert.Throws<DomainValidationException>(
            () => ProcurementReceiving.Receive(Number, ProcurementStatus.Shipped, Lines, [new(10, 10m), new(11, 30.01m)]));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("items[1].received_qty", violation.Field);
        Assert.Equal("at most 30.00 of item 11 can still be received (ordered 50.00, received so far 20.00)", violation.Description);
    }

    [Fact]
    public void Receiving_exactly_what_is_open_is_allowed()
    {
        var result = ProcurementReceiving.Receive(Number, ProcurementStatus.Shipped, Lines, [new(11, 30m)]);

        Assert.Equal(ProcurementLineStatus.Received, Assert.Single(result.Lines).Status);
    }

    [Fact]
    public void Bad_receipt_lines_are_all_reported()
    {
        var error = Assert.Throws<DomainValidationException>(() => ProcurementReceiving.Receive(
            Number, ProcurementStatus.Shipped, Lines, [new(99, 1m), new(12, 1m), new(10, 0m), new(11, 1.001m), new(11, 1m)]));

        Assert.Equal(
            ["items[0].item_id", "items[1].item_id", "items[2].received_qty", "items[3].received_qty"],
            error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void An_item_may_be_received_once_per_request()
    {
        var error = Assert.Throws<DomainValidationException>(
            () => ProcurementReceiving.Receive(Number, ProcurementStatus.Shipped, Lines, [new(10, 1m), new(10, 1m)]));

        Assert.Equal("items[1].item_id", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_receipt_needs_at_least_one_item()
    {
        var error = Assert.Throws<DomainValidationException>(() => ProcurementReceiving.Receive(Number, ProcurementStatus.Shipped, Lines, []));

        Assert.Equal("items", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData(ProcurementStatus.Approved)]
    [InlineData(ProcurementStatus.Ordered)]
    [InlineData(ProcurementStatus.Received)]
    [InlineData(ProcurementStatus.Cancelled)]
    public void Goods_are_received_only_against_a_shipped_or_partially_received_procurement(ProcurementStatus status)
    {
        var error = Assert.Throws<PreconditionFailedException>(
            () => ProcurementReceiving.Receive(Number, status, Lines, [new(10, 1m)]));

        Assert.Contains("(allowed from SHIPPED, PARTIAL_RECEIVED)", error.Message);
    }
}
