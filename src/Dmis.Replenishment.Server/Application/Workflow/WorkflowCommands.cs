namespace Dmis.Replenishment.Server.Application.Workflow;

/// <summary>
/// AdjustNeedsListLine's input. <paramref name="Reason"/> is the database word (DEMAND_ADJUSTED, ...),
/// null when the caller gave none, or the caller's unknown value as text (refused by the Domain).
/// </summary>
public sealed record AdjustLineCommand(
    int NeedsListId, int ItemId, decimal AdjustedQty, string? Reason, string? Notes, int ExpectedVersion);

public sealed record SubmitCommand(int NeedsListId, bool AcknowledgeStaleData, int ExpectedVersion);

/// <summary>
/// StartReview, Approve, Reject, Return and Cancel. <paramref name="Text"/>: the notes of an approval,
/// the reason of a rejection, return or cancellation (none for StartReview).
/// </summary>
public sealed record DecisionCommand(int NeedsListId, int ExpectedVersion, string? Text = null);
