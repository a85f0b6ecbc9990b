namespace Dmis.Replenishment.Server.Calculation;

/// <summary>Every calculation slot of this instance is busy and its queue is full (RESOURCE_EXHAUSTED, retry shortly).</summary>
public sealed class CalculationQueueFullException(int running, int queued)
    : Exception($"this instance is calculating {running} needs lists with {queued} more waiting; retry in a moment")
{
    /// <summary>How long a caller should wait before trying again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
}
