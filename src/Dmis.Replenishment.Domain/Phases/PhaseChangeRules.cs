using Dmis.Replenishment.Domain.Errors;

namespace Dmis.Replenishment.Domain.Phases;

/// <summary>When an event may move to another phase.</summary>
public static class PhaseChangeRules
{
    public const int MaxReasonLength = 255;

    /// <summary>The reason is checked first: it is the caller's input, whatever the event's state.</summary>
    public static void EnsureReasonGiven(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainValidationException("reason", "is required: say why the phase changes");
        }

        if (reason.Length > MaxReasonLength)
        {
            throw new DomainValidationException("reason", $"must be at most {MaxReasonLength} characters");
        }
    }

    public static void EnsureCanChange(int eventId, bool eventIsActive, EventPhase current, EventPhase requested)
    {
        if (!eventIsActive)
        {
            throw new PreconditionFailedException($"event {eventId} is closed: its phase can no longer change");
        }

        if (current == requested)
        {
            throw new PreconditionFailedException($"event {eventId} is already in phase {requested.ToWord()}");
        }
    }
}
