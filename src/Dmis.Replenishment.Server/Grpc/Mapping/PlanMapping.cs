using Dmis.Replenishment.Domain.Planning;
using Dmis.Replenishment.Server.Application.Planning;
using Dmis.Replenishment.V1;
using DomainItemMultiplier = Dmis.Replenishment.Domain.Planning.ItemDemandMultiplier;
using DomainWhatIf = Dmis.Replenishment.Domain.Planning.WhatIfAssumptions;
using PlannedTransfer = Dmis.Replenishment.V1.PlannedTransfer;
using PlanTotals = Dmis.Replenishment.V1.PlanTotals;
using ProtoItemMultiplier = Dmis.Replenishment.V1.ItemDemandMultiplier;
using ProtoWhatIf = Dmis.Replenishment.V1.WhatIfAssumptions;
using UnpreventedStockout = Dmis.Replenishment.V1.UnpreventedStockout;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>The network plan and what-if assumptions between the contract and the Domain.</summary>
public static class PlanMapping
{
    /// <summary>The request's assumptions (absent: none); a malformed number is INVALID_ARGUMENT naming its field.</summary>
    public static DomainWhatIf ToDomain(this ProtoWhatIf? assumptions) => assumptions is null
        ? DomainWhatIf.None
        : new DomainWhatIf
        {
            DemandMultiplier = ProtoValues.ParseOptional(assumptions.DemandMultiplier, "assumptions.demand_multiplier") ?? 1m,
            ItemMultipliers = assumptions.ItemDemandMultipliers
                .Select((item, i) => new DomainItemMultiplier(
                    item.ItemId, ProtoValues.ParseRequired(item.Multiplier, $"assumptions.item_demand_multipliers[{i}].multiplier")))
                .ToList(),
            OfflineWarehouseIds = [.. assumptions.OfflineWarehouseIds],
            RouteLeadTimes = assumptions.RouteLeadTimes
                .Select(route => new RouteLeadTime(route.FromWarehouseId, route.ToWarehouseId, route.LeadTimeHours))
                .ToList(),
        };

    /// <summary>The assumptions as calculated under (the echo of a what-if answer).</summary>
    public static ProtoWhatIf ToProto(this DomainWhatIf assumptions)
    {
        var proto = new ProtoWhatIf { DemandMultiplier = assumptions.DemandMultiplier.ToProto() };
        proto.ItemDemandMultipliers.AddRange(assumptions.ItemMultipliers.Select(item => new ProtoItemMultiplier
        {
            ItemId = item.ItemId,
            Multiplier = item.Multiplier.ToProto(),
        }));
        proto.OfflineWarehouseIds.AddRange(assumptions.OfflineWarehouseIds);
        proto.RouteLeadTimes.AddRange(assumptions.RouteLeadTimes.Select(route => new RouteLeadTimeOverride
        {
            FromWarehouseId = route.FromWarehouseId,
            ToWarehouseId = route.ToWarehouseId,
            LeadTimeHours = route.LeadTimeHours,
        }));
        return proto;
    }

    public static EventReplenishmentPlan ToProto(this EventPlan eventPlan)
    {
        var plan = eventPlan.Plan;
        var proto = new EventReplenishmentPlan
        {
            EventId = eventPlan.Event.EventId,
            EventName = eventPlan.Event.EventName,
            Phase = eventPlan.Phase.ToProto(),
            Parameters = eventPlan.Parameters.ToProto(),
            AsOf = eventPlan.AsOf.ToTimestamp(),
            Totals = new PlanTotals
            {
                GapQty = plan.Totals.GapQty.ToProto(),
                HorizonAQty = plan.Totals.HorizonAQty.ToProto(),
                HorizonBQty = plan.Totals.HorizonBQty.ToProto(),
                HorizonCQty = plan.Totals.HorizonCQty.ToProto(),
                EstimatedValue = plan.Totals.EstimatedValue.ToProto(),
                WarehousesWithGap = plan.Totals.WarehousesWithGap,
                Lines = plan.Totals.Lines,
                Transfers = plan.Transfers.Count,
                UnpreventedStockouts = plan.Stockouts.Count,
            },
        };
        proto.Transfers.AddRange(plan.Transfers.Select(transfer => new PlannedTransfer
        {
            FromWarehouseId = transfer.FromWarehouseId,
            FromWarehouseName = transfer.FromWarehouseName,
            ToWarehouseId = transfer.ToWarehouseId,
            ToWarehouseName = transfer.ToWarehouseName,
            ItemId = transfer.Item.ItemId,
            ItemCode = transfer.Item.ItemCode,
            ItemName = transfer.Item.ItemName,
            Qty = transfer.Qty.ToProto(),
            LeadTimeHours = transfer.LeadTimeHours,
            ExpectedArrival = transfer.ExpectedArrival.ToTimestamp(),
        }));
        proto.Warehouses.AddRange(plan.Warehouses.Select(result =>
        {
            var header = result.Header;
            var warehouse = new WarehousePlan
            {
                WarehouseId = header.Warehouse.WarehouseId,
                WarehouseName = header.Warehouse.WarehouseName,
                Freshness = header.FreshnessToProto(),
                TotalGapQty = header.TotalGapQty.ToProto(),
                TotalEstimatedValue = header.TotalEstimatedValue.ToProto(),
                ItemsEvaluated = header.ItemsEvaluated,
                SufficientCoverageCount = header.SufficientCoverageCount,
            };
            warehouse.Lines.AddRange(result.Lines.Select(line => line.ToProto(header.Warehouse.WarehouseId)));
            warehouse.Warnings.AddRange(header.Warnings.Select(warning => warning.ToProto()));
            return warehouse;
        }));
        proto.Stockouts.AddRange(plan.Stockouts.Select(stockout => new UnpreventedStockout
        {
            WarehouseId = stockout.WarehouseId,
            WarehouseName = stockout.WarehouseName,
            ItemId = stockout.Item.ItemId,
            ItemCode = stockout.Item.ItemCode,
            ItemName = stockout.Item.ItemName,
            Severity = stockout.Severity.ToProto(),
            ProjectedStockout = stockout.ProjectedStockout.ToTimestamp(),
            EarliestArrival = stockout.EarliestArrival.ToTimestamp(),
        }));
        if (eventPlan.WhatIf.IsWhatIf)
        {
            proto.WhatIf = true;
            proto.Assumptions = eventPlan.WhatIf.ToProto();
        }

        return proto;
    }

    public static GeneratePlannedNeedsListsResponse ToProto(this PlannedGeneration generation)
    {
        var response = new GeneratePlannedNeedsListsResponse { Plan = generation.Plan.ToProto() };
        response.NeedsLists.AddRange(generation.Generated.Select(generated => generated.ToProto()));
        return response;
    }
}
