using Dmis.Replenishment.Domain.NeedsLists;

namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>What a needs list's horizon B draws from one pledge (a donation's line for an item).</summary>
public sealed record PledgeDraw(int DonationId, int ItemId, decimal Qty);

/// <summary>A draw a pledge can no longer give in full: it has only <see cref="AvailableQty"/> left.</summary>
public sealed record PledgeShortfall(int DonationId, int ItemId, decimal WantedQty, decimal AvailableQty);

/// <summary>
/// SPEC horizon B, "one pledge is never promised twice": before a list starts holding its draws (on
/// submission), every draw must still fit in what its pledge has left after the other open lists' draws.
/// </summary>
public static class PledgePromises
{
    /// <summary>Per item, what its pledges can still give (the dashboard's figure).</summary>
    public static IReadOnlyDictionary<int, decimal> AvailableByItem(IEnumerable<PledgeLine> pledges)
    {
        var byItem = new Dictionary<int, decimal>();
        foreach (var pledge in pledges)
        {
            byItem[pledge.ItemId] = byItem.GetValueOrDefault(pledge.ItemId) + PledgeCandidate.Available(pledge.PledgedQty, pledge.DrawnOpenQty);
        }

        return byItem;
    }

    /// <param name="draws">The list's own horizon-B split.</param>
    /// <param name="pledges">The event's pledges of those items, with what the OTHER open lists drew; a line
    /// missing here is no longer a pledge (verified, processed or removed) and has nothing left.</param>
    public static IReadOnlyList<PledgeShortfall> Shortfalls(IReadOnlyList<PledgeDraw> draws, IReadOnlyList<PledgeLine> pledges)
    {
        var available = pledges.ToDictionary(
            pledge => (pledge.DonationId, pledge.ItemId),
            pledge => PledgeCandidate.Available(pledge.PledgedQty, pledge.DrawnOpenQty));
        var shortfalls = new List<PledgeShortfall>();
        foreach (var draw in draws)
        {
            var left = available.GetValueOrDefault((draw.DonationId, draw.ItemId));
            if (draw.Qty > left)
            {
                shortfalls.Add(new PledgeShortfall(draw.DonationId, draw.ItemId, draw.Qty, left));
            }
        }

        return shortfalls;
    }
}
