namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>One allowed move: in status <see cref="From"/>, <see cref="Action"/> leads to <see cref="To"/>.</summary>
public sealed record Transition<TStatus, TAction>(TStatus From, TAction Action, TStatus To)
    where TStatus : struct, Enum
    where TAction : struct, Enum;
