namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>A stored procurement line before a receipt: what was ordered and received so far.</summary>
public sealed record ReceivingLine(int ItemId, decimal OrderedQty, decimal ReceivedQty, ProcurementLineStatus Status);

/// <summary>A quantity received now for one item (a request line).</summary>
public sealed record ReceiptQuantity(int ItemId, decimal Quantity);

/// <summary>
/// A line after a receipt: <see cref="ReceivedNow"/> is what to post to the target warehouse's
/// inventory and add to the needs-list line's fulfilled_qty; <see cref="ReceivedTotal"/> and
/// <see cref="Status"/> are the new received_qty and status_code.
/// </summary>
public sealed record ReceivedLine(int ItemId, decimal ReceivedNow, decimal ReceivedTotal, ProcurementLineStatus Status);

/// <summary>The outcome of a receipt: the new header status (PARTIAL_RECEIVED or RECEIVED) and the lines received now.</summary>
public sealed record ReceivingResult(ProcurementStatus NewStatus, IReadOnlyList<ReceivedLine> Lines)
{
    public bool IsComplete => NewStatus == ProcurementStatus.Received;
}
