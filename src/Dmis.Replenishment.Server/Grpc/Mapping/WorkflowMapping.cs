using System.Globalization;
using Dmis.Replenishment.Data.Workflow;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.V1;
using ProtoAdjustmentReason = Dmis.Replenishment.V1.AdjustmentReason;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>The workflow's own messages: adjustment reasons in, audit entries and needs-list events out.</summary>
public static class WorkflowMapping
{
    /// <summary>
    /// The database word of a reason; null when UNSPECIFIED (the Domain says it is required), and an
    /// unknown number as text (the Domain refuses it, listing the valid reasons).
    /// </summary>
    public static string? ToWord(this ProtoAdjustmentReason reason) => reason switch
    {
        ProtoAdjustmentReason.Unspecified => null,
        ProtoAdjustmentReason.DemandAdjusted => Domain.Workflow.AdjustmentReason.DemandAdjusted.ToWord(),
        ProtoAdjustmentReason.PartialCoverage => Domain.Workflow.AdjustmentReason.PartialCoverage.ToWord(),
        ProtoAdjustmentReason.PriorityChange => Domain.Workflow.AdjustmentReason.PriorityChange.ToWord(),
        ProtoAdjustmentReason.BudgetConstraint => Domain.Workflow.AdjustmentReason.BudgetConstraint.ToWord(),
        ProtoAdjustmentReason.SupplierLimit => Domain.Workflow.AdjustmentReason.SupplierLimit.ToWord(),
        ProtoAdjustmentReason.Other => Domain.Workflow.AdjustmentReason.Other.ToWord(),
        _ => ((int)reason).ToString(CultureInfo.InvariantCulture),
    };

    public static AuditEntry ToProto(this AuditEntryRow row) => new()
    {
        AuditId = row.AuditId,
        NeedsListId = row.NeedsListId,
        NeedsListItemId = row.NeedsListItemId ?? 0,
        ActionType = row.ActionType,
        FieldName = row.FieldName ?? "",
        OldValue = row.OldValue ?? "",
        NewValue = row.NewValue ?? "",
        ReasonCode = row.ReasonCode ?? "",
        Notes = row.NotesText ?? "",
        ActorUserId = row.ActorUserId,
        ActionTime = row.ActionDtime.ToTimestamp(),
    };

    /// <summary>A stream row of the audit trail as WatchNeedsListEvents shows it, live or replayed.</summary>
    public static NeedsListEvent ToProto(this NeedsListEventRow row)
    {
        var streamed = NeedsListStreamEvent.FromAudit(
            row.NeedsListNo, EventPhaseWords.Parse(row.EventPhase), row.ReasonCode, row.OldValue, row.NewValue,
            row.NotesText, row.ActorUserId, row.StatusBefore, row.EscalatedBefore, row.FieldName);
        return new NeedsListEvent
        {
            AuditId = row.AuditId,
            Type = streamed.Kind switch
            {
                NeedsListEventKind.StatusChanged => NeedsListEventType.StatusChanged,
                NeedsListEventKind.Reminder => NeedsListEventType.Reminder,
                NeedsListEventKind.Escalated => NeedsListEventType.Escalated,
                NeedsListEventKind.Generated => NeedsListEventType.Generated,
                NeedsListEventKind.LineAdjusted => NeedsListEventType.LineAdjusted,
                _ => NeedsListEventType.Unspecified,
            },
            NeedsListId = row.NeedsListId,
            NeedsListNo = row.NeedsListNo,
            EventId = row.EventId,
            WarehouseId = row.WarehouseId,
            FromStatus = NeedsListValueMapping.StatusWordToProto(streamed.FromStatus),
            ToStatus = NeedsListValueMapping.StatusWordToProto(streamed.ToStatus),
            ActorUserId = row.ActorUserId,
            OccurredAt = row.ActionDtime.ToTimestamp(),
            ApproverRole = streamed.ApproverRole,
            Message = streamed.Message,
        };
    }
}
