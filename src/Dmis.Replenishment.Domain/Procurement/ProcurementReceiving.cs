using System.Globalization;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// Receiving goods against a SHIPPED or PARTIAL_RECEIVED procurement (SPEC 5). Each quantity
/// received now is &gt; 0 with at most 2 decimals, for an item on the procurement, at most once
/// per request, and received so far + now may not exceed the ordered quantity: that is
/// INVALID_ARGUMENT on <c>items[i].received_qty</c> naming the most that can still be received.
/// A line is PENDING with nothing received, PARTIAL below the ordered quantity, RECEIVED at it;
/// the header becomes RECEIVED when every line that is not CANCELLED is RECEIVED, else PARTIAL_RECEIVED.
/// </summary>
public static class ProcurementReceiving
{
    public static ProcurementLineStatus LineStatusOf(decimal receivedQty, decimal orderedQty) =>
        receivedQty >= orderedQty ? ProcurementLineStatus.Received
        : receivedQty > 0m ? ProcurementLineStatus.Partial
        : ProcurementLineStatus.Pending;

    /// <summary>
    /// Checks the status first (FAILED_PRECONDITION), then every receipt line (one
    /// <see cref="DomainValidationException"/> with all violations), then applies the receipt.
    /// </summary>
    public static ReceivingResult Receive(
        string procurementNo,
        ProcurementStatus current,
        IReadOnlyList<ReceivingLine> lines,
        IReadOnlyList<ReceiptQuantity> receipts)
    {
        // Throws unless SHIPPED or PARTIAL_RECEIVED (receipts of either kind start from the same statuses).
        _ = ProcurementStateMachine.Next(current, ProcurementAction.ReceivePart, procurementNo);

        var byItem = lines.ToDictionary(line => line.ItemId);
        var violations = new List<FieldViolation>();
        if (receipts.Count == 0)
        {
            violations.Add(new("items", "list at least one item received"));
        }

        var received = new Dictionary<int, ReceivedLine>();
        for (var i = 0; i < receipts.Count; i++)
        {
            var receipt = receipts[i];
            var field = $"items[{i}]";
            if (!byItem.TryGetValue(receipt.ItemId, out var line))
            {
                violations.Add(new($"{field}.item_id", $"item {receipt.ItemId} is not on procurement {procurementNo}"));
                continue;
            }

            if (line.Status == ProcurementLineStatus.Cancelled)
            {
                violations.Add(new($"{field}.item_id", $"the line for item {receipt.ItemId} is cancelled"));
                continue;
            }

            if (received.ContainsKey(receipt.ItemId))
            {
                violations.Add(new($"{field}.item_id", $"item {receipt.ItemId} is listed more than once"));
                continue;
            }

            var before = violations.Count;
            DecimalRules.CheckQuantity(violations, $"{field}.received_qty", receipt.Quantity, 0m, minimumExclusive: true);
            if (violations.Count > before)
            {
                continue;
            }

            var open = Math.Max(0m, line.OrderedQty - line.ReceivedQty);
            if (receipt.Quantity > open)
            {
                violations.Add(new($"{field}.received_qty",
                    $"at most {Format(open)} of item {receipt.ItemId} can still be received " +
                    $"(ordered {Format(line.OrderedQty)}, received so far {Format(line.ReceivedQty)})"));
                continue;
            }

            var total = Rounding.Quantity(line.ReceivedQty + receipt.Quantity);
            received[receipt.ItemId] = new(receipt.ItemId, Rounding.Quantity(receipt.Quantity), total, LineStatusOf(total, line.OrderedQty));
        }

        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        var complete = lines
            .Where(line => line.Status != ProcurementLineStatus.Cancelled)
            .All(line => (received.TryGetValue(line.ItemId, out var now) ? now.Status : LineStatusOf(line.ReceivedQty, line.OrderedQty))
                == ProcurementLineStatus.Received);
        var action = complete ? ProcurementAction.ReceiveAll : ProcurementAction.ReceivePart;
        var next = ProcurementStateMachine.Next(current, action, procurementNo);
        return new(next, [.. receipts.Select(receipt => received[receipt.ItemId])]);
    }

    private static string Format(decimal quantity) =>
        Rounding.Quantity(quantity).ToString(CultureInfo.InvariantCulture);
}
