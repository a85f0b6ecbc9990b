using Dmis.Replenishment.Data.Explanations;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain.Explanations;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Server.Application.Explanations;

/// <summary>A page of the fulfilment lines: after a position (null: the first page), at most <see cref="Limit"/> rows.</summary>
public sealed record FulfilmentPage(FulfilmentLinePosition? After, int Limit);

/// <summary>
/// What a line was calculated with: the event, the warehouse and its freshness, the phase, its parameters and
/// the default lead times, at <see cref="AsOf"/>; for a stored line, the list it belongs to.
/// </summary>
public sealed record ExplanationContext(
    int EventId,
    int WarehouseId,
    string WarehouseName,
    EventPhase Phase,
    PhaseParameters Parameters,
    DateTime AsOf,
    FreshnessLevel Freshness,
    DateTime? LastSync,
    decimal? DataAgeHours,
    HorizonLeadTimes LeadTimes,
    int? NeedsListId = null,
    string? NeedsListNo = null);

/// <summary>The line explained: a preview's calculated line, or a stored list's line (with its list, for the names of its splits).</summary>
public sealed record ExplainedFigures(CalculatedLine? PreviewLine, StoredNeedsList? StoredList, NeedsListLineRow? StoredLine);

/// <summary>A line explained: the line, what it was calculated with, and the Domain's explanation with its evidence.</summary>
public sealed record ExplainedLine(
    ExplanationContext Context,
    ExplainedFigures Line,
    BurnRateExplanation BurnRate,
    IReadOnlyList<FulfilmentLineRow> FulfilmentLines,
    IReadOnlyList<InboundDocumentRow> InboundDocuments,
    IReadOnlyList<SourceVerdict> Sources,
    IReadOnlyList<PledgeVerdict> Pledges);
