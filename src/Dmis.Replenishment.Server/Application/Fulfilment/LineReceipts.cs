using Dmis.Replenishment.Data.Fulfilment;
using Dmis.Replenishment.Domain.Fulfilment;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Server.Application.Fulfilment;

/// <summary>From a stored line's receipts to the Domain's view of its fulfilment.</summary>
public static class LineReceipts
{
    public static LineProgress Progress(this LineReceiptRow row, decimal? receivedC = null) => LineProgress.For(
        new HorizonQuantities(row.HorizonAQty, row.HorizonBQty, row.HorizonCQty),
        row.AdjustedQty,
        new HorizonQuantities(row.ReceivedAQty, row.ReceivedBQty, receivedC ?? row.ReceivedCQty),
        row.FulfillmentStatus == FulfillmentStatus.Cancelled.ToWord());
}
