using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Fulfilment;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.V1;
using DomainFulfillmentStatus = Dmis.Replenishment.Domain.Workflow.FulfillmentStatus;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>A stored line's fulfilment, per horizon and over the line, from what it received (SPEC 4).</summary>
internal static class FulfilmentMapping
{
    public static void AddFulfilment(this NeedsListLine line, NeedsListLineRow row, StoredNeedsList stored)
    {
        var received = stored.Received.GetValueOrDefault(row.NeedsListItemId);
        var progress = LineProgress.For(
            new HorizonQuantities(row.HorizonAQty, row.HorizonBQty, row.HorizonCQty),
            row.AdjustedQty,
            received is null ? default : new HorizonQuantities(received.ReceivedAQty, received.ReceivedBQty, received.ReceivedCQty),
            row.FulfillmentStatus == DomainFulfillmentStatus.Cancelled.ToWord());
        Fill(line.HorizonA, progress.A);
        Fill(line.HorizonB, progress.B);
        Fill(line.HorizonC, progress.C);
        line.FulfilledQty = progress.Received.ToProto();
        line.FulfillmentStatus = NeedsListValueMapping.FulfillmentWordToProto(progress.Status.ToWord());
    }

    private static void Fill(Horizon horizon, HorizonProgress progress)
    {
        horizon.TargetQty = Rounding.Quantity(progress.Target).ToProto();
        horizon.FulfilledQty = Rounding.Quantity(progress.Received).ToProto();
        horizon.FulfillmentStatus = NeedsListValueMapping.FulfillmentWordToProto(progress.Status.ToWord());
    }
}
