using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;

namespace Dmis.Replenishment.Domain.Explanations;

/// <summary>
/// The sources and pledges a calculation considered for one item, with the figures the calculator decided on:
/// the same eligibility (<see cref="SourceEligibility"/>), freshness, lead time and transferable surplus
/// (<see cref="TransferableSurplus.Assess"/>) as <see cref="NeedsListCalculator"/>.
/// </summary>
public static class CandidateSources
{
    /// <param name="input">The calculation's input (its sources are the active warehouses but the target).</param>
    /// <param name="item">The line's item.</param>
    /// <param name="inactive">The inactive warehouses, which the calculation never reads as sources.</param>
    /// <param name="holds">Per source warehouse, the open lists holding part of its stock of the item.</param>
    public static IReadOnlyList<CandidateSource> From(
        CalculationInput input,
        ItemInput item,
        IReadOnlyList<SourceWarehouse> inactive,
        IReadOnlyDictionary<int, IReadOnlyList<ListHold>> holds)
    {
        var stock = input.SourceStock.Where(row => row.ItemId == item.ItemId).ToDictionary(row => row.WarehouseId);
        var candidates = new List<CandidateSource>(input.Sources.Count + inactive.Count);
        foreach (var source in input.Sources.Concat(inactive))
        {
            var freshness = FreshnessRules.Assess(source.LastSyncDtime, input.AsOf, input.Parameters);
            var exclusion = SourceEligibility.Check(source.WarehouseId, input.Warehouse.WarehouseId, source.IsActive, freshness.Level);
            if (exclusion == SourceExclusion.IsTarget)
            {
                continue;
            }

            var assessment = exclusion == SourceExclusion.None
                ? TransferableSurplus.Assess(
                    // Not read: no usable stock above its reservation there.
                    stock.GetValueOrDefault(source.WarehouseId) ?? new SourceItemStock { WarehouseId = source.WarehouseId, ItemId = item.ItemId },
                    item,
                    TransferableSurplus.EffectiveMinimumThreshold(item.MinStockThreshold, source.MinStockThreshold),
                    freshness.Level,
                    input.Parameters,
                    input.AsOf)
                : null;
            candidates.Add(new CandidateSource(
                source.WarehouseId,
                source.WarehouseName,
                exclusion,
                freshness.AgeHours,
                source.LeadTimeHours(input.LeadTimes),
                assessment,
                holds.GetValueOrDefault(source.WarehouseId) ?? []));
        }

        return candidates;
    }

    /// <param name="holds">Per donation, the open lists that drew on its line for the item.</param>
    public static IReadOnlyList<CandidatePledge> Pledges(
        CalculationInput input, int itemId, IReadOnlyDictionary<int, IReadOnlyList<ListHold>> holds) =>
        input.Pledges
            .Where(pledge => pledge.ItemId == itemId)
            .Select(pledge => new CandidatePledge(
                pledge.DonationId, pledge.Description, pledge.PledgedOn, pledge.PledgedQty, pledge.DrawnOpenQty,
                holds.GetValueOrDefault(pledge.DonationId) ?? []))
            .ToList();
}
