namespace Dmis.Replenishment.Server.Options;

/// <summary>Per-user limit on mutating calls, per instance (section "RateLimiting").</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Mutating calls (those taking a request_id) one user may make per minute on this instance; 0 turns the limit off.</summary>
    public int MutationsPerMinute { get; set; } = 600;

    public IEnumerable<string> Problems()
    {
        if (MutationsPerMinute < 0)
        {
            yield return $"{Section}:MutationsPerMinute must be 0 (off) or a positive number, not {MutationsPerMinute}";
        }
    }
}
