namespace Dmis.Replenishment.Data.Workflow;

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
