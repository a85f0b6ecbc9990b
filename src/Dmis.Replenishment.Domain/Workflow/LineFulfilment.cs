namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// Delivery progress of needs-list lines. A line's target is its approved quantity: the
/// adjusted quantity when it was adjusted, else its gap. Receipts add to fulfilled_qty
/// (never capped: more may arrive than was asked for).
/// </summary>
public static class LineFulfilment
{
    /// <summary>adjusted_qty when set, else gap_qty.</summary>
    public static decimal TargetQty(decimal gapQty, decimal? adjustedQty) => adjustedQty ?? gapQty;

    /// <summary>
    /// PENDING while nothing arrived, PARTIAL while below the target, FULFILLED at or above it.
    /// A line whose target is 0 (adjusted to nothing) is FULFILLED: nothing is outstanding.
    /// </summary>
    public static FulfillmentStatus StatusOf(decimal fulfilledQty, decimal targetQty)
    {
        if (fulfilledQty >= targetQty)
        {
            return FulfillmentStatus.Fulfilled;
        }

        return fulfilledQty > 0m ? FulfillmentStatus.Partial : FulfillmentStatus.Pending;
    }

    /// <summary>The fulfilled quantity after a receipt of <paramref name="receivedNow"/> (2 places).</summary>
    public static decimal AddReceived(decimal fulfilledQty, decimal receivedNow) =>
        Rounding.Quantity(fulfilledQty + receivedNow);

    /// <summary>
    /// True when no line is PENDING or PARTIAL (FULFILLED and CANCELLED lines are done); then an
    /// IN_PROGRESS list may be marked FULFILLED. A list without lines has nothing outstanding.
    /// </summary>
    public static bool IsListFulfilled(IEnumerable<FulfillmentStatus> lineStatuses) =>
        lineStatuses.All(status => status is FulfillmentStatus.Fulfilled or FulfillmentStatus.Cancelled);
}
