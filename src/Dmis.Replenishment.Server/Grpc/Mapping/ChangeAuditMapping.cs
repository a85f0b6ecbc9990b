using Dmis.Replenishment.Data.Audit;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Audit;
using Dmis.Replenishment.V1;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>The change audit between its rows, its Domain filter and the contract.</summary>
public static class ChangeAuditMapping
{
    public static ChangeAuditFilter ToDomain(this ListChangeAuditRequest request) =>
        new ChangeAuditFilter(
            request.EntityType.ToDomain("entity_type"),
            request.EntityId,
            request.Since?.ToDatabaseUtc(),
            request.Until?.ToDatabaseUtc()).EnsureValid();

    public static ChangeAuditEntry ToProto(this ChangeAuditRow row) => new()
    {
        AuditId = row.AuditId,
        EntityType = AuditedEntityWords.Parse(row.EntityType).ToProto(),
        EntityId = row.EntityId,
        Action = row.ActionType,
        BeforeJson = row.BeforeRow ?? "",
        AfterJson = row.AfterRow ?? "",
        Reason = row.ReasonText ?? "",
        ActorUserId = row.ActorUserId,
        ActionTime = row.ActionDtime.ToTimestamp(),
    };

    private static AuditedEntity? ToDomain(this AuditedEntityType type, string field) => type switch
    {
        AuditedEntityType.Unspecified => null,
        AuditedEntityType.Procurement => AuditedEntity.Procurement,
        AuditedEntityType.Supplier => AuditedEntity.Supplier,
        AuditedEntityType.LeadTime => AuditedEntity.LeadTime,
        AuditedEntityType.PhaseConfig => AuditedEntity.PhaseConfig,
        _ => throw new DomainValidationException(field, $"{(int)type} is not an audited entity type"),
    };

    private static AuditedEntityType ToProto(this AuditedEntity entity) => entity switch
    {
        AuditedEntity.Procurement => AuditedEntityType.Procurement,
        AuditedEntity.Supplier => AuditedEntityType.Supplier,
        AuditedEntity.LeadTime => AuditedEntityType.LeadTime,
        AuditedEntity.PhaseConfig => AuditedEntityType.PhaseConfig,
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "Unknown audited entity."),
    };
}
