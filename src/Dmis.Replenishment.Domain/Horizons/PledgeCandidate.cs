namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>A pledge (donation line) horizon B may draw on, with what is still unpromised.</summary>
public readonly record struct PledgeCandidate(int DonationId, string Description, DateTime PledgedOn, decimal AvailableQty)
{
    /// <summary>SPEC horizon B: the pledge's quantity less what open needs lists already drew from it; never below 0.</summary>
    public static decimal Available(decimal pledgedQty, decimal drawnOpenQty) => Rounding.Quantity(pledgedQty - drawnOpenQty);

    /// <summary>Oldest pledge first, then by donation id.</summary>
    public static int CompareForDrawing(PledgeCandidate x, PledgeCandidate y)
    {
        var byAge = x.PledgedOn.CompareTo(y.PledgedOn);
        return byAge != 0 ? byAge : x.DonationId.CompareTo(y.DonationId);
    }
}
