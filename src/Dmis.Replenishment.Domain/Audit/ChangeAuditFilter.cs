namespace Dmis.Replenishment.Domain.Audit;

/// <summary>
/// Which change-audit rows to list: one kind of entity (null: every kind), one entity of that kind
/// (0: every one), and a time range (either end open). An entity id names nothing without its kind,
/// and a range must not end before it starts.
/// </summary>
public sealed record ChangeAuditFilter(AuditedEntity? EntityType, int EntityId, DateTime? Since, DateTime? Until)
{
    public ChangeAuditFilter EnsureValid()
    {
        var violations = new List<FieldViolation>();
        if (EntityId < 0)
        {
            violations.Add(new("entity_id", "must be a positive id, or 0 for any"));
        }
        else if (EntityId > 0 && EntityType is null)
        {
            violations.Add(new("entity_id", "needs entity_type: ids are only unique within one kind of entity"));
        }

        if (Since is { } since && Until is { } until && until < since)
        {
            violations.Add(new("until", "must not be before since"));
        }

        return violations.Count > 0 ? throw new DomainValidationException(violations) : this;
    }
}
