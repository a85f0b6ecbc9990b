using Dapper;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Data.NeedsLists;

/// <summary>
/// The one place that changes a stored needs list: loads the <see cref="NeedsList"/> aggregate with its row
/// locked, and saves a <see cref="NeedsListChange"/> (status and its stamps, lines, audit rows) in the
/// caller's transaction with the version check. The audit rows that are stream events reach
/// WatchNeedsListEvents through the audit table's triggers (V12, V14), never a notification of its own.
/// Timestamps are the change's (the server's clock), written as UTC without a zone.
/// </summary>
public static class NeedsListRepository
{
    /// <summary>
    /// Takes the list's event's pledge lock exclusively until the transaction ends (see
    /// <see cref="CalculationReader.PledgeLockKeySql"/>): a submit holds it while it checks its draws. Taken
    /// BEFORE the list's row lock, as generates take it (shared) before they lock drafts. Null when the list
    /// does not exist; else its event.
    /// </summary>
    public static async Task<int?> LockPledgesAsync(DbScope scope, int needsListId, CancellationToken cancellationToken)
    {
        var (connection, transaction) = scope;
        var eventId = await connection.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "select event_id from needs_list where needs_list_id = @needsListId", new { needsListId }, transaction,
            cancellationToken: cancellationToken));
        if (eventId is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"select pg_advisory_xact_lock({CalculationReader.PledgeLockKeySql})", new { eventId }, transaction,
                cancellationToken: cancellationToken));
        }

        return eventId;
    }

    /// <summary>The list, its row locked for the rest of the transaction; NOT_FOUND when it does not exist.</summary>
    public static async Task<NeedsListAggregate> LoadForUpdateAsync(DbScope scope, int needsListId, CancellationToken cancellationToken) =>
        (await LoadForUpdateAsync(scope, [needsListId], cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException("needs list", needsListId);

    /// <summary>
    /// The lists among <paramref name="needsListIds"/> that exist, their rows locked (in id order, so two
    /// callers never wait on each other in opposite orders). One round trip: the reads after the lock are
    /// separate statements, so under READ COMMITTED each sees what was committed before the lock was
    /// granted (an escalation audited by another instance, say).
    /// </summary>
    public static async Task<IReadOnlyList<NeedsListAggregate>> LoadForUpdateAsync(
        DbScope scope, IReadOnlyCollection<int> needsListIds, CancellationToken cancellationToken)
    {
        var (connection, transaction) = scope;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            select needs_list_id from needs_list where needs_list_id = any(@ids) order by needs_list_id for update;

            select nl.needs_list_id, nl.needs_list_no, nl.event_id, nl.warehouse_id, nl.event_phase, nl.status_code,
                   nl.create_by_id, nl.submitted_by, nl.submitted_at, nl.version_nbr,
                   w.warehouse_name, w.last_sync_dtime, cfg.freshness_threshold_hours, cfg.stale_threshold_hours,
                   (select max(a.action_dtime) from needs_list_audit a
                     where a.needs_list_id = nl.needs_list_id and a.reason_code = @reminderReasonCode) as last_reminder_at,
                   (select max(a.action_dtime) from needs_list_audit a
                     where a.needs_list_id = nl.needs_list_id and a.reason_code = @escalatedReasonCode) as last_escalation_at
              from needs_list nl
              join warehouse w on w.warehouse_id = nl.warehouse_id
              left join event_phase_config cfg
                     on cfg.event_id = nl.event_id and cfg.phase = nl.event_phase and cfg.is_active
             where nl.needs_list_id = any(@ids)
             order by nl.needs_list_id;

            select distinct needs_list_id, actor_user_id from needs_list_audit
             where needs_list_id = any(@ids) and action_type = @submittedAction;

            select nli.needs_list_id, nli.needs_list_item_id, nli.item_id, nli.gap_qty, nli.horizon_c_qty,
                   nli.adjusted_qty, nli.adjustment_reason, nli.adjustment_notes, nli.fulfilled_qty, nli.fulfillment_status,
                   c.unit_value,
                   coalesce(c.horizon_a_split_warehouse_ids, array[]::integer[]) as source_warehouse_ids,
                   coalesce(c.horizon_a_split_qtys, array[]::numeric[]) as source_qtys,
                   coalesce(c.horizon_b_split_donation_ids, array[]::integer[]) as pledge_donation_ids,
                   coalesce(c.horizon_b_split_qtys, array[]::numeric[]) as pledge_qtys,
                   c.adjusted_horizon_a_split_qtys as adjusted_source_qtys,
                   c.adjusted_horizon_b_split_qtys as adjusted_pledge_qtys,
                   c.adjusted_horizon_c_qty
              from needs_list_item nli
              left join needs_list_item_calculation c on c.needs_list_item_id = nli.needs_list_item_id
             where nli.needs_list_id = any(@ids)
             order by nli.needs_list_item_id;
            """,
            new
            {
                ids = needsListIds.ToArray(),
                submittedAction = NeedsListAuditActions.Submitted,
                reminderReasonCode = NeedsListAuditActions.ReminderReasonCode,
                escalatedReasonCode = NeedsListAuditActions.EscalatedReasonCode,
            },
            transaction,
            cancellationToken: cancellationToken));
        await grid.ReadAsync<int>();
        var headers = (await grid.ReadAsync<ListStateRow>()).AsList();
        var submitters = (await grid.ReadAsync<(int NeedsListId, string ActorUserId)>()).ToLookup(s => s.NeedsListId, s => s.ActorUserId);
        var lines = (await grid.ReadAsync<LineStateRow>()).ToLookup(line => line.NeedsListId);
        return [.. headers.Select(header => header.ToAggregate(submitters[header.NeedsListId], lines[header.NeedsListId]))];
    }

    /// <summary>
    /// Locks up to <paramref name="limit"/> lists awaiting approval (<see cref="NeedsListStateMachine.AwaitingApproval"/>)
    /// that may have a step due (submitted before <paramref name="remindSubmittedBefore"/>, not escalated since, and
    /// not reminded since unless submitted before <paramref name="escalateSubmittedBefore"/>), oldest submission first, skipping lists another
    /// transaction holds (a sweep on another instance, a decision in progress). A pre-selection only: the
    /// aggregate, loaded after the lock, decides whether anything is due.
    /// </summary>
    public static async Task<IReadOnlyList<int>> LockAwaitingApprovalAsync(
        DbScope scope, DateTime remindSubmittedBefore, DateTime escalateSubmittedBefore, int limit, CancellationToken cancellationToken)
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
                awaitingStatuses = NeedsListStateMachine.AwaitingApproval.Select(status => status.ToWord()).ToArray(),
                remindSubmittedBefore = CalculationReader.Unspecified(remindSubmittedBefore),
                escalateSubmittedBefore = CalculationReader.Unspecified(escalateSubmittedBefore),
                reminderReasonCode = NeedsListAuditActions.ReminderReasonCode,
                escalatedReasonCode = NeedsListAuditActions.EscalatedReasonCode,
                limit,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return ids.AsList();
    }

    /// <summary>
    /// Writes <paramref name="change"/>: the header (status and the columns its new status stamps, totals,
    /// version + 1) only while the list is still at the expected version, then the adjusted or fulfilled
    /// lines and the audit rows, in one statement. A change that only appends audit rows leaves the
    /// header and version alone. ABORTED (<see cref="VersionConflictException"/>) when the version moved.
    /// </summary>
    public static async Task SaveAsync(DbScope scope, NeedsListChange change, CancellationToken cancellationToken)
    {
        if (!change.ChangesList && change.Audit.Count == 0)
        {
            return;
        }

        var adjusted = change.Adjusted;
        var saved = await scope.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            with header as (
                update needs_list
                   set status_code      = @toStatus,
                       submitted_at     = case when @stampSubmitted then @at else submitted_at end,
                       submitted_by     = case when @stampSubmitted then @actor else submitted_by end,
                       under_review_at  = case when @toStatus = 'UNDER_REVIEW' and @statusChanges then @at else under_review_at end,
                       under_review_by  = case when @toStatus = 'UNDER_REVIEW' and @statusChanges then @actor else under_review_by end,
                       reviewed_at      = case when @stampReviewed then @at else reviewed_at end,
                       reviewed_by      = case when @stampReviewed then @actor else reviewed_by end,
                       approved_at      = case when @toStatus = 'APPROVED' and @statusChanges then @at else approved_at end,
                       approved_by      = case when @toStatus = 'APPROVED' and @statusChanges then @actor else approved_by end,
                       rejected_at      = case when @toStatus = 'REJECTED' and @statusChanges then @at else rejected_at end,
                       rejected_by      = case when @toStatus = 'REJECTED' and @statusChanges then @actor else rejected_by end,
                       rejection_reason = case when @toStatus = 'REJECTED' and @statusChanges then @decisionReason else rejection_reason end,
                       returned_at      = case when @toStatus = 'RETURNED' and @statusChanges then @at else returned_at end,
                       returned_by      = case when @toStatus = 'RETURNED' and @statusChanges then @actor else returned_by end,
                       returned_reason  = case when @toStatus = 'RETURNED' and @statusChanges then @decisionReason else returned_reason end,
                       cancelled_at     = case when @toStatus = 'CANCELLED' and @statusChanges then @at else cancelled_at end,
                       cancelled_by     = case when @toStatus = 'CANCELLED' and @statusChanges then @actor else cancelled_by end,
                       total_gap_qty         = coalesce(@totalGapQty, total_gap_qty),
                       total_estimated_value = case when @totalsChange then @totalEstimatedValue else total_estimated_value end,
                       update_by_id = @actor,
                       update_dtime = @at,
                       version_nbr = version_nbr + 1
                 where needs_list_id = @needsListId and version_nbr = @expectedVersion and @changesList
                returning needs_list_id
            ),
            allowed as (
                select (not @changesList) or exists (select 1 from header) as ok
            ),
            adjusted_line as (
                update needs_list_item
                   set adjusted_qty = @adjustedQty, adjustment_reason = @adjustmentReason, adjustment_notes = @adjustmentNotes,
                       adjusted_by = @actor, adjusted_at = @at,
                       update_by_id = @actor, update_dtime = @at, version_nbr = version_nbr + 1
                 where needs_list_item_id = @adjustedLineId and needs_list_id in (select needs_list_id from header)
                returning needs_list_item_id
            ),
            adjusted_split as (
                update needs_list_item_calculation
                   set adjusted_horizon_a_qty = @adjustedAQty, adjusted_horizon_b_qty = @adjustedBQty,
                       adjusted_horizon_c_qty = @adjustedCQty,
                       adjusted_horizon_a_split_qtys = @adjustedSourceQtys, adjusted_horizon_b_split_qtys = @adjustedPledgeQtys,
                       update_by_id = @actor, update_dtime = @at
                 where needs_list_item_id in (select needs_list_item_id from adjusted_line)
            ),
            fulfilled_lines as (
                update needs_list_item nli
                   set fulfilled_qty = l.fulfilled_qty, fulfillment_status = l.status,
                       update_by_id = @actor, update_dtime = @at, version_nbr = nli.version_nbr + 1
                  from unnest(@fulfilledLineIds, @fulfilledQtys, @fulfilledStatuses) as l(id, fulfilled_qty, status)
                 where nli.needs_list_item_id = l.id and nli.needs_list_id in (select needs_list_id from header)
            ),
            audit as (
                insert into needs_list_audit (needs_list_id, needs_list_item_id, action_type, field_name, old_value, new_value,
                                              reason_code, notes_text, actor_user_id, action_dtime)
                select @needsListId, e.line_id, e.action_type, e.field_name, e.old_value, e.new_value, e.reason_code,
                       left(e.notes, 500), @actor, @at
                  from unnest(@auditLineIds, @auditActions, @auditFields, @auditOldValues, @auditNewValues, @auditReasonCodes,
                              @auditNotes) with ordinality
                       as e(line_id, action_type, field_name, old_value, new_value, reason_code, notes, position)
                 where (select ok from allowed)
                 order by e.position
            )
            select ok from allowed
            """,
            new
            {
                needsListId = change.NeedsListId,
                expectedVersion = change.ExpectedVersion,
                changesList = change.ChangesList,
                statusChanges = change.ChangesStatus,
                toStatus = change.To.ToWord(),
                stampSubmitted = change.ChangesStatus && change.To == NeedsListStatus.PendingApproval,
                stampReviewed = change.ChangesStatus
                    && change.To is NeedsListStatus.Approved or NeedsListStatus.Rejected or NeedsListStatus.Returned,
                decisionReason = change.DecisionReason,
                totalsChange = change.Totals is not null,
                totalGapQty = change.Totals?.GapQty,
                totalEstimatedValue = change.Totals?.EstimatedValue,
                actor = change.Actor,
                at = CalculationReader.Unspecified(change.At),

                adjustedLineId = adjusted?.LineId ?? 0,
                adjustedQty = adjusted?.Adjustment.Quantity,
                adjustmentReason = adjusted?.Adjustment.Reason.ToWord(),
                adjustmentNotes = adjusted?.Adjustment.Notes,
                adjustedAQty = adjusted?.Split.HorizonAQty,
                adjustedBQty = adjusted?.Split.HorizonBQty,
                adjustedCQty = adjusted?.Split.HorizonCQty,
                adjustedSourceQtys = adjusted?.Split.Sources.Select(source => source.Qty).ToArray(),
                adjustedPledgeQtys = adjusted?.Split.Pledges.Select(pledge => pledge.Qty).ToArray(),

                fulfilledLineIds = change.Fulfilled.Select(line => line.LineId).ToArray(),
                fulfilledQtys = change.Fulfilled.Select(line => line.FulfilledQty).ToArray(),
                fulfilledStatuses = change.Fulfilled.Select(line => line.Status.ToWord()).ToArray(),

                auditLineIds = change.Audit.Select(entry => entry.LineId).ToArray(),
                auditActions = change.Audit.Select(entry => entry.ActionType).ToArray(),
                auditFields = change.Audit.Select(entry => entry.FieldName).ToArray(),
                auditOldValues = change.Audit.Select(entry => entry.OldValue).ToArray(),
                auditNewValues = change.Audit.Select(entry => entry.NewValue).ToArray(),
                auditReasonCodes = change.Audit.Select(entry => entry.ReasonCode).ToArray(),
                auditNotes = change.Audit.Select(entry => entry.Notes).ToArray(),
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        if (!saved)
        {
            throw new VersionConflictException("needs list", change.NeedsListNo, change.ExpectedVersion, null);
        }
    }

    /// <summary>
    /// Open drafts a generate retires: each takes its new status (SUPERSEDED, linked to
    /// <paramref name="supersededById"/>, or CANCELLED), one version more, and an audit row, all at the
    /// retirement's moment. One round trip; none without drafts.
    /// </summary>
    public static async Task RetireAsync(
        DbScope scope, DraftRetirement retirement, int? supersededById, string actor, CancellationToken cancellationToken)
    {
        if (retirement.Lists.Count == 0)
        {
            return;
        }

        var (sql, parameters) = RetireCommand(retirement, supersededById, actor);
        await scope.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, scope.Transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The statement of <see cref="RetireAsync"/> and its parameters (named apart, so that a generate can send it in its own batch).</summary>
    internal static (string Sql, object Parameters) RetireCommand(DraftRetirement retirement, int? supersededById, string actor)
    {
        var lists = retirement.Lists;
        return (
            """
            with retired as (
                update needs_list old
                   set status_code = r.new_status,
                       superseded_by_id = coalesce(@supersededById, old.superseded_by_id),
                       cancelled_at = case when r.new_status = 'CANCELLED' then @retiredAt else old.cancelled_at end,
                       cancelled_by = case when r.new_status = 'CANCELLED' then @actor else old.cancelled_by end,
                       update_by_id = @actor, update_dtime = @retiredAt, version_nbr = old.version_nbr + 1
                  from unnest(@retiredIds, @retiredNewStatuses) as r(needs_list_id, new_status)
                 where old.needs_list_id = r.needs_list_id
                returning old.needs_list_id
            )
            insert into needs_list_audit (needs_list_id, action_type, field_name, old_value, new_value, notes_text, actor_user_id, action_dtime)
            select r.needs_list_id, @retireAuditAction, 'status_code', r.old_status, r.new_status, left(@retireNotes, 500), @actor, @retiredAt
              from unnest(@retiredIds, @retiredOldStatuses, @retiredNewStatuses) as r(needs_list_id, old_status, new_status)
              join retired using (needs_list_id)
            """,
            new
            {
                retiredIds = lists.Select(list => list.NeedsListId).ToArray(),
                retiredOldStatuses = lists.Select(list => list.OldStatus).ToArray(),
                retiredNewStatuses = lists.Select(list => list.NewStatus).ToArray(),
                supersededById,
                retireAuditAction = retirement.AuditAction,
                retireNotes = retirement.Notes,
                actor,
                retiredAt = CalculationReader.Unspecified(retirement.At),
            });
    }

    /// <summary>A locked list's header and what its rules need of its warehouse and audit trail.</summary>
    private sealed class ListStateRow
    {
        public int NeedsListId { get; init; }
        public string NeedsListNo { get; init; } = "";
        public int EventId { get; init; }
        public int WarehouseId { get; init; }
        public string EventPhase { get; init; } = "";
        public string StatusCode { get; init; } = "";
        public string CreateById { get; init; } = "";
        public string? SubmittedBy { get; init; }
        public DateTime? SubmittedAt { get; init; }
        public int VersionNbr { get; init; }
        public string WarehouseName { get; init; } = "";
        public DateTime? LastSyncDtime { get; init; }
        public int? FreshnessThresholdHours { get; init; }
        public int? StaleThresholdHours { get; init; }
        public DateTime? LastReminderAt { get; init; }
        public DateTime? LastEscalationAt { get; init; }

        /// <param name="submitters">The SUBMITTED audit rows' actors; the current submitter is added when missing.</param>
        public NeedsListAggregate ToAggregate(IEnumerable<string> submitters, IEnumerable<LineStateRow> lines)
        {
            var everyone = submitters.ToList();
            if (!string.IsNullOrWhiteSpace(SubmittedBy) && !everyone.Contains(SubmittedBy))
            {
                everyone.Add(SubmittedBy);
            }

            return new NeedsListAggregate(
                NeedsListId, NeedsListNo, EventId, WarehouseId, EventPhaseWords.Parse(EventPhase), NeedsListStatusWords.Parse(StatusCode),
                CreateById, everyone, SubmittedAt, new EscalationHistory(LastReminderAt, LastEscalationAt), VersionNbr,
                new ListWarehouse(WarehouseName, LastSyncDtime, FreshnessThresholdHours, StaleThresholdHours),
                [.. lines.Select(line => line.ToLine())]);
        }
    }

    /// <summary>A locked list's line with its calculated split arrays and, when adjusted, the adjusted ones.</summary>
    private sealed class LineStateRow
    {
        public int NeedsListId { get; init; }
        public int NeedsListItemId { get; init; }
        public int ItemId { get; init; }
        public decimal GapQty { get; init; }
        public decimal HorizonCQty { get; init; }
        public decimal? AdjustedQty { get; init; }
        public string? AdjustmentReason { get; init; }
        public string? AdjustmentNotes { get; init; }
        public decimal FulfilledQty { get; init; }
        public string FulfillmentStatus { get; init; } = "";
        public decimal? UnitValue { get; init; }
        public int[] SourceWarehouseIds { get; init; } = [];
        public decimal[] SourceQtys { get; init; } = [];
        public int[] PledgeDonationIds { get; init; } = [];
        public decimal[] PledgeQtys { get; init; } = [];
        public decimal[]? AdjustedSourceQtys { get; init; }
        public decimal[]? AdjustedPledgeQtys { get; init; }
        public decimal? AdjustedHorizonCQty { get; init; }

        public NeedsListItem ToLine()
        {
            var calculated = Split(SourceQtys, PledgeQtys, HorizonCQty);
            LineAdjustmentState? adjusted = null;
            if (AdjustedQty is { } quantity)
            {
                var adjustment = new LineAdjustment(
                    quantity, AdjustmentReasonWords.TryParse(AdjustmentReason, out var reason) ? reason : Domain.Workflow.AdjustmentReason.Other,
                    AdjustmentNotes);
                // Adjusted before the adjusted split was stored: its split is the re-run the adjustment would give.
                var split = AdjustedSourceQtys is not null && AdjustedPledgeQtys is not null && AdjustedHorizonCQty is { } c
                    ? Split(AdjustedSourceQtys, AdjustedPledgeQtys, c)
                    : calculated.Resplit(quantity);
                adjusted = new LineAdjustmentState(adjustment, split);
            }

            return new NeedsListItem(
                NeedsListItemId, ItemId, GapQty, calculated, adjusted, UnitValue, FulfilledQty,
                FulfillmentStatusWords.Parse(FulfillmentStatus));
        }

        /// <summary>The split with these quantities per source and pledge (parallel to the stored ids) and for C.</summary>
        private LineSplit Split(decimal[] sourceQtys, decimal[] pledgeQtys, decimal horizonCQty) =>
            new(
                [.. SourceWarehouseIds.Zip(sourceQtys, (warehouseId, qty) => new SourceShare(warehouseId, qty))],
                [.. PledgeDonationIds.Zip(pledgeQtys, (donationId, qty) => new PledgeShare(donationId, qty))],
                horizonCQty);
    }
}
