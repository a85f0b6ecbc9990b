using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Planning;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.V1;
using DomainPhase = Dmis.Replenishment.Domain.Phases.EventPhase;
using ProtoParameters = Dmis.Replenishment.V1.PhaseParameters;
using ProtoPledgeAllocation = Dmis.Replenishment.V1.PledgeAllocation;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>Calculated and stored needs lists as the contract's messages.</summary>
public static class NeedsListMapping
{
    public static NeedsListPreview ToProto(this NeedsListCalculation calculation)
    {
        var (calculationEvent, result) = (calculation.Event, calculation.Result);
        var header = result.Header;
        var preview = new NeedsListPreview
        {
            EventId = calculationEvent.EventId,
            EventName = calculationEvent.EventName,
            WarehouseId = header.Warehouse.WarehouseId,
            WarehouseName = header.Warehouse.WarehouseName,
            Phase = header.Phase.ToProto(),
            Parameters = header.Parameters.ToProto(),
            AsOf = header.AsOf.ToTimestamp(),
            Freshness = header.FreshnessToProto(),
            TotalGapQty = header.TotalGapQty.ToProto(),
            TotalEstimatedValue = header.TotalEstimatedValue.ToProto(),
            ItemsEvaluated = header.ItemsEvaluated,
            SufficientCoverageCount = header.SufficientCoverageCount,
        };
        preview.Lines.AddRange(result.Lines.Select(line => line.ToProto(header.Warehouse.WarehouseId)));
        preview.Warnings.AddRange(header.Warnings.Select(warning => warning.ToProto()));
        if (calculation.WhatIf is { IsWhatIf: true } whatIf)
        {
            preview.WhatIf = true;
            preview.Assumptions = whatIf.ToProto();
        }

        return preview;
    }

    /// <summary>The target's data freshness as a calculation saw it.</summary>
    public static DataFreshness FreshnessToProto(this CalculationHeader header) => new()
    {
        Level = header.Freshness.Level.ToProto(),
        LastSync = header.Warehouse.LastSyncDtime.ToTimestamp(),
        AgeHours = header.Freshness.AgeHours.ToProto(),
    };

    public static NeedsListLine ToProto(this CalculatedLine line, int warehouseId)
    {
        var (item, status) = (line.Item, line.Status);
        var proto = new NeedsListLine
        {
            ItemId = item.ItemId,
            ItemCode = item.ItemCode,
            ItemName = item.ItemName,
            UomCode = item.UomCode,
            Criticality = item.Criticality,
            WarehouseId = warehouseId,
            BurnRate = status.BurnRate.ToProto(),
            BurnRateSource = status.BurnRateSource.ToProto(),
            FulfilledQtyInWindow = status.Burn.FulfilledQty.ToProto(),
            FulfillmentCount = status.Burn.FulfillmentCount,
            DemandWindowEnd = status.Burn.StockedOutWindowEnd.ToTimestamp(),
            AvailableStock = status.AvailableQty.ToProto(),
            ReservedQty = status.ReservedQty.ToProto(),
            UsableStock = status.UsableQty.ToProto(),
            Inbound = status.Inbound.ToProto(),
            RequiredQty = status.RequiredQty.ToProto(),
            CoverageQty = status.CoverageQty.ToProto(),
            GapQty = status.GapQty.ToProto(),
            TimeToStockoutHours = status.TimeToStockoutHours.ToProto(),
            ProjectedStockout = line.ProjectedStockout.ToTimestamp(),
            Severity = status.Severity.ToProto(),
            HorizonA = line.HorizonA.ToProto(),
            HorizonB = line.HorizonB.ToProto(),
            HorizonC = line.HorizonC.ToProto(),
            HorizonASourceWarehouseId = line.MainSourceWarehouseId ?? 0,
            StockoutBeforeArrival = line.StockoutBeforeArrival,
            UnitValue = item.UnitValue.ToProto(),
            EstimatedValue = line.EstimatedValue.ToProto(),
        };
        proto.Warnings.AddRange(line.Warnings.Select(warning => warning.ToProto()));
        return proto;
    }

    private static Horizon ToProto(this HorizonPlan plan)
    {
        var horizon = new Horizon
        {
            // An empty horizon's quantity is a bare 0: quantities always travel with 2 places.
            Qty = Rounding.Quantity(plan.Qty).ToProto(),
            LeadTimeHours = plan.LeadTimeHours ?? 0,
            ExpectedArrival = plan.ExpectedArrival.ToTimestamp(),
            ArrivesAfterStockout = plan.ArrivesAfterStockout,
        };
        horizon.Sources.AddRange(plan.Sources.Select(source => new SourceAllocation
        {
            WarehouseId = source.WarehouseId,
            WarehouseName = source.WarehouseName,
            Qty = source.Qty.ToProto(),
            LeadTimeHours = source.LeadTimeHours,
            ExpectedArrival = source.ExpectedArrival.ToTimestamp(),
        }));
        horizon.Pledges.AddRange(plan.Pledges.Select(pledge => Pledge(pledge.DonationId, pledge.Description, pledge.Qty)));
        return horizon;
    }

    private static ProtoPledgeAllocation Pledge(int donationId, string description, decimal qty) =>
        new() { DonationId = donationId, Description = description, Qty = qty.ToProto() };

    /// <summary>A stored list with its lines (GetNeedsList, GenerateNeedsList).</summary>
    public static NeedsList ToProto(this StoredNeedsList stored)
    {
        var list = stored.Header.ToProto();
        list.Lines.AddRange(stored.Lines.Select(line => line.ToProto(stored)));
        return list;
    }

    /// <summary>
    /// GenerateNeedsList's answer: the new list (what it superseded in <c>retired_needs_lists</c>), or with
    /// sufficient coverage the calculation's header only, and the drafts it cancelled.
    /// </summary>
    public static NeedsList ToProto(this GenerateResult outcome)
    {
        var header = outcome.Calculation.Result.Header;
        var list = outcome.Created?.ToProto() ?? new NeedsList
        {
            EventId = outcome.Calculation.Event.EventId,
            WarehouseId = header.Warehouse.WarehouseId,
            WarehouseName = header.Warehouse.WarehouseName,
            Phase = header.Phase.ToProto(),
            CalculationTime = header.AsOf.ToTimestamp(),
            Parameters = header.Parameters.ToProto(),
            DataFreshness = header.Freshness.CalculationLevel.ToProto(),
            TotalGapQty = header.TotalGapQty.ToProto(),
            TotalEstimatedValue = header.TotalEstimatedValue.ToProto(),
        };
        list.GenerateOutcome = outcome.SufficientCoverage ? GenerateOutcome.SufficientCoverage : GenerateOutcome.Created;
        list.ItemsEvaluated = header.ItemsEvaluated;
        var to = outcome.SufficientCoverage ? V1.NeedsListStatus.Cancelled : V1.NeedsListStatus.Superseded;
        list.RetiredNeedsLists.AddRange(outcome.Retired.Select(retired => new RetiredNeedsList
        {
            NeedsListId = retired.NeedsListId,
            NeedsListNo = retired.NeedsListNo,
            FromStatus = NeedsListValueMapping.StatusWordToProto(retired.StatusCode),
            Status = to,
        }));
        return list;
    }

    /// <summary>A stored list's header; lines empty (ListNeedsLists).</summary>
    public static NeedsList ToProto(this NeedsListHeaderRow row)
    {
        DomainPhase? phase = EventPhaseWords.TryParse(row.EventPhase, out var parsed) ? parsed : null;
        return new NeedsList
        {
            NeedsListId = row.NeedsListId,
            NeedsListNo = row.NeedsListNo,
            EventId = row.EventId,
            WarehouseId = row.WarehouseId,
            WarehouseName = row.WarehouseName,
            Phase = PhaseMapping.PhaseWordToProto(row.EventPhase),
            Status = NeedsListValueMapping.StatusWordToProto(row.StatusCode),
            CalculationTime = row.CalculationDtime.ToTimestamp(),
            Parameters = new ProtoParameters
            {
                DemandWindowHours = row.DemandWindowHours,
                PlanningWindowHours = row.PlanningWindowHours,
                SafetyBufferPct = row.SafetyBufferPct.ToProto(),
                SafetyFactor = row.SafetyFactor.ToProto(),
                FreshnessThresholdHours = row.FreshnessThresholdHours ?? 0,
                StaleThresholdHours = row.StaleThresholdHours ?? 0,
            },
            DataFreshness = NeedsListValueMapping.FreshnessWordToProto(row.DataFreshnessLevel),
            TotalGapQty = row.TotalGapQty.ToProto(),
            TotalEstimatedValue = row.TotalEstimatedValue.ToProto(),
            Notes = row.NotesText ?? "",
            CreatedBy = row.CreateById,
            CreatedAt = row.CreateDtime.ToTimestamp(),
            SubmittedBy = row.SubmittedBy ?? "",
            SubmittedAt = row.SubmittedAt.ToTimestamp(),
            UnderReviewBy = row.UnderReviewBy ?? "",
            UnderReviewAt = row.UnderReviewAt.ToTimestamp(),
            ReviewedBy = row.ReviewedBy ?? "",
            ReviewedAt = row.ReviewedAt.ToTimestamp(),
            ApprovedBy = row.ApprovedBy ?? "",
            ApprovedAt = row.ApprovedAt.ToTimestamp(),
            RejectedBy = row.RejectedBy ?? "",
            RejectedAt = row.RejectedAt.ToTimestamp(),
            RejectionReason = row.RejectionReason ?? "",
            ReturnedBy = row.ReturnedBy ?? "",
            ReturnedAt = row.ReturnedAt.ToTimestamp(),
            ReturnedReason = row.ReturnedReason ?? "",
            CancelledBy = row.CancelledBy ?? "",
            CancelledAt = row.CancelledAt.ToTimestamp(),
            SupersededById = row.SupersededById ?? 0,
            SupersedesId = row.SupersedesId ?? 0,
            ApproverRole = phase is { } p ? ApprovalLevel.Required(p, row.Escalated).ToName() : "",
            Version = row.VersionNbr,
        };
    }

    internal static NeedsListLine ToProto(this NeedsListLineRow row, StoredNeedsList stored)
    {
        var header = stored.Header;
        var calculatedAt = header.CalculationDtime;
        var inbound = new InboundQuantities(row.InboundTransferQty, row.InboundDonationQty, row.InboundProcurementQty);
        var line = new NeedsListLine
        {
            ItemId = row.ItemId,
            ItemCode = row.ItemCode,
            ItemName = row.ItemName,
            UomCode = row.UomCode,
            Criticality = row.Criticality,
            WarehouseId = header.WarehouseId,
            BurnRate = row.BurnRate.ToProto(),
            BurnRateSource = NeedsListValueMapping.BurnRateSourceWordToProto(row.BurnRateSource),
            FulfilledQtyInWindow = row.FulfilledQtyInWindow.ToProto(),
            FulfillmentCount = row.FulfillmentCount ?? 0,
            DemandWindowEnd = row.DemandWindowEnd.ToTimestamp(),
            AvailableStock = row.AvailableStock.ToProto(),
            ReservedQty = row.ReservedQty.ToProto(),
            UsableStock = StockFormulas.UsableQty(row.AvailableStock, row.ReservedQty).ToProto(),
            Inbound = inbound.ToProto(),
            RequiredQty = row.RequiredQty.ToProto(),
            CoverageQty = row.CoverageQty.ToProto(),
            GapQty = row.GapQty.ToProto(),
            TimeToStockoutHours = row.TimeToStockoutHours.ToProto(),
            ProjectedStockout = row.ProjectedStockoutDtime.ToTimestamp(),
            Severity = NeedsListValueMapping.SeverityWordToProto(row.SeverityLevel),
            HorizonA = row.StoredHorizonA(stored, row.HorizonAQty, row.SplitQtys),
            HorizonB = row.StoredHorizonB(stored, row.HorizonBQty, row.PledgeQtys),
            HorizonC = Stored(row.HorizonCQty, row.HorizonCLeadTimeHours, row.HorizonCAfterStockout, calculatedAt),
            AdjustedHorizonA = row.AdjustedHorizonAQty is { } adjustedA
                ? row.StoredHorizonA(stored, adjustedA, row.AdjustedSplitQtys ?? row.SplitQtys)
                : null,
            AdjustedHorizonB = row.AdjustedHorizonBQty is { } adjustedB
                ? row.StoredHorizonB(stored, adjustedB, row.AdjustedPledgeQtys ?? row.PledgeQtys)
                : null,
            AdjustedHorizonC = row.AdjustedHorizonCQty is { } adjustedC
                ? Stored(adjustedC, row.HorizonCLeadTimeHours, row.HorizonCAfterStockout, calculatedAt)
                : null,
            HorizonASourceWarehouseId = row.HorizonASourceWarehouseId ?? 0,
            StockoutBeforeArrival = row.StockoutBeforeArrival,
            UnitValue = row.UnitValue.ToProto(),
            EstimatedValue = row.EstimatedValue.ToProto(),
            NeedsListItemId = row.NeedsListItemId,
            AdjustedQty = row.AdjustedQty.ToProto(),
            AdjustmentReason = NeedsListValueMapping.AdjustmentWordToProto(row.AdjustmentReason),
            AdjustmentNotes = row.AdjustmentNotes ?? "",
            AdjustedBy = row.AdjustedBy ?? "",
            AdjustedAt = row.AdjustedAt.ToTimestamp(),
        };
        line.AddFulfilment(row, stored);
        line.Warnings.AddRange(WarningsJson.Read(row.Warnings).Select(warning => warning.ToProto()));
        return line;
    }

    /// <summary>Horizon A of a stored line with <paramref name="qty"/>, each source with its share of <paramref name="shareQtys"/>.</summary>
    private static Horizon StoredHorizonA(this NeedsListLineRow row, StoredNeedsList stored, decimal qty, decimal[] shareQtys)
    {
        var horizon = Stored(qty, row.HorizonALeadTimeHours, row.HorizonAAfterStockout, stored.Header.CalculationDtime);
        horizon.Sources.AddRange(row.SplitWarehouseIds.Select((warehouseId, position) => new SourceAllocation
        {
            WarehouseId = warehouseId,
            WarehouseName = stored.SourceWarehouseNames[warehouseId],
            Qty = shareQtys[position].ToProto(),
            LeadTimeHours = row.SplitLeadTimeHours[position],
            ExpectedArrival = row.SplitArrivals[position].ToTimestamp(),
        }));
        return horizon;
    }

    /// <summary>Horizon B of a stored line with <paramref name="qty"/>, each pledge with its share of <paramref name="shareQtys"/>.</summary>
    private static Horizon StoredHorizonB(this NeedsListLineRow row, StoredNeedsList stored, decimal qty, decimal[] shareQtys)
    {
        var horizon = Stored(qty, row.HorizonBLeadTimeHours, row.HorizonBAfterStockout, stored.Header.CalculationDtime);
        horizon.Pledges.AddRange(row.PledgeDonationIds.Select((donationId, position) =>
            Pledge(donationId, stored.DonationDescriptions.GetValueOrDefault(donationId, ""), shareQtys[position])));
        return horizon;
    }

    /// <summary>A stored horizon: its arrival is the calculation moment plus its lead time, as when it was calculated.</summary>
    private static Horizon Stored(decimal qty, int? leadTimeHours, bool afterStockout, DateTime calculatedAt) => new()
    {
        Qty = qty.ToProto(),
        LeadTimeHours = leadTimeHours ?? 0,
        ExpectedArrival = leadTimeHours is { } hours && qty > 0m ? Hours.After(calculatedAt, hours).ToTimestamp() : null,
        ArrivesAfterStockout = afterStockout,
    };
}
