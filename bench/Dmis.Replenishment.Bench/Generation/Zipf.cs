namespace Dmis.Replenishment.Bench.Generation;

/// <summary>
/// Zipf-distributed ranks 0..n-1 (rank r has weight 1 / (r+1)^s): a few ranks carry most of the mass.
/// Sampling is a binary search in the cumulative distribution.
/// </summary>
public sealed class Zipf
{
    private readonly double[] cumulative;

    public Zipf(int n, double exponent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        Probabilities = new double[n];
        cumulative = new double[n];
        var total = 0.0;
        for (var rank = 0; rank < n; rank++)
        {
            Probabilities[rank] = 1.0 / Math.Pow(rank + 1, exponent);
            total += Probabilities[rank];
        }

        var running = 0.0;
        for (var rank = 0; rank < n; rank++)
        {
            Probabilities[rank] /= total;
            running += Probabilities[rank];
            cumulative[rank] = running;
        }

        cumulative[n - 1] = 1.0;
    }

    /// <summary>Probability of each rank (sums to 1).</summary>
    public double[] Probabilities { get; }

    public int Sample(Random random)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return index >= 0 ? index : Math.Min(~index, cumulative.Length - 1);
    }
}
