using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.NeedsLists;

/// <summary>
/// A needs_list_audit row a change appends (actor and moment are the change's). The rows about the
/// list's status, reminders, escalations, generation and adjustments are also its WatchNeedsListEvents
/// events: the database streams them from the audit table itself.
/// </summary>
public sealed record NeedsListAuditEntry(
    int? LineId, string ActionType, string? FieldName, string? OldValue, string? NewValue, string? ReasonCode, string? Notes);

/// <summary>A line's new adjustment and the split it re-ran to.</summary>
public sealed record LineAdjusted(int LineId, LineAdjustment Adjustment, LineSplit Split);

/// <summary>A line's new delivery progress.</summary>
public sealed record LineFulfilled(int LineId, decimal FulfilledQty, FulfillmentStatus Status);

/// <summary>
/// What one decision of a <see cref="NeedsListAggregate"/> changes, to be saved in one transaction when the list is
/// still at <see cref="ExpectedVersion"/>: the status (<see cref="From"/> to <see cref="To"/>; the columns
/// a status stamps follow from <see cref="To"/>), a line's adjustment with the list's new totals, lines'
/// fulfilment, and the audit rows. <see cref="DecisionReason"/>: the rejection or return reason column.
/// </summary>
public sealed record NeedsListChange(
    int NeedsListId,
    string NeedsListNo,
    int ExpectedVersion,
    NeedsListStatus From,
    NeedsListStatus To,
    string Actor,
    DateTime At,
    IReadOnlyList<NeedsListAuditEntry> Audit)
{
    public string? DecisionReason { get; init; }

    public LineAdjusted? Adjusted { get; init; }

    public NeedsListTotals.Totals? Totals { get; init; }

    public IReadOnlyList<LineFulfilled> Fulfilled { get; init; } = [];

    public bool ChangesStatus => From != To;

    /// <summary>
    /// True when the list's rows change (and its version moves on); false for a change that only appends
    /// audit rows (a reminder, an escalation) or changes nothing at all.
    /// </summary>
    public bool ChangesList => ChangesStatus || Adjusted is not null || Fulfilled.Count > 0;
}
