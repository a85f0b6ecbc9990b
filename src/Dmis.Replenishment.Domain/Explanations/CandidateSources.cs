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

    /// <summary>
    /// For a generate to keep (a stored line is explained from it later): the sources left out for their data,
    /// the eligible ones, and per line item every eligible source holding usable stock of it, with its figures.
    /// One pass over the input's source stock, whatever the number of lines.
    /// </summary>
    public static SourceSnapshot Snapshot(CalculationInput input, IReadOnlyCollection<int> lineItemIds)
    {
        var excluded = new List<CandidateSource>();
        var eligible = new Dictionary<int, (SourceWarehouse Warehouse, FreshnessLevel Freshness, int LeadTimeHours)>();
        foreach (var source in input.Sources)
        {
            var freshness = FreshnessRules.Assess(source.LastSyncDtime, input.AsOf, input.Parameters);
            var exclusion = SourceEligibility.Check(source.WarehouseId, input.Warehouse.WarehouseId, source.IsActive, freshness.Level);
            if (exclusion == SourceExclusion.None)
            {
                eligible.Add(source.WarehouseId, (source, freshness.Level, source.LeadTimeHours(input.LeadTimes)));
            }
            else if (exclusion != SourceExclusion.IsTarget)
            {
                excluded.Add(new CandidateSource(
                    source.WarehouseId, source.WarehouseName, exclusion, freshness.AgeHours, source.LeadTimeHours(input.LeadTimes), null, []));
            }
        }

        var items = input.Items.Where(item => lineItemIds.Contains(item.ItemId)).ToDictionary(item => item.ItemId);
        var stocked = new List<(int ItemId, int WarehouseId, SourceAssessment Assessment)>();
        foreach (var stock in input.SourceStock)
        {
            if (items.TryGetValue(stock.ItemId, out var item) && eligible.TryGetValue(stock.WarehouseId, out var source))
            {
                var threshold = TransferableSurplus.EffectiveMinimumThreshold(item.MinStockThreshold, source.Warehouse.MinStockThreshold);
                stocked.Add((stock.ItemId, stock.WarehouseId,
                    TransferableSurplus.Assess(stock, item, threshold, source.Freshness, input.Parameters, input.AsOf)));
            }
        }

        return new SourceSnapshot(
            excluded, eligible.Select(pair => (pair.Key, pair.Value.LeadTimeHours)).OrderBy(pair => pair.Key).ToList(), stocked);
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

/// <summary>
/// <see cref="CandidateSources.Snapshot"/>'s answer: the sources left out for their data, the eligible ones with their
/// lead time, and per (line item, eligible source with usable stock) the figures the calculation used.
/// </summary>
public sealed record SourceSnapshot(
    IReadOnlyList<CandidateSource> Excluded,
    IReadOnlyList<(int WarehouseId, int LeadTimeHours)> Eligible,
    IReadOnlyList<(int ItemId, int WarehouseId, SourceAssessment Assessment)> Stocked);
