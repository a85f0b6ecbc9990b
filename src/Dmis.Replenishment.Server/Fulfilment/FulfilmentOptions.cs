namespace Dmis.Replenishment.Server.Fulfilment;

/// <summary>Settings of needs-list fulfilment (section "Fulfilment").</summary>
public sealed class FulfilmentOptions
{
    public const string Section = "Fulfilment";

    /// <summary>
    /// Seconds between two fulfilment sweeps of this instance (Fulfilment:SweepSeconds, default 20), so a
    /// list completed by the DMIS main application's own writes becomes FULFILLED within a minute.
    /// 0 turns the sweep off on this instance; while several instances run, one sweeps at a time.
    /// </summary>
    public int SweepSeconds { get; set; } = 20;

    public IEnumerable<string> Problems()
    {
        if (SweepSeconds < 0)
        {
            yield return $"{Section}:SweepSeconds must be 0 (off) or a positive number of seconds, not {SweepSeconds}";
        }
    }
}
