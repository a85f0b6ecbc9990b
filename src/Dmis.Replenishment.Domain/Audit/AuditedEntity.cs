using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Audit;

/// <summary>What the change audit records changes of (<c>change_audit.entity_type</c>).</summary>
public enum AuditedEntity
{
    Procurement,
    Supplier,
    LeadTime,
    PhaseConfig,
}

/// <summary>Converts <see cref="AuditedEntity"/> to and from the database words.</summary>
public static class AuditedEntityWords
{
    private static readonly WordMap<AuditedEntity> Map = new("audited entity", new Dictionary<AuditedEntity, string>
    {
        [AuditedEntity.Procurement] = "PROCUREMENT",
        [AuditedEntity.Supplier] = "SUPPLIER",
        [AuditedEntity.LeadTime] = "LEAD_TIME",
        [AuditedEntity.PhaseConfig] = "PHASE_CONFIG",
    });

    public static string ToWord(this AuditedEntity value) => Map.ToWord(value);

    public static AuditedEntity Parse(string? word) => Map.Parse(word);
}
