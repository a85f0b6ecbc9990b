using Dmis.Replenishment.Domain.Errors;

namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// A lifecycle as one table of allowed moves. Anything not in the table is refused with a
/// <see cref="PreconditionFailedException"/> that names the current status, the requested
/// action and the statuses it is allowed from, e.g.
/// "needs list NL-1-2-20250901-001 is APPROVED; it cannot be submitted (allowed from DRAFT, RETURNED)".
/// </summary>
public sealed class TransitionTable<TStatus, TAction>
    where TStatus : struct, Enum
    where TAction : struct, Enum
{
    private readonly Dictionary<(TStatus From, TAction Action), TStatus> moves = [];
    private readonly string subject;
    private readonly Func<TStatus, string> statusWord;
    private readonly Func<TAction, string> participle;
    private readonly HashSet<TStatus> finalStatuses;

    /// <param name="subject">What the lifecycle belongs to, for messages ("needs list", "procurement").</param>
    /// <param name="transitions">Every allowed move; a (from, action) pair may appear once.</param>
    /// <param name="statusWord">The database word of a status (DRAFT, ...).</param>
    /// <param name="participle">The action as a past participle ("submitted", "put under review").</param>
    /// <param name="finalStatuses">Statuses nothing leaves; they must have no outgoing move.</param>
    public TransitionTable(
        string subject,
        IEnumerable<Transition<TStatus, TAction>> transitions,
        Func<TStatus, string> statusWord,
        Func<TAction, string> participle,
        IEnumerable<TStatus> finalStatuses)
    {
        this.subject = subject;
        this.statusWord = statusWord;
        this.participle = participle;
        this.finalStatuses = [.. finalStatuses];
        Transitions = [.. transitions];
        foreach (var transition in Transitions)
        {
            if (this.finalStatuses.Contains(transition.From))
            {
                throw new ArgumentException($"{statusWord(transition.From)} is final but has a move.", nameof(transitions));
            }

            if (!moves.TryAdd((transition.From, transition.Action), transition.To))
            {
                throw new ArgumentException(
                    $"{statusWord(transition.From)} + {transition.Action} appears twice.", nameof(transitions));
            }
        }
    }

    /// <summary>Every allowed move, in the order the table lists them.</summary>
    public IReadOnlyList<Transition<TStatus, TAction>> Transitions { get; }

    public IReadOnlySet<TStatus> FinalStatuses => finalStatuses;

    public bool IsFinal(TStatus status) => finalStatuses.Contains(status);

    public bool CanApply(TStatus current, TAction action) => moves.ContainsKey((current, action));

    public bool TryNext(TStatus current, TAction action, out TStatus next) => moves.TryGetValue((current, action), out next);

    /// <summary>The statuses from which <paramref name="action"/> is allowed, in enum order.</summary>
    public IReadOnlyList<TStatus> AllowedFrom(TAction action) =>
        [.. Enum.GetValues<TStatus>().Where(status => moves.ContainsKey((status, action)))];

    /// <summary>
    /// The status after <paramref name="action"/>, or a <see cref="PreconditionFailedException"/>
    /// naming <paramref name="number"/> (when given), the current status and where the action is allowed.
    /// </summary>
    public TStatus Next(TStatus current, TAction action, string? number = null)
    {
        if (moves.TryGetValue((current, action), out var next))
        {
            return next;
        }

        var who = string.IsNullOrWhiteSpace(number) ? $"this {subject}" : $"{subject} {number}";
        var state = IsFinal(current) ? $"{statusWord(current)}, which is final" : statusWord(current);
        var allowed = AllowedFrom(action);
        var where = allowed.Count == 0 ? "never allowed" : $"allowed from {string.Join(", ", allowed.Select(statusWord))}";
        throw new PreconditionFailedException($"{who} is {state}; it cannot be {participle(action)} ({where})");
    }
}
