namespace Dmis.Replenishment.Domain.Phases;

/// <summary>The phase an event is in (database words SURGE, STABILIZED, BASELINE).</summary>
public enum EventPhase
{
    Surge,
    Stabilized,
    Baseline,
}

/// <summary>Converts <see cref="EventPhase"/> to and from the database words.</summary>
public static class EventPhaseWords
{
    public static string ToWord(this EventPhase phase) => phase switch
    {
        EventPhase.Surge => "SURGE",
        EventPhase.Stabilized => "STABILIZED",
        EventPhase.Baseline => "BASELINE",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown event phase."),
    };

    /// <summary>Accepts the database words, ignoring case and surrounding blanks.</summary>
    public static bool TryParse(string? word, out EventPhase phase)
    {
        switch (word?.Trim().ToUpperInvariant())
        {
            case "SURGE": phase = EventPhase.Surge; return true;
            case "STABILIZED": phase = EventPhase.Stabilized; return true;
            case "BASELINE": phase = EventPhase.Baseline; return true;
            default: phase = default; return false;
        }
    }

    public static EventPhase Parse(string? word) =>
        TryParse(word, out var phase)
            ? phase
            : throw new FormatException($"'{word}' is not an event phase (SURGE, STABILIZED or BASELINE).");
}
