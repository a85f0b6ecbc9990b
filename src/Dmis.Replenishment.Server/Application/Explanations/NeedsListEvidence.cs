using Dmis.Replenishment.Data.Explanations;
using Dmis.Replenishment.Domain.Explanations;
using Dmis.Replenishment.Domain.NeedsLists;

namespace Dmis.Replenishment.Server.Application.Explanations;

/// <summary>
/// What a generate keeps so that its lines can be explained later as they were (V18): the Domain's snapshot of
/// the sources (<see cref="CandidateSources.Snapshot"/>) and the line items' pledges, as parallel arrays.
/// </summary>
public static class NeedsListEvidence
{
    public static NewNeedsListEvidence From(CalculationInput input, CalculationResult result)
    {
        var lineItems = result.Lines.Select(line => line.Item.ItemId).ToHashSet();
        var snapshot = CandidateSources.Snapshot(input, lineItems);
        var pledges = input.Pledges.Where(pledge => lineItems.Contains(pledge.ItemId)).ToList();
        var stocked = snapshot.Stocked;
        return new NewNeedsListEvidence
        {
            HorizonALeadTimeHours = input.LeadTimes.HorizonAHours,
            HorizonBLeadTimeHours = input.LeadTimes.HorizonBHours,
            HorizonCLeadTimeHours = input.LeadTimes.HorizonCHours,
            ExcludedWarehouseIds = [.. snapshot.Excluded.Select(source => source.WarehouseId)],
            ExcludedDataAgeHours = [.. snapshot.Excluded.Select(source => source.DataAgeHours)],
            EligibleWarehouseIds = [.. snapshot.Eligible.Select(source => source.WarehouseId)],
            EligibleLeadTimeHours = [.. snapshot.Eligible.Select(source => source.LeadTimeHours)],
            SourceItemIds = [.. stocked.Select(row => row.ItemId)],
            SourceWarehouseIds = [.. stocked.Select(row => row.WarehouseId)],
            SourceUsableQtys = [.. stocked.Select(row => row.Assessment.UsableQty)],
            SourceThresholdQtys = [.. stocked.Select(row => row.Assessment.MinThresholdQty)],
            SourceOwnRequiredQtys = [.. stocked.Select(row => row.Assessment.OwnRequiredQty)],
            SourceHeldQtys = [.. stocked.Select(row => row.Assessment.HeldQty)],
            PledgeItemIds = [.. pledges.Select(pledge => pledge.ItemId)],
            PledgeDonationIds = [.. pledges.Select(pledge => pledge.DonationId)],
            PledgePledgedQtys = [.. pledges.Select(pledge => pledge.PledgedQty)],
            PledgeDrawnQtys = [.. pledges.Select(pledge => pledge.DrawnOpenQty)],
        };
    }
}
