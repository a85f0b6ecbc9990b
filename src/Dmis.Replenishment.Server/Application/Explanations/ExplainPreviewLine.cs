using Dmis.Replenishment.Data.Explanations;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Explanations;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.Server.Calculation;

namespace Dmis.Replenishment.Server.Application.Explanations;

/// <summary>A preview line to explain: the calculation PreviewNeedsList would run, and the item.</summary>
public sealed record PreviewLineQuery(int EventId, int WarehouseId, int ItemId, EventPhase? Phase, DateTime? AsOf);

/// <summary>
/// ExplainNeedsListLine for a preview line (SPEC 9): runs the preview's calculation, finds the item's line and
/// has the Domain explain it (<see cref="LineExplainer"/>) from the calculation's own input, with the evidence
/// the input does not carry (fulfilment lines of the window, inbound documents, which open lists hold what,
/// inactive warehouses). Any authenticated caller, as PreviewNeedsList.
/// </summary>
public sealed class ExplainPreviewLine(ReadConnections reads, CalculationGate calculationGate, TimeProvider time)
{
    public async Task<ExplainedLine> ExplainAsync(PreviewLineQuery query, FulfilmentPage page, CancellationToken cancellationToken)
    {
        var now = time.Now();
        var violations = new List<FieldViolation>();
        RequestRules.Positive(violations, query.EventId, "event_id");
        RequestRules.Positive(violations, query.WarehouseId, "warehouse_id");
        RequestRules.Positive(violations, query.ItemId, "item_id");
        RequestRules.NotInFuture(violations, query.AsOf, now, "as_of");
        RequestRules.ThrowIfAny(violations);

        var asOf = query.AsOf is { } given ? RequestRules.WholeSeconds(given) : now;
        using var calculationSlot = await calculationGate.EnterAsync(cancellationToken);
        var (connection, source) = await reads.OpenWithSourceAsync(cancellationToken);
        await using var _ = connection;
        var loaded = await CalculationInputLoader.LoadAsync(
            connection, null, source, new CalculationRequest(query.EventId, query.WarehouseId, query.Phase, asOf), cancellationToken);
        var result = loaded.Calculate();
        var line = result.Lines.FirstOrDefault(candidate => candidate.Item.ItemId == query.ItemId)
            ?? throw new NotFoundException(
                $"a needs-list line (event {query.EventId}, warehouse {query.WarehouseId}: items with a gap only) for item", query.ItemId);

        var input = loaded.Input;
        var header = result.Header;
        var burnRate = LineExplainer.BurnRate(BurnRateFacts.Of(line.Status, header.Freshness.Level, input.Parameters.DemandWindowHours, asOf));
        var evidence = await ExplanationReader.LoadCurrentEvidenceAsync(
            connection, query.EventId, query.WarehouseId, query.ItemId,
            NeedsListStateMachine.HoldingAllocations.Select(status => status.ToWord()).ToList(), cancellationToken);
        var fulfilment = await ExplanationReader.LoadFulfilmentLinesAsync(
            connection, query.EventId, query.WarehouseId, query.ItemId, burnRate.WindowStart, burnRate.WindowEnd,
            page.After, page.Limit, cancellationToken);

        var sources = LineExplainer.Sources(
            CandidateSources.From(input, line.Item, evidence.InactiveWarehouses, ByHolder(evidence.SourceHolds)), line.HorizonA.Sources);
        var pledges = LineExplainer.Pledges(CandidateSources.Pledges(input, query.ItemId, ByHolder(evidence.PledgeHolds)), line.HorizonB.Pledges);
        var context = new ExplanationContext(
            loaded.Event.EventId, header.Warehouse.WarehouseId, header.Warehouse.WarehouseName, header.Phase, header.Parameters, asOf,
            header.Freshness.Level, header.Warehouse.LastSyncDtime, header.Freshness.AgeHours, input.LeadTimes);
        return new ExplainedLine(
            context, new ExplainedFigures(line, null, null), burnRate, fulfilment, evidence.InboundDocuments, sources, pledges);
    }

    private static IReadOnlyDictionary<int, IReadOnlyList<ListHold>> ByHolder(IReadOnlyList<HoldRow> holds) =>
        holds.GroupBy(hold => hold.HolderId).ToDictionary(
            group => group.Key,
            group => (IReadOnlyList<ListHold>)group.Select(hold => new ListHold(hold.NeedsListId, hold.NeedsListNo, hold.Qty)).ToList());
}
