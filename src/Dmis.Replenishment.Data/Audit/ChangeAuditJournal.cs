using Dapper;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain.Audit;

namespace Dmis.Replenishment.Data.Audit;

/// <summary>A <c>change_audit</c> row; the rows before and after are JSON text, exactly as stored.</summary>
public sealed class ChangeAuditRow
{
    public long AuditId { get; init; }
    public string EntityType { get; init; } = "";
    public int EntityId { get; init; }
    public string ActionType { get; init; } = "";
    public string? BeforeRow { get; init; }
    public string? AfterRow { get; init; }
    public string? ReasonText { get; init; }
    public string ActorUserId { get; init; } = "";
    public DateTime ActionDtime { get; init; }
}

/// <summary>One entity about to change, with its stored row before the change (null: it is being created).</summary>
public sealed record PendingChange(AuditedEntity Entity, int EntityId, string? Before);

/// <summary>
/// The append-only audit of procurement, supplier, lead-time and phase-configuration changes. A use case
/// takes the row before it writes (<see cref="BeforeAsync"/>), writes, then appends the change
/// (<see cref="AppendAsync"/>), which reads the row after in the same transaction: both sides are
/// the stored rows as JSON, never a copy the caller might have edited.
/// </summary>
public sealed class ChangeAuditJournal(ReadConnections reads)
{
    /// <summary>Each audited entity's stored row as JSON; a procurement with its lines.</summary>
    private static readonly Dictionary<AuditedEntity, string> RowQueries = new()
    {
        [AuditedEntity.Procurement] =
            """
            select (to_jsonb(p) || jsonb_build_object('lines', coalesce(
                       (select jsonb_agg(to_jsonb(i) order by i.procurement_item_id)
                          from procurement_item i where i.procurement_id = p.procurement_id), '[]'::jsonb)))::text
              from procurement p where p.procurement_id = @entityId
            """,
        [AuditedEntity.Supplier] = "select to_jsonb(s)::text from supplier s where s.supplier_id = @entityId",
        [AuditedEntity.LeadTime] = "select to_jsonb(l)::text from lead_time_config l where l.config_id = @entityId",
        [AuditedEntity.PhaseConfig] = "select to_jsonb(c)::text from event_phase_config c where c.config_id = @entityId",
    };

    public static async Task<PendingChange> BeforeAsync(
        DbScope scope, AuditedEntity entity, int entityId, CancellationToken cancellationToken) =>
        new(entity, entityId, await RowAsync(scope, entity, entityId, cancellationToken));

    public static PendingChange Creating(AuditedEntity entity, int entityId) => new(entity, entityId, null);

    public static async Task AppendAsync(
        DbScope scope, PendingChange change, ChangeAction action, string? reason, string actor, DateTime now,
        CancellationToken cancellationToken)
    {
        var after = await RowAsync(scope, change.Entity, change.EntityId, cancellationToken);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into change_audit (entity_type, entity_id, action_type, before_row, after_row, reason_text, actor_user_id, action_dtime)
            values (@entityType, @entityId, @action, @before::jsonb, @after::jsonb, @reason, @actor, @now)
            """,
            new
            {
                entityType = change.Entity.ToWord(),
                entityId = change.EntityId,
                action = action.ToWord(),
                before = change.Before,
                after,
                reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
                actor,
                now,
            },
            scope.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Rows matching <paramref name="filter"/> after <paramref name="afterAuditId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ChangeAuditRow>> ListAsync(
        ChangeAuditFilter filter, long afterAuditId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ChangeAuditRow>(new CommandDefinition(
            """
            select audit_id, entity_type, entity_id, action_type, before_row::text, after_row::text, reason_text,
                   actor_user_id, action_dtime
              from change_audit
             where audit_id > @afterAuditId
               and (@entityType::varchar is null or entity_type = @entityType)
               and (@entityId = 0 or entity_id = @entityId)
               and (@since::timestamp is null or action_dtime >= @since)
               and (@until::timestamp is null or action_dtime <= @until)
             order by audit_id
             limit @limit
            """,
            new
            {
                afterAuditId,
                entityType = filter.EntityType?.ToWord(),
                entityId = filter.EntityId,
                since = filter.Since,
                until = filter.Until,
                limit,
            },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private static Task<string?> RowAsync(DbScope scope, AuditedEntity entity, int entityId, CancellationToken cancellationToken) =>
        scope.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            RowQueries[entity], new { entityId }, scope.Transaction, cancellationToken: cancellationToken));
}
