using Dmis.Replenishment.Data.Explanations;
using Dmis.Replenishment.Domain.Explanations;
using Dmis.Replenishment.Server.Application.Explanations;
using Dmis.Replenishment.V1;
using DomainBurnRateRule = Dmis.Replenishment.Domain.Explanations.BurnRateRule;
using DomainListHold = Dmis.Replenishment.Domain.Explanations.ListHold;
using DomainPledgeOutcome = Dmis.Replenishment.Domain.Explanations.PledgeOutcome;
using DomainSourceOutcome = Dmis.Replenishment.Domain.Explanations.SourceOutcome;
using ProtoBurnRateRule = Dmis.Replenishment.V1.BurnRateRule;
using ProtoListHold = Dmis.Replenishment.V1.ListHold;
using ProtoPledgeOutcome = Dmis.Replenishment.V1.PledgeOutcome;
using ProtoSourceOutcome = Dmis.Replenishment.V1.SourceOutcome;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>An explained line as the contract's <see cref="LineExplanation"/>.</summary>
public static class ExplanationMapping
{
    /// <param name="fulfilmentLines">The page of fulfilment lines to send.</param>
    /// <param name="nextPageToken">The token of the page after it, or "".</param>
    public static LineExplanation ToProto(this ExplainedLine explained, IReadOnlyList<FulfilmentLineRow> fulfilmentLines, string nextPageToken)
    {
        var context = explained.Context;
        var figures = explained.Line;
        var proto = new LineExplanation
        {
            Line = figures.PreviewLine?.ToProto(context.WarehouseId) ?? figures.StoredLine!.ToProto(figures.StoredList!),
            EventId = context.EventId,
            WarehouseId = context.WarehouseId,
            WarehouseName = context.WarehouseName,
            NeedsListId = context.NeedsListId ?? 0,
            NeedsListNo = context.NeedsListNo ?? "",
            Phase = context.Phase.ToProto(),
            Parameters = context.Parameters.ToProto(),
            AsOf = context.AsOf.ToTimestamp(),
            Freshness = new DataFreshness
            {
                Level = context.Freshness.ToProto(),
                LastSync = context.LastSync.ToTimestamp(),
                AgeHours = context.DataAgeHours.ToProto(),
            },
            HorizonALeadTimeHours = context.LeadTimes.HorizonAHours,
            HorizonBLeadTimeHours = context.LeadTimes.HorizonBHours,
            HorizonCLeadTimeHours = context.LeadTimes.HorizonCHours,
            BurnRate = explained.BurnRate.ToProto(),
            NextPageToken = nextPageToken,
        };
        proto.FulfilmentLines.AddRange(fulfilmentLines.Select(line => new FulfilmentLine
        {
            ReliefpkgId = line.ReliefpkgId,
            ReliefrqstId = line.ReliefrqstId,
            ItemId = line.ItemId,
            BatchId = line.BatchId,
            Qty = line.Qty.ToProto(),
            DispatchedAt = line.DispatchedAt.ToTimestamp(),
            PackageStatus = line.PackageStatus,
        }));
        proto.InboundDocuments.AddRange(explained.InboundDocuments.Select(document => new InboundDocument
        {
            SourceType = document.SourceType,
            DocumentId = document.DocumentId,
            Qty = document.Qty.ToProto(),
            ExpectedArrival = document.ExpectedArrival.ToTimestamp(),
        }));
        proto.Sources.AddRange(explained.Sources.Select(ToProto));
        proto.Pledges.AddRange(explained.Pledges.Select(ToProto));
        return proto;
    }

    private static BurnRateEvidence ToProto(this BurnRateExplanation explanation) => new()
    {
        Rule = explanation.Rule switch
        {
            DomainBurnRateRule.DemandInWindow => ProtoBurnRateRule.DemandInWindow,
            DomainBurnRateRule.NoCurrentDemand => ProtoBurnRateRule.NoCurrentDemand,
            DomainBurnRateRule.StockedOutWindow => ProtoBurnRateRule.StockedOutWindow,
            DomainBurnRateRule.BaselineStaleData => ProtoBurnRateRule.BaselineStaleData,
            DomainBurnRateRule.BaselineNeverDispatched => ProtoBurnRateRule.BaselineNeverDispatched,
            _ => ProtoBurnRateRule.Unspecified,
        },
        Reason = explanation.Reason,
        WindowStart = explanation.WindowStart.ToTimestamp(),
        WindowEnd = explanation.WindowEnd.ToTimestamp(),
        WindowHours = explanation.WindowHours,
    };

    private static SourceExplanation ToProto(SourceVerdict verdict)
    {
        var source = verdict.Source;
        var assessment = source.Assessment;
        var proto = new SourceExplanation
        {
            WarehouseId = source.WarehouseId,
            WarehouseName = source.WarehouseName,
            Outcome = verdict.Outcome switch
            {
                DomainSourceOutcome.Gave => ProtoSourceOutcome.Gave,
                DomainSourceOutcome.NotNeeded => ProtoSourceOutcome.NotNeeded,
                DomainSourceOutcome.HeldByOpenLists => ProtoSourceOutcome.HeldByOpenLists,
                DomainSourceOutcome.BelowFloor => ProtoSourceOutcome.BelowFloor,
                DomainSourceOutcome.Offline => ProtoSourceOutcome.Offline,
                DomainSourceOutcome.NeverSynced => ProtoSourceOutcome.NeverSynced,
                DomainSourceOutcome.Inactive => ProtoSourceOutcome.Inactive,
                _ => ProtoSourceOutcome.Unspecified,
            },
            Reason = verdict.Reason,
            GivenQty = verdict.GivenQty.ToProto(),
            LeadTimeHours = source.LeadTimeHours,
            DataAgeHours = source.DataAgeHours.ToProto(),
            UsableQty = assessment?.UsableQty.ToProto(),
            MinThresholdQty = assessment?.MinThresholdQty.ToProto(),
            OwnRequiredQty = assessment?.OwnRequiredQty.ToProto(),
            FloorQty = assessment?.FloorQty.ToProto(),
            HeldQty = assessment?.HeldQty.ToProto(),
            TransferableQty = assessment?.TransferableQty.ToProto(),
        };
        proto.Holds.AddRange(source.Holds.Select(ToProto));
        return proto;
    }

    private static PledgeExplanation ToProto(PledgeVerdict verdict)
    {
        var pledge = verdict.Pledge;
        var proto = new PledgeExplanation
        {
            DonationId = pledge.DonationId,
            Description = pledge.Description,
            PledgedOn = pledge.PledgedOn.ToTimestamp(),
            Outcome = verdict.Outcome switch
            {
                DomainPledgeOutcome.Gave => ProtoPledgeOutcome.Gave,
                DomainPledgeOutcome.NotNeeded => ProtoPledgeOutcome.NotNeeded,
                DomainPledgeOutcome.DrawnByOpenLists => ProtoPledgeOutcome.DrawnByOpenLists,
                _ => ProtoPledgeOutcome.Unspecified,
            },
            Reason = verdict.Reason,
            GivenQty = verdict.GivenQty.ToProto(),
            PledgedQty = pledge.PledgedQty.ToProto(),
            DrawnOpenQty = pledge.DrawnOpenQty.ToProto(),
            AvailableQty = pledge.AvailableQty.ToProto(),
        };
        proto.Holds.AddRange(pledge.Holds.Select(ToProto));
        return proto;
    }

    private static ProtoListHold ToProto(DomainListHold hold) =>
        new() { NeedsListId = hold.NeedsListId, NeedsListNo = hold.NeedsListNo, Qty = hold.Qty.ToProto() };
}
