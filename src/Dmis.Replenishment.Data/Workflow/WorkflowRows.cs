namespace Dmis.Replenishment.Data.Workflow;

/// <summary>
/// What the workflow needs of a needs list, read while its row is locked: the header, the
/// warehouse's last sync and the thresholds of the list's phase for that event (null when the
/// event has no active configuration row for it: the SPEC defaults apply).
/// </summary>
public sealed class WorkflowListRow
{
    public int NeedsListId { get; init; }
    public string NeedsListNo { get; init; } = "";
    public int EventId { get; init; }
    public int WarehouseId { get; init; }
    public string WarehouseName { get; init; } = "";
    public DateTime? LastSyncDtime { get; init; }
    public string EventPhase { get; init; } = "";
    public string StatusCode { get; init; } = "";
    public string CreateById { get; init; } = "";
    public string? SubmittedBy { get; init; }
    public DateTime? SubmittedAt { get; init; }
    public int VersionNbr { get; init; }
    public int? FreshnessThresholdHours { get; init; }
    public int? StaleThresholdHours { get; init; }

    /// <summary>An escalation was audited since the latest submission.</summary>
    public bool Escalated { get; init; }
}

/// <summary>A locked list and everyone who ever submitted it (current submitter and the SUBMITTED audit rows).</summary>
public sealed record LockedNeedsList(WorkflowListRow List, IReadOnlyList<string> Submitters);

/// <summary>A line as the adjustment needs it: its calculated gap, current adjustment and unit value (null when unknown).</summary>
public sealed class WorkflowLineRow
{
    public int NeedsListItemId { get; init; }
    public int ItemId { get; init; }
    public decimal GapQty { get; init; }
    public decimal? AdjustedQty { get; init; }
    public decimal? UnitValue { get; init; }
}

/// <summary>The new adjusted fields of one line and the list's recomputed totals.</summary>
public sealed record LineAdjustmentWrite(
    int NeedsListId,
    int NeedsListItemId,
    int ExpectedVersion,
    decimal AdjustedQty,
    string Reason,
    string? Notes,
    string Actor,
    DateTime At,
    decimal TotalGapQty,
    decimal? TotalEstimatedValue);

/// <summary>Which status columns a change stamps with its actor and moment.</summary>
public enum StatusStamp
{
    /// <summary>submitted_at / submitted_by.</summary>
    Submitted,

    /// <summary>under_review_at / under_review_by.</summary>
    UnderReview,

    /// <summary>approved_at / approved_by and reviewed_at / reviewed_by.</summary>
    Approved,

    /// <summary>rejected_at / rejected_by / rejection_reason and reviewed_at / reviewed_by.</summary>
    Rejected,

    /// <summary>returned_at / returned_by / returned_reason and reviewed_at / reviewed_by.</summary>
    Returned,

    /// <summary>cancelled_at / cancelled_by.</summary>
    Cancelled,
}

/// <summary>A status change of one list, applied only when the list is still at <see cref="ExpectedVersion"/>.</summary>
public sealed record StatusChange(
    int NeedsListId,
    int ExpectedVersion,
    string ToStatus,
    StatusStamp Stamp,
    string Actor,
    DateTime At,
    string? Reason);

/// <summary>A needs_list_audit row to append. <see cref="ActionDtime"/> is UTC (kind Unspecified).</summary>
public sealed record NewAuditEntry(
    int NeedsListId,
    int? NeedsListItemId,
    string ActionType,
    string? FieldName,
    string? OldValue,
    string? NewValue,
    string? ReasonCode,
    string? NotesText,
    string ActorUserId,
    DateTime ActionDtime);

/// <summary>A stored needs_list_audit row.</summary>
public sealed class AuditEntryRow
{
    public int AuditId { get; init; }
    public int NeedsListId { get; init; }
    public int? NeedsListItemId { get; init; }
    public string ActionType { get; init; } = "";
    public string? FieldName { get; init; }
    public string? OldValue { get; init; }
    public string? NewValue { get; init; }
    public string? ReasonCode { get; init; }
    public string? NotesText { get; init; }
    public string ActorUserId { get; init; } = "";
    public DateTime ActionDtime { get; init; }
}

/// <summary>
/// A list waiting for approval that the escalation sweep has locked, with what it needs to decide:
/// whether a reminder or an escalation was audited since the latest submission.
/// </summary>
public sealed class EscalationCandidateRow
{
    public int NeedsListId { get; init; }
    public string NeedsListNo { get; init; } = "";
    public int EventId { get; init; }
    public int WarehouseId { get; init; }
    public string EventPhase { get; init; } = "";
    public string StatusCode { get; init; } = "";
    public DateTime SubmittedAt { get; init; }
    public bool Reminded { get; init; }
    public bool Escalated { get; init; }
}
