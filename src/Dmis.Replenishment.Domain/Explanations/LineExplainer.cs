using System.Globalization;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.Warnings;

namespace Dmis.Replenishment.Domain.Explanations;

/// <summary>
/// SPEC 9, "explain a line": replays the calculation's decisions for one line with their reasons. It decides
/// nothing anew: the burn rate's source comes from <see cref="BurnRateRules"/>, each source's figures from
/// <see cref="TransferableSurplus.Assess"/>, their order from <see cref="HorizonWaterfall.CompareForTransfer"/>
/// and <see cref="PledgeCandidate.CompareForDrawing"/>, and what each gave from the line's own horizon splits.
/// </summary>
public static class LineExplainer
{
    public static BurnRateExplanation BurnRate(BurnRateFacts facts)
    {
        var end = facts.StockedOutWindowEnd ?? facts.AsOf;
        var hours = facts.WindowHours;
        var measured = $"{Qty(facts.FulfilledQty)} units in {facts.FulfillmentCount} fulfilment line(s) / {hours} h = {Rate(facts.Rate)} units/h";
        var (rule, reason) = facts.Source switch
        {
            BurnRateSource.Estimated => (BurnRateRule.StockedOutWindow,
                $"Out of stock: an empty shelf dispatches nothing, so demand is measured over the {hours} h before the last dispatch at {CalculationWarnings.FormatMoment(end)}: {measured}."),
            BurnRateSource.Baseline when facts.StockedOut => (BurnRateRule.BaselineNeverDispatched,
                $"Out of stock and never dispatched from this warehouse for the event: the item's baseline rate, {Rate(facts.Rate)} units/h."),
            BurnRateSource.Baseline => (BurnRateRule.BaselineStaleData,
                $"Nothing fulfilled in the last {hours} h and the warehouse's data is {facts.Freshness.ToString().ToUpperInvariant()}: the item's baseline rate, {Rate(facts.Rate)} units/h."),
            _ when facts.Rate > 0m => (BurnRateRule.DemandInWindow, $"Fulfilled in the last {hours} h: {measured}."),
            _ => (BurnRateRule.NoCurrentDemand,
                $"Nothing fulfilled in the last {hours} h and the data is current: no current demand."),
        };
        return new BurnRateExplanation(rule, reason, end.AddHours(-hours), end, hours);
    }

    /// <summary>
    /// Every source considered, in the waterfall's order (those that could give first, by lead time, larger surplus,
    /// id; then the other eligible ones, then those left out, each by lead time and id), with what it gave (<paramref name="allocations"/>: the line's horizon-A split) or why not.
    /// </summary>
    public static IReadOnlyList<SourceVerdict> Sources(IReadOnlyList<CandidateSource> sources, IReadOnlyList<TransferAllocation> allocations)
    {
        var given = allocations.ToDictionary(allocation => allocation.WarehouseId, allocation => allocation.Qty);
        var givers = allocations.Select(allocation => $"{allocation.WarehouseName} ({allocation.LeadTimeHours} h)").ToList();
        return sources
            .OrderBy(source => Transferable(source) > 0m ? 0 : source.Exclusion == SourceExclusion.None ? 1 : 2)
            .ThenBy(source => source, Comparer<CandidateSource>.Create((x, y) => HorizonWaterfall.CompareForTransfer(AsCandidate(x), AsCandidate(y))))
            .Select(source => Verdict(source, given.GetValueOrDefault(source.WarehouseId), givers))
            .ToList();
    }

    /// <summary>Every pledge considered, oldest first, with what it gave (<paramref name="allocations"/>: the line's horizon-B split) or why not.</summary>
    public static IReadOnlyList<PledgeVerdict> Pledges(IReadOnlyList<CandidatePledge> pledges, IReadOnlyList<PledgeAllocation> allocations)
    {
        var given = allocations.ToDictionary(allocation => allocation.DonationId, allocation => allocation.Qty);
        return pledges
            .OrderBy(pledge => pledge, Comparer<CandidatePledge>.Create((x, y) => PledgeCandidate.CompareForDrawing(AsCandidate(x), AsCandidate(y))))
            .Select(pledge => Verdict(pledge, given.GetValueOrDefault(pledge.DonationId)))
            .ToList();
    }

    private static SourceVerdict Verdict(CandidateSource source, decimal givenQty, IReadOnlyList<string> givers)
    {
        var name = source.WarehouseName;
        switch (source.Exclusion)
        {
            case SourceExclusion.Inactive:
                return new(source, SourceOutcome.Inactive, 0m, $"{name} is inactive: inactive warehouses are never sources.");
            case SourceExclusion.StaleData:
                return new(source, SourceOutcome.Offline, 0m,
                    $"{name} is offline: its data is {CalculationWarnings.FormatHours(source.DataAgeHours ?? 0m)} hours old (LOW freshness); only warehouses with HIGH or MEDIUM data give.");
            case SourceExclusion.NeverSynced:
                return new(source, SourceOutcome.NeverSynced, 0m, $"{name} has never been synced: its stock is unknown, so it never gives.");
        }

        var assessment = source.Assessment ?? SourceAssessment.Of(0m, 0m, 0m, 0m);
        var figures = $"usable {Qty(assessment.UsableQty)}, keeps {Qty(assessment.FloorQty)} (the larger of its minimum threshold {Qty(assessment.MinThresholdQty)} and its own need {Qty(assessment.OwnRequiredQty)})";
        if (givenQty > 0m)
        {
            return new(source, SourceOutcome.Gave, givenQty,
                $"{name} gave {Qty(givenQty)} of its {Qty(assessment.TransferableQty)} transferable ({figures}{Held(source)}); lead time {source.LeadTimeHours} h.");
        }

        if (assessment.TransferableQty > 0m)
        {
            return new(source, SourceOutcome.NotNeeded, 0m,
                $"{name} could give {Qty(assessment.TransferableQty)} but was not needed: the gap was filled first by {string.Join(", ", givers)}, which come before it (shorter route, then larger surplus); its route takes {source.LeadTimeHours} h.");
        }

        if (assessment.SurplusQty > 0m)
        {
            return new(source, SourceOutcome.HeldByOpenLists, 0m,
                $"{name}'s surplus of {Qty(assessment.SurplusQty)} ({figures}) is held by open lists{Holders(source.Holds)}.");
        }

        return new(source, SourceOutcome.BelowFloor, 0m,
            assessment.UsableQty <= 0m ? $"{name} has no usable stock of it." : $"{name} is at or below its floor: {figures}.");
    }

    private static PledgeVerdict Verdict(CandidatePledge pledge, decimal givenQty)
    {
        var label = $"Pledge {pledge.DonationId} ({pledge.Description})";
        var drawn = pledge.DrawnOpenQty > 0m ? $"; open lists drew {Qty(pledge.DrawnOpenQty)}{Holders(pledge.Holds)}" : "";
        if (givenQty > 0m)
        {
            return new(pledge, PledgeOutcome.Gave, givenQty,
                $"{label} gave {Qty(givenQty)} of the {Qty(pledge.AvailableQty)} it had left (pledged {Qty(pledge.PledgedQty)}{drawn}).");
        }

        if (pledge.AvailableQty <= 0m)
        {
            return new(pledge, PledgeOutcome.DrawnByOpenLists, 0m, $"{label} has nothing left: pledged {Qty(pledge.PledgedQty)}{drawn}.");
        }

        return new(pledge, PledgeOutcome.NotNeeded, 0m,
            $"{label} had {Qty(pledge.AvailableQty)} left but was not needed: transfers and older pledges covered the gap.");
    }

    private static string Held(CandidateSource source) =>
        source.Assessment is { HeldQty: > 0m } assessment
            ? $", less {Qty(assessment.HeldQty)} held by open lists{Holders(source.Holds)}"
            : "";

    /// <summary>" (NL-1-2-20261204-001 holds 300)"; without the lists (a stored list keeps only the total), nothing.</summary>
    private static string Holders(IReadOnlyList<ListHold> holds) =>
        holds.Count == 0
            ? ""
            : $" ({string.Join(", ", holds.Select(hold => $"{hold.NeedsListNo} holds {Qty(hold.Qty)}"))})";

    private static decimal Transferable(CandidateSource source) =>
        source.Exclusion == SourceExclusion.None && source.Assessment is { } assessment ? assessment.TransferableQty : 0m;

    private static TransferCandidate AsCandidate(CandidateSource source) =>
        new(source.WarehouseId, source.WarehouseName, source.LeadTimeHours, Transferable(source));

    private static PledgeCandidate AsCandidate(CandidatePledge pledge) =>
        new(pledge.DonationId, pledge.Description, pledge.PledgedOn, pledge.AvailableQty);

    private static string Qty(decimal value) => Rounding.Quantity(value).ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Rate(decimal value) => Rounding.BurnRate(value).ToString("0.####", CultureInfo.InvariantCulture);
}
