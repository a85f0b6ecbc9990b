using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;

namespace Dmis.Replenishment.Domain.Explanations;

/// <summary>An open needs list holding part of a source's stock or of a pledge.</summary>
public sealed record ListHold(int NeedsListId, string NeedsListNo, decimal Qty);

/// <summary>
/// A warehouse horizon A considered for a line: why it was left out (<see cref="Exclusion"/>), or what it could give
/// (<see cref="Assessment"/>; null for an excluded one) and which open lists hold part of its stock.
/// </summary>
public sealed record CandidateSource(
    int WarehouseId,
    string WarehouseName,
    SourceExclusion Exclusion,
    decimal? DataAgeHours,
    int LeadTimeHours,
    SourceAssessment? Assessment,
    IReadOnlyList<ListHold> Holds);

/// <summary>A pledge horizon B considered for a line, with what open lists had drawn from it.</summary>
public sealed record CandidatePledge(
    int DonationId,
    string Description,
    DateTime PledgedOn,
    decimal PledgedQty,
    decimal DrawnOpenQty,
    IReadOnlyList<ListHold> Holds)
{
    public decimal AvailableQty => PledgeCandidate.Available(PledgedQty, DrawnOpenQty);
}

/// <summary>What a source did for a line.</summary>
public enum SourceOutcome
{
    Gave,
    NotNeeded,
    HeldByOpenLists,
    BelowFloor,
    Offline,
    NeverSynced,
    Inactive,
}

/// <summary>What a pledge did for a line.</summary>
public enum PledgeOutcome
{
    Gave,
    NotNeeded,
    DrawnByOpenLists,
}

public sealed record SourceVerdict(CandidateSource Source, SourceOutcome Outcome, decimal GivenQty, string Reason);

public sealed record PledgeVerdict(CandidatePledge Pledge, PledgeOutcome Outcome, decimal GivenQty, string Reason);
