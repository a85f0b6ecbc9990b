namespace Dmis.Replenishment.Server.Workflow;

/// <summary>Settings of the needs-list workflow (section "Workflow").</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>
    /// Seconds between two escalation sweeps of this instance (Workflow:EscalationSweepSeconds, default 60).
    /// 0 turns the sweep off on this instance; every instance may sweep, they never duplicate a step.
    /// </summary>
    public int EscalationSweepSeconds { get; set; } = 60;

    /// <summary>Lists locked and decided per sweep transaction (Workflow:EscalationBatchSize, default 100).</summary>
    public int EscalationBatchSize { get; set; } = 100;

    public IEnumerable<string> Problems()
    {
        if (EscalationSweepSeconds < 0)
        {
            yield return $"{Section}:EscalationSweepSeconds must be 0 (off) or a positive number of seconds, not {EscalationSweepSeconds}";
        }

        if (EscalationBatchSize <= 0)
        {
            yield return $"{Section}:EscalationBatchSize must be positive, not {EscalationBatchSize}";
        }
    }
}
