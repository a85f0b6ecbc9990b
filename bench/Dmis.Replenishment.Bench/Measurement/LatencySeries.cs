using System.Diagnostics;

namespace Dmis.Replenishment.Bench.Measurement;

/// <summary>Latencies of one series (ms) and their nearest-rank percentiles.</summary>
public sealed class LatencySeries
{
    private readonly List<double> samples = [];

    public int Count
    {
        get
        {
            lock (samples)
            {
                return samples.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (samples)
        {
            samples.Add(milliseconds);
        }
    }

    public void AddSince(long startTimestamp) => Add(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);

    public void AddRange(LatencySeries other)
    {
        double[] copy;
        lock (other.samples)
        {
            copy = [.. other.samples];
        }

        lock (samples)
        {
            samples.AddRange(copy);
        }
    }

    /// <summary>Nearest-rank percentile (p in 0..100); null when empty.</summary>
    public double? Percentile(double p)
    {
        double[] sorted;
        lock (samples)
        {
            if (samples.Count == 0)
            {
                return null;
            }

            sorted = [.. samples];
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 2);
    }

    public double? Mean()
    {
        lock (samples)
        {
            return samples.Count == 0 ? null : Math.Round(samples.Average(), 2);
        }
    }

    public double? Max()
    {
        lock (samples)
        {
            return samples.Count == 0 ? null : Math.Round(samples.Max(), 2);
        }
    }
}
