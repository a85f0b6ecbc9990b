using Dapper;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain.Horizons;
using Npgsql;

namespace Dmis.Replenishment.Data.Workflow;

/// <summary>
/// The SQL of the needs-list workflow: locking a list, status changes, line adjustments, the
/// append-only audit trail (whose status rows a trigger also notifies, V12) and the escalation sweep's reads.
/// Writes run in the caller's transaction (<see cref="DbScope"/>). Timestamps are written from the
/// server's clock (UTC, kind Unspecified), never the database's now(), so the rows and the clock
/// the rules were checked with agree.
/// </summary>
public sealed class NeedsListWorkflowStore(ReadConnections reads)
{
    /// <summary>
    /// Takes the list's event's pledge lock exclusively until the transaction ends (see
    /// <see cref="CalculationReader.PledgeLockKeySql"/>), then reads the list's horizon-B draws and its
    /// event. Taken BEFORE the list's row lock: generates take the same lock (shared) before they lock
    /// drafts, so the two never wait on each other in opposite orders. Null when the list does not exist.
    /// </summary>
    public static async Task<(int EventId, IReadOnlyList<PledgeDraw> Draws)?> LockPledgesAsync(
        DbScope scope, int needsListId, CancellationToken cancellationToken)
    {
        var (connection, transaction) = scope;
        var eventId = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "select event_id from needs_list where needs_list_id = @needsListId", new { needsListId }, transaction,
            cancellationToken: cancellationToken));
        if (eventId is null)
        {
            return null;
        }

        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            select pg_advisory_xact_lock({CalculationReader.PledgeLockKeySql});

            select p.donation_id, nli.item_id, p.qty
              from needs_list_item nli
              join v_needs_list_item_pledge p on p.needs_list_item_id = nli.needs_list_item_id
             where nli.needs_list_id = @needsListId
             order by nli.item_id, p.allocation_seq;
            """,
            new { needsListId, eventId },
            transaction,
            cancellationToken: cancellationToken));
        await grid.ReadAsync();
        var draws = (await grid.ReadAsync<PledgeDraw>()).AsList();
        return (eventId.Value, draws);
    }

    /// <summary>
    /// Locks the list's row for the rest of the transaction (FOR UPDATE), then reads what the rules
    /// need. The reads after the lock are separate statements: under READ COMMITTED each sees
    /// everything committed before the lock was granted (e.g. an escalation audited by another
    /// instance). Null when the list does not exist.
    /// </summary>
    public static async Task<LockedNeedsList?> LockAsync(
        DbScope scope, int needsListId, string submittedAction, string escalatedReasonCode, CancellationToken cancellationToken)
    {
        var (connection, transaction) = scope;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            select needs_list_id from needs_list where needs_list_id = @needsListId for update;

            select nl.needs_list_id, nl.needs_list_no, nl.event_id, nl.warehouse_id, w.warehouse_name, w.last_sync_dtime,
                   nl.event_phase, nl.status_code, nl.create_by_id, nl.submitted_by, nl.submitted_at, nl.version_nbr,
                   cfg.freshness_threshold_hours, cfg.stale_threshold_hours,
                   (nl.submitted_at is not null and exists (
                        select 1 from needs_list_audit a
                         where a.needs_list_id = nl.needs_list_id
                           and a.reason_code = @escalatedReasonCode
                           and a.action_dtime > nl.submitted_at)) as escalated
              from needs_list nl
              join warehouse w on w.warehouse_id = nl.warehouse_id
              left join event_phase_config cfg
                     on cfg.event_id = nl.event_id and cfg.phase = nl.event_phase and cfg.is_active
             where nl.needs_list_id = @needsListId;

            select distinct actor_user_id from needs_list_audit
             where needs_list_id = @needsListId and action_type = @submittedAction;
            """,
            new { needsListId, submittedAction, escalatedReasonCode },
            transaction,
            cancellationToken: cancellationToken));
        await grid.ReadAsync<int>();
        var list = await grid.ReadSingleOrDefaultAsync<WorkflowListRow>();
        var submitters = (await grid.ReadAsync<string>()).AsList();
        if (list is null)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(list.SubmittedBy) && !submitters.Contains(list.SubmittedBy))
        {
            submitters.Add(list.SubmittedBy);
        }

        return new LockedNeedsList(list, submitters);
    }

    /// <summary>Every line of the list with its unit value (from the calculation details, when stored).</summary>
    public static async Task<IReadOnlyList<WorkflowLineRow>> LinesAsync(DbScope scope, int needsListId, CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<WorkflowLineRow>(new CommandDefinition(
            """
            select nli.needs_list_item_id, nli.item_id, nli.gap_qty, nli.adjusted_qty, c.unit_value
              from needs_list_item nli
              left join needs_list_item_calculation c on c.needs_list_item_id = nli.needs_list_item_id
             where nli.needs_list_id = @needsListId
             order by nli.needs_list_item_id
            """,
            new { needsListId },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Sets the line's adjusted fields and the list's totals, and moves the list to the next version,
    /// when it is still at the expected version. False when it is not (nothing written).
    /// </summary>
    public static async Task<bool> AdjustLineAsync(DbScope scope, LineAdjustmentWrite write, CancellationToken cancellationToken)
    {
        var changed = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            with header as (
                update needs_list
                   set total_gap_qty = @TotalGapQty,
                       total_estimated_value = @TotalEstimatedValue,
                       update_by_id = @Actor,
                       update_dtime = @At,
                       version_nbr = version_nbr + 1
                 where needs_list_id = @NeedsListId and version_nbr = @ExpectedVersion
                returning needs_list_id),
            line as (
                update needs_list_item
                   set adjusted_qty = @AdjustedQty,
                       adjustment_reason = @Reason,
                       adjustment_notes = @Notes,
                       adjusted_by = @Actor,
                       adjusted_at = @At,
                       update_by_id = @Actor,
                       update_dtime = @At,
                       version_nbr = version_nbr + 1
                 where needs_list_item_id = @NeedsListItemId
                   and needs_list_id in (select needs_list_id from header)
                returning needs_list_item_id)
            select count(*) from line
            """,
            write with { At = Unspecified(write.At) },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return changed == 1;
    }

    /// <summary>
    /// Moves the list to <see cref="StatusChange.ToStatus"/> and stamps the columns of
    /// <see cref="StatusChange.Stamp"/>, when it is still at the expected version. False when it is not.
    /// </summary>
    public static async Task<bool> ChangeStatusAsync(DbScope scope, StatusChange change, CancellationToken cancellationToken)
    {
        var changed = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            update needs_list
               set status_code = @ToStatus,
                   submitted_at     = case when @Stamp = 'Submitted' then @At else submitted_at end,
                   submitted_by     = case when @Stamp = 'Submitted' then @Actor else submitted_by end,
                   under_review_at  = case when @Stamp = 'UnderReview' then @At else under_review_at end,
                   under_review_by  = case when @Stamp = 'UnderReview' then @Actor else under_review_by end,
                   reviewed_at      = case when @Stamp in ('Approved', 'Rejected', 'Returned') then @At else reviewed_at end,
                   reviewed_by      = case when @Stamp in ('Approved', 'Rejected', 'Returned') then @Actor else reviewed_by end,
                   approved_at      = case when @Stamp = 'Approved' then @At else approved_at end,
                   approved_by      = case when @Stamp = 'Approved' then @Actor else approved_by end,
                   rejected_at      = case when @Stamp = 'Rejected' then @At else rejected_at end,
                   rejected_by      = case when @Stamp = 'Rejected' then @Actor else rejected_by end,
                   rejection_reason = case when @Stamp = 'Rejected' then @Reason else rejection_reason end,
                   returned_at      = case when @Stamp = 'Returned' then @At else returned_at end,
                   returned_by      = case when @Stamp = 'Returned' then @Actor else returned_by end,
                   returned_reason  = case when @Stamp = 'Returned' then @Reason else returned_reason end,
                   cancelled_at     = case when @Stamp = 'Cancelled' then @At else cancelled_at end,
                   cancelled_by     = case when @Stamp = 'Cancelled' then @Actor else cancelled_by end,
                   update_by_id = @Actor,
                   update_dtime = @At,
                   version_nbr = version_nbr + 1
             where needs_list_id = @NeedsListId and version_nbr = @ExpectedVersion
            """,
            new
            {
                change.NeedsListId,
                change.ExpectedVersion,
                change.ToStatus,
                Stamp = change.Stamp.ToString(),
                change.Actor,
                At = Unspecified(change.At),
                change.Reason,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return changed == 1;
    }

    /// <summary>Appends audit rows (one statement for any number). Rows are never updated or deleted.</summary>
    public static Task AppendAuditAsync(DbScope scope, IReadOnlyList<NewAuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        return scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into needs_list_audit (needs_list_id, needs_list_item_id, action_type, field_name, old_value, new_value,
                                          reason_code, notes_text, actor_user_id, action_dtime)
            select * from unnest(@needsListIds, @itemIds, @actions, @fields, @oldValues, @newValues, @reasonCodes, @notes,
                                 @actors, @moments)
            """,
            new
            {
                needsListIds = entries.Select(e => e.NeedsListId).ToArray(),
                itemIds = entries.Select(e => e.NeedsListItemId).ToArray(),
                actions = entries.Select(e => e.ActionType).ToArray(),
                fields = entries.Select(e => e.FieldName).ToArray(),
                oldValues = entries.Select(e => e.OldValue).ToArray(),
                newValues = entries.Select(e => e.NewValue).ToArray(),
                reasonCodes = entries.Select(e => e.ReasonCode).ToArray(),
                notes = entries.Select(e => e.NotesText).ToArray(),
                actors = entries.Select(e => e.ActorUserId).ToArray(),
                moments = entries.Select(e => Unspecified(e.ActionDtime)).ToArray(),
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The list's audit rows oldest first (by audit_id), after <paramref name="afterAuditId"/>; null when
    /// the list does not exist. One connection, so both answers come from the same server.
    /// </summary>
    public Task<IReadOnlyList<AuditEntryRow>?> ListAuditAsync(
        int needsListId, long afterAuditId, int limit, CancellationToken cancellationToken) =>
        reads.ReadNeedsListAsync(needsListId, async connection =>
        {
            var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from needs_list where needs_list_id = @needsListId)",
                new { needsListId },
                cancellationToken: cancellationToken));
            if (!exists)
            {
                return null;
            }

            var rows = await connection.QueryAsync<AuditEntryRow>(new CommandDefinition(
                """
                select audit_id, needs_list_id, needs_list_item_id, action_type, field_name, old_value, new_value,
                       reason_code, notes_text, actor_user_id, action_dtime
                  from needs_list_audit
                 where needs_list_id = @needsListId and audit_id > @afterAuditId
                 order by audit_id
                 limit @limit
                """,
                new { needsListId, afterAuditId = Math.Min(afterAuditId, int.MaxValue), limit },
                cancellationToken: cancellationToken));
            return (IReadOnlyList<AuditEntryRow>?)rows.AsList();
        }, cancellationToken);

    /// <summary>
    /// The escalation sweep's first step: locks (FOR UPDATE SKIP LOCKED) up to <paramref name="limit"/>
    /// lists in <paramref name="awaitingStatuses"/> that may have a step due, oldest submission first.
    /// Lists another transaction holds (a sweep on another instance, or a decision in progress) are
    /// skipped, so instances never work on the same list at once. The filter is only a pre-selection:
    /// <see cref="ReadCandidatesAsync"/> reads the facts again after the lock, and the Domain decides.
    /// </summary>
    public static async Task<IReadOnlyList<int>> LockAwaitingAsync(
        DbScope scope,
        IReadOnlyCollection<string> awaitingStatuses,
        DateTime remindSubmittedBefore,
        DateTime escalateSubmittedBefore,
        string reminderReasonCode,
        string escalatedReasonCode,
        int limit,
        CancellationToken cancellationToken)
    {
        var ids = await scope.Connection.QueryAsync<int>(new CommandDefinition(
            """
            select nl.needs_list_id
              from needs_list nl
             where nl.status_code = any(@awaitingStatuses)
               and nl.submitted_at < @remindSubmittedBefore
               and not exists (select 1 from needs_list_audit a
                                where a.needs_list_id = nl.needs_list_id
                                  and a.reason_code = @escalatedReasonCode
                                  and a.action_dtime > nl.submitted_at)
               and (nl.submitted_at < @escalateSubmittedBefore
                    or not exists (select 1 from needs_list_audit a
                                    where a.needs_list_id = nl.needs_list_id
                                      and a.reason_code = @reminderReasonCode
                                      and a.action_dtime > nl.submitted_at))
             order by nl.submitted_at, nl.needs_list_id
             limit @limit
               for update of nl skip locked
            """,
            new
            {
                awaitingStatuses = awaitingStatuses.ToArray(),
                remindSubmittedBefore = Unspecified(remindSubmittedBefore),
                escalateSubmittedBefore = Unspecified(escalateSubmittedBefore),
                reminderReasonCode,
                escalatedReasonCode,
                limit,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return ids.AsList();
    }

    /// <summary>The sweep's second step: the locked lists' facts, read after the lock was granted.</summary>
    public static async Task<IReadOnlyList<EscalationCandidateRow>> ReadCandidatesAsync(
        DbScope scope, IReadOnlyCollection<int> needsListIds, string reminderReasonCode, string escalatedReasonCode,
        CancellationToken cancellationToken)
    {
        var rows = await scope.Connection.QueryAsync<EscalationCandidateRow>(new CommandDefinition(
            """
            select nl.needs_list_id, nl.needs_list_no, nl.event_id, nl.warehouse_id, nl.event_phase, nl.status_code,
                   nl.submitted_at,
                   exists (select 1 from needs_list_audit a
                            where a.needs_list_id = nl.needs_list_id
                              and a.reason_code = @reminderReasonCode
                              and a.action_dtime > nl.submitted_at) as reminded,
                   exists (select 1 from needs_list_audit a
                            where a.needs_list_id = nl.needs_list_id
                              and a.reason_code = @escalatedReasonCode
                              and a.action_dtime > nl.submitted_at) as escalated
              from needs_list nl
             where nl.needs_list_id = any(@needsListIds) and nl.submitted_at is not null
             order by nl.submitted_at, nl.needs_list_id
            """,
            new { needsListIds = needsListIds.ToArray(), reminderReasonCode, escalatedReasonCode },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private static DateTime Unspecified(DateTime moment) => DateTime.SpecifyKind(moment, DateTimeKind.Unspecified);
}
