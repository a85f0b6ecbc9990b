namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// The checks of <c>lead_time_config</c>, so a caller gets INVALID_ARGUMENT with field names
/// rather than a check violation: horizon given; lead_time_hours &gt; 0; a horizon-A row names
/// both warehouses (two different ones) unless it is the default; a horizon-C row names a
/// supplier unless it is the default; effective_to &gt;= effective_from. Two more rules keep rows
/// meaningful: a default row names no warehouse or supplier (it applies everywhere), and a
/// horizon-A row names no supplier. "At most one default per horizon" is the unique index's job.
/// </summary>
public static class LeadTimeValidation
{
    /// <param name="today">The UTC date standing in for a missing effective_from (the column default).</param>
    /// <param name="fieldPrefix">Prefix of the field names: UpsertLeadTime nests the row in "lead_time".</param>
    public static IReadOnlyList<FieldViolation> Validate(LeadTimeInput input, DateOnly today, string fieldPrefix = "lead_time")
    {
        var violations = new List<FieldViolation>();
        string Field(string name) => string.IsNullOrEmpty(fieldPrefix) ? name : $"{fieldPrefix}.{name}";

        if (input.Horizon is null)
        {
            violations.Add(new(Field("horizon"), "is required: A, B or C"));
        }

        if (input.LeadTimeHours <= 0)
        {
            violations.Add(new(Field("lead_time_hours"), "must be greater than 0"));
        }

        PositiveWhenGiven(violations, Field("from_warehouse_id"), input.FromWarehouseId);
        PositiveWhenGiven(violations, Field("to_warehouse_id"), input.ToWarehouseId);
        PositiveWhenGiven(violations, Field("supplier_id"), input.SupplierId);

        if (input.IsDefault)
        {
            foreach (var (name, id) in new[]
                     {
                         ("from_warehouse_id", input.FromWarehouseId), ("to_warehouse_id", input.ToWarehouseId),
                         ("supplier_id", input.SupplierId),
                     })
            {
                if (id is not null)
                {
                    violations.Add(new(Field(name), "must be empty on a default lead time (it applies everywhere)"));
                }
            }
        }
        else if (input.Horizon == LeadTimeHorizon.A)
        {
            if (input.FromWarehouseId is null)
            {
                violations.Add(new(Field("from_warehouse_id"), "is required for a horizon A route"));
            }

            if (input.ToWarehouseId is null)
            {
                violations.Add(new(Field("to_warehouse_id"), "is required for a horizon A route"));
            }

            if (input.FromWarehouseId is { } from && from == input.ToWarehouseId)
            {
                violations.Add(new(Field("to_warehouse_id"), "must differ from from_warehouse_id"));
            }
        }
        else if (input.Horizon == LeadTimeHorizon.C && input.SupplierId is null)
        {
            violations.Add(new(Field("supplier_id"), "is required for a horizon C lead time"));
        }

        if (input.Horizon == LeadTimeHorizon.A && !input.IsDefault && input.SupplierId is not null)
        {
            violations.Add(new(Field("supplier_id"), "must be empty for a horizon A route"));
        }

        var effectiveFrom = input.EffectiveFrom ?? today;
        if (input.EffectiveTo is { } to && to < effectiveFrom)
        {
            violations.Add(new(Field("effective_to"), $"must not be before effective_from ({effectiveFrom:yyyy-MM-dd})"));
        }

        return violations;
    }

    /// <summary><see cref="Validate"/>, throwing a <see cref="DomainValidationException"/> when anything is wrong.</summary>
    public static void EnsureValid(LeadTimeInput input, DateOnly today, string fieldPrefix = "lead_time")
    {
        var violations = Validate(input, today, fieldPrefix);
        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }
    }

    private static void PositiveWhenGiven(List<FieldViolation> violations, string field, int? id)
    {
        if (id is <= 0)
        {
            violations.Add(new(field, "must be greater than 0 when given"));
        }
    }
}
