namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>One pledge's (donation line's) share of a line's horizon B.</summary>
public sealed record PledgeAllocation(int DonationId, string Description, decimal Qty);
