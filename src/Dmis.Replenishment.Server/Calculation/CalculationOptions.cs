namespace Dmis.Replenishment.Server.Calculation;

/// <summary>Settings of the calculation's upkeep (section "Calculation").</summary>
public sealed class CalculationOptions
{
    public const string Section = "Calculation";

    /// <summary>
    /// Seconds between two compactions of the trigger-maintained summaries (demand, V7; inbound, V8) by this instance
    /// (Calculation:SummaryCompactionSeconds, default 60). 0 turns compaction off on this instance;
    /// when several instances compact, one at a time does the work and the others skip that round.
    /// </summary>
    public int SummaryCompactionSeconds { get; set; } = 60;

    /// <summary>
    /// Previews and generates calculating at once on this instance (Calculation:MaxConcurrentCalculations,
    /// default twice the processor count); more wait their turn. Bounds the working set under load.
    /// </summary>
    public int MaxConcurrentCalculations { get; set; } = 2 * Environment.ProcessorCount;

    /// <summary>
    /// Calculations that may wait for a slot on this instance (Calculation:MaxQueuedCalculations, default 64);
    /// one more is refused with RESOURCE_EXHAUSTED and a retry hint, so overload fails fast instead of piling up.
    /// </summary>
    public int MaxQueuedCalculations { get; set; } = 64;

    public IEnumerable<string> Problems()
    {
        if (MaxConcurrentCalculations < 1)
        {
            yield return $"{Section}:MaxConcurrentCalculations must be at least 1, not {MaxConcurrentCalculations}";
        }

        if (MaxQueuedCalculations < 0)
        {
            yield return $"{Section}:MaxQueuedCalculations must be 0 (no waiting) or more, not {MaxQueuedCalculations}";
        }

        if (SummaryCompactionSeconds < 0)
        {
            yield return $"{Section}:SummaryCompactionSeconds must be 0 (off) or a positive number of seconds, not {SummaryCompactionSeconds}";
        }
    }
}
