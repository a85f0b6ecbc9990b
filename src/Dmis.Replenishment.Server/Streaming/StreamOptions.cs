namespace Dmis.Replenishment.Server.Streaming;

/// <summary>Settings of the resumable streams (section "Streams").</summary>
public sealed class StreamOptions
{
    public const string Section = "Streams";

    /// <summary>
    /// How far back a resume point may lie (Streams:ReplayWindowHours, default 168 = 7 days). An older one is
    /// refused with FAILED_PRECONDITION: the client re-reads the current state and watches from now.
    /// </summary>
    public int ReplayWindowHours { get; set; } = 168;

    public IEnumerable<string> Problems()
    {
        if (ReplayWindowHours <= 0)
        {
            yield return $"{Section}:ReplayWindowHours must be a positive number of hours, not {ReplayWindowHours}";
        }
    }
}
