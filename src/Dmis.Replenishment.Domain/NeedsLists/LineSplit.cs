namespace Dmis.Replenishment.Domain.NeedsLists;

/// <summary>One source warehouse's share of a stored line's horizon A, in allocation order.</summary>
public sealed record SourceShare(int WarehouseId, decimal Qty);

/// <summary>One pledge's (donation line's) share of a stored line's horizon B, in drawing order.</summary>
public sealed record PledgeShare(int DonationId, decimal Qty);

/// <summary>
/// How a stored line's quantity is split over the three horizons: the sources of A and the pledges of B
/// (each in the order the calculation took them) and what is left for C.
/// </summary>
public sealed record LineSplit(IReadOnlyList<SourceShare> Sources, IReadOnlyList<PledgeShare> Pledges, decimal HorizonCQty)
{
    public decimal HorizonAQty => Rounding.Quantity(Sources.Sum(source => source.Qty));

    public decimal HorizonBQty => Rounding.Quantity(Pledges.Sum(pledge => pledge.Qty));

    public decimal TotalQty => Rounding.Quantity(HorizonAQty + HorizonBQty + HorizonCQty);

    /// <summary>
    /// SPEC 4, Adjust: the waterfall run again for <paramref name="targetQty"/> over the same sources and
    /// pledges in the same order, each giving at most what it gave before. So a cut comes off C first,
    /// then off the last pledges, then off the last sources; an increase goes to C. Every share keeps its
    /// place (a share cut to nothing stays, at 0), so the adjusted split lines up with this one.
    /// </summary>
    public LineSplit Resplit(decimal targetQty)
    {
        var left = Rounding.Quantity(Math.Max(0m, targetQty));
        var sources = new List<SourceShare>(Sources.Count);
        foreach (var source in Sources)
        {
            var take = Math.Min(source.Qty, left);
            sources.Add(source with { Qty = take });
            left -= take;
        }

        var pledges = new List<PledgeShare>(Pledges.Count);
        foreach (var pledge in Pledges)
        {
            var take = Math.Min(pledge.Qty, left);
            pledges.Add(pledge with { Qty = take });
            left -= take;
        }

        return new LineSplit(sources, pledges, Rounding.Quantity(left));
    }
}
