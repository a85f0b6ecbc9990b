using Dmis.Replenishment.V1;

namespace Dmis.Replenishment.Bench.Measurement;

/// <summary>
/// How much of a list exercises issue 13's paths: lines of stocked-out items whose demand was measured
/// before their last dispatch (ESTIMATED), lines with a horizon-B split, and the pledges those draw on.
/// </summary>
public sealed record NewPathCounts(int StockedOutLines, int PledgeSplitLines, int PledgeDraws)
{
    public static NewPathCounts Of(IEnumerable<NeedsListLine> lines)
    {
        var all = lines.ToList();
        var pledged = all.Where(line => line.HorizonB?.Pledges.Count > 0).ToList();
        return new NewPathCounts(
            all.Count(line => line.BurnRateSource == BurnRateSource.Estimated),
            pledged.Count,
            pledged.Sum(line => line.HorizonB.Pledges.Count));
    }
}
