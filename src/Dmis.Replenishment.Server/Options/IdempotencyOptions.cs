namespace Dmis.Replenishment.Server.Options;

/// <summary>How long request ids are remembered, and how often each instance forgets the old ones (section "Idempotency").</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>A retry with the same request_id within this many days returns the first result (default 7).</summary>
    public int RetentionDays { get; set; } = 7;

    /// <summary>Seconds between two prunes by this instance (default 3600); 0 turns pruning off here.</summary>
    public int PruneSeconds { get; set; } = 3600;

    /// <summary>Records deleted per statement, so a prune never holds many row locks at once.</summary>
    public int PruneBatchSize { get; set; } = 1000;

    public IEnumerable<string> Problems()
    {
        if (RetentionDays < 1)
        {
            yield return $"{Section}:RetentionDays must be at least 1, not {RetentionDays}";
        }

        if (PruneSeconds < 0)
        {
            yield return $"{Section}:PruneSeconds must be 0 (off) or a positive number of seconds, not {PruneSeconds}";
        }

        if (PruneBatchSize < 1)
        {
            yield return $"{Section}:PruneBatchSize must be at least 1, not {PruneBatchSize}";
        }
    }
}
