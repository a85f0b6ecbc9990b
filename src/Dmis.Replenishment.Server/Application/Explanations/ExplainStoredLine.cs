using Dmis.Replenishment.Data.Explanations;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Explanations;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.NeedsLists;

namespace Dmis.Replenishment.Server.Application.Explanations;

/// <summary>
/// A stored line to explain: <see cref="NeedsListItemId"/>, or <see cref="NeedsListId"/> and <see cref="ItemId"/>.
/// <see cref="PreviewFieldsGiven"/> names the preview fields the request also set (an error: one line or the other).
/// </summary>
public sealed record StoredLineQuery(int NeedsListId, long NeedsListItemId, int ItemId, IReadOnlyList<string> PreviewFieldsGiven);

/// <summary>
/// ExplainNeedsListLine for a stored line (SPEC 9): explained from what its generate stored, never recomputed with
/// today's data: the burn-rate snapshot and its window, the splits, the parameters, and what V18 kept of the
/// sources and pledges (each source's usable stock, threshold, own need and open holds; each pledge's quantity
/// and open draws). The fulfilment lines of the stored window are re-read (legacy history). Which open lists held
/// what at generation is kept as a total only, and inbound documents are not kept. Any authenticated caller, as
/// GetNeedsList.
/// </summary>
public sealed class ExplainStoredLine(ReadConnections reads)
{
    public async Task<ExplainedLine> ExplainAsync(StoredLineQuery query, FulfilmentPage page, CancellationToken cancellationToken)
    {
        Validate(query);
        await using var connection = await reads.OpenAsync(cancellationToken);
        var (needsListId, itemId) = await LineOfAsync(connection, query, cancellationToken);
        var stored = await NeedsListStore.GetAsync(connection, null, needsListId, NeedsListAuditActions.EscalatedReasonCode, cancellationToken)
            ?? throw new NotFoundException("needs list", needsListId);
        var line = stored.Lines.FirstOrDefault(candidate => candidate.ItemId == itemId)
            ?? throw new NotFoundException($"a line of needs list {stored.Header.NeedsListNo} for item", itemId);

        var header = stored.Header;
        var freshness = FreshnessLevelWords.Parse(header.DataFreshnessLevel);
        var burnRate = LineExplainer.BurnRate(new BurnRateFacts(
            BurnRateSourceWords.Parse(line.BurnRateSource),
            line.BurnRate,
            line.FulfilledQtyInWindow ?? 0m,
            line.FulfillmentCount ?? 0,
            line.DemandWindowEnd,
            StockFormulas.UsableQty(line.AvailableStock, line.ReservedQty) <= 0m,
            freshness,
            header.DemandWindowHours,
            header.CalculationDtime));
        var fulfilment = await ExplanationReader.LoadFulfilmentLinesAsync(
            connection, header.EventId, header.WarehouseId, itemId, burnRate.WindowStart, burnRate.WindowEnd,
            page.After, page.Limit, cancellationToken);
        var evidence = await ExplanationReader.LoadStoredEvidenceAsync(connection, needsListId, itemId, cancellationToken);

        var allocations = line.SplitWarehouseIds.Select((warehouseId, position) => new TransferAllocation(
            warehouseId, stored.SourceWarehouseNames[warehouseId], line.SplitQtys[position], line.SplitLeadTimeHours[position],
            line.SplitArrivals[position])).ToList();
        var draws = line.PledgeDonationIds.Select((donationId, position) => new PledgeAllocation(
            donationId, stored.DonationDescriptions.GetValueOrDefault(donationId, ""), line.PledgeQtys[position])).ToList();
        var sources = LineExplainer.Sources(Sources(evidence), allocations);
        var pledges = LineExplainer.Pledges(
            evidence.Pledges.Select(pledge => new CandidatePledge(
                pledge.DonationId, pledge.Description, pledge.PledgedOn, pledge.PledgedQty, pledge.DrawnOpenQty, [])).ToList(),
            draws);

        var leadTimes = evidence.LeadTimes is var (a, b, c) ? new HorizonLeadTimes(a, b, c) : HorizonLeadTimes.Defaults;
        var parameters = new PhaseParameters(
            header.DemandWindowHours, header.PlanningWindowHours, header.SafetyBufferPct ?? 0m, header.SafetyFactor,
            header.FreshnessThresholdHours ?? PhaseParameters.DefaultFreshnessThresholdHours,
            header.StaleThresholdHours ?? PhaseParameters.DefaultStaleThresholdHours);
        var context = new ExplanationContext(
            header.EventId, header.WarehouseId, header.WarehouseName, EventPhaseWords.Parse(header.EventPhase), parameters,
            header.CalculationDtime, freshness, null, null, leadTimes, header.NeedsListId, header.NeedsListNo);
        return new ExplainedLine(
            context, new ExplainedFigures(null, stored, line), burnRate, fulfilment, [], sources, pledges);
    }

    private static void Validate(StoredLineQuery query)
    {
        var violations = new List<FieldViolation>();
        foreach (var field in query.PreviewFieldsGiven)
        {
            violations.Add(new(field, "names a preview line; a stored line is named by needs_list_id and item_id, or needs_list_item_id"));
        }

        RequestRules.OptionalId(violations, query.NeedsListId, "needs_list_id");
        RequestRules.OptionalId(violations, query.ItemId, "item_id");
        if (query.NeedsListItemId is < 0 or > int.MaxValue)
        {
            violations.Add(new("needs_list_item_id", "must be a positive id, or 0 with needs_list_id and item_id"));
        }
        else if (query.NeedsListItemId == 0 && query.ItemId == 0)
        {
            violations.Add(new("item_id", "must be given with needs_list_id (or name the line by needs_list_item_id)"));
        }

        RequestRules.ThrowIfAny(violations);
    }

    /// <summary>The line's list and item; a line id that contradicts the list or item given is not found.</summary>
    private static async Task<(int NeedsListId, int ItemId)> LineOfAsync(
        Npgsql.NpgsqlConnection connection, StoredLineQuery query, CancellationToken cancellationToken)
    {
        if (query.NeedsListItemId == 0)
        {
            return (query.NeedsListId, query.ItemId);
        }

        var line = await ExplanationReader.FindLineAsync(connection, query.NeedsListItemId, cancellationToken);
        return line is { } found
               && (query.NeedsListId == 0 || query.NeedsListId == found.NeedsListId)
               && (query.ItemId == 0 || query.ItemId == found.ItemId)
            ? found
            : throw new NotFoundException("needs-list line", query.NeedsListItemId);
    }

    /// <summary>The sources as generated: left out for their data, else eligible with the figures kept for the item (none kept: no usable stock).</summary>
    private static IReadOnlyList<CandidateSource> Sources(StoredEvidence evidence)
    {
        var figures = evidence.SourceFigures.ToDictionary(row => row.WarehouseId);
        return evidence.Sources.Select(source => new CandidateSource(
            source.WarehouseId,
            source.WarehouseName,
            !source.Eligible ? (source.DataAgeHours is null ? SourceExclusion.NeverSynced : SourceExclusion.StaleData) : SourceExclusion.None,
            source.DataAgeHours,
            source.LeadTimeHours,
            !source.Eligible ? null
                : figures.TryGetValue(source.WarehouseId, out var row)
                    ? SourceAssessment.Of(row.UsableQty, row.ThresholdQty, row.OwnRequiredQty, row.HeldQty)
                    : SourceAssessment.Of(0m, 0m, 0m, 0m),
            [])).ToList();
    }
}
