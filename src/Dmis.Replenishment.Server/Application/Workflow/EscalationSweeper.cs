using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.Workflow;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;
using Npgsql;

namespace Dmis.Replenishment.Server.Application.Workflow;

/// <summary>What one sweep did.</summary>
public sealed record EscalationSweepResult(int Reminders, int Escalations)
{
    public static readonly EscalationSweepResult None = new(0, 0);

    public EscalationSweepResult Plus(EscalationSweepResult other) => new(Reminders + other.Reminders, Escalations + other.Escalations);
}

/// <summary>
/// One pass of the escalation rule (SPEC 4, <see cref="EscalationPolicy"/>) over the lists waiting
/// for approval. Safe on any number of instances at once: each batch locks its lists with
/// FOR UPDATE SKIP LOCKED, reads their reminder and escalation history again after the lock, lets the
/// Domain decide, and writes the audit rows (COMMENT_ADDED, reason REMINDER or ESCALATED) and the
/// notifications in the same transaction. A list is never worked on by two transactions at once, and
/// a step already audited is not due again, so each reminder and escalation is written and streamed
/// exactly once however many instances sweep.
/// </summary>
public sealed class EscalationSweeper(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The actor of the audit rows the sweep writes (user ids are at most 20 characters).</summary>
    public const string Actor = "SYSTEM";

    public const int DefaultBatchSize = 100;

    private static readonly string[] AwaitingStatuses =
        [.. NeedsListStateMachine.AwaitingApproval.Select(status => status.ToWord())];

    /// <summary>Sweeps every due list now, batch after batch, and tells how many reminders and escalations it wrote.</summary>
    public Task<EscalationSweepResult> SweepOnceAsync(CancellationToken cancellationToken) =>
        SweepOnceAsync(DefaultBatchSize, cancellationToken);

    /// <inheritdoc cref="SweepOnceAsync(CancellationToken)"/>
    /// <param name="batchSize">Lists locked and decided per transaction.</param>
    /// <param name="cancellationToken">Ends the sweep between or inside batches (an unfinished batch rolls back).</param>
    public async Task<EscalationSweepResult> SweepOnceAsync(int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var now = time.Now();
        var total = EscalationSweepResult.None;
        while (true)
        {
            var (result, locked) = await SweepBatchAsync(now, batchSize, cancellationToken);
            total = total.Plus(result);

            // A full batch may leave more behind; a batch that did nothing would find the same lists again.
            if (locked < batchSize || result == EscalationSweepResult.None)
            {
                return total;
            }
        }
    }

    private async Task<(EscalationSweepResult Result, int Locked)> SweepBatchAsync(
        DateTime now, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var scope = new DbScope(connection, transaction);

        var ids = await NeedsListWorkflowStore.LockAwaitingAsync(
            scope, AwaitingStatuses, now - EscalationPolicy.ReminderAfter, now - EscalationPolicy.EscalateAfter,
            NeedsListAuditActions.ReminderReasonCode, NeedsListAuditActions.EscalatedReasonCode, batchSize, cancellationToken);
        if (ids.Count == 0)
        {
            return (EscalationSweepResult.None, 0);
        }

        var candidates = await NeedsListWorkflowStore.ReadCandidatesAsync(
            scope, ids, NeedsListAuditActions.ReminderReasonCode, NeedsListAuditActions.EscalatedReasonCode, cancellationToken);
        var audit = new List<NewAuditEntry>();
        var result = EscalationSweepResult.None;
        foreach (var candidate in candidates)
        {
            if (!NeedsListStatusWords.TryParse(candidate.StatusCode, out var status)
                || !EventPhaseWords.TryParse(candidate.EventPhase, out var phase))
            {
                continue;
            }

            var decision = EscalationPolicy.Decide(
                candidate.NeedsListNo, status, phase, candidate.SubmittedAt, now, candidate.Reminded, candidate.Escalated);
            switch (decision.Step)
            {
                case EscalationStep.Reminder:
                    audit.Add(new NewAuditEntry(candidate.NeedsListId, null, NeedsListAuditActions.CommentAdded, null, null, null,
                        NeedsListAuditActions.ReminderReasonCode, Truncate(decision.Message), Actor, now));
                    result = result.Plus(new(1, 0));
                    break;
                case EscalationStep.Escalate:
                    var raised = decision.NewApproverRole ?? decision.CurrentApproverRole;
                    audit.Add(new NewAuditEntry(candidate.NeedsListId, null, NeedsListAuditActions.CommentAdded,
                        NeedsListAuditActions.ApproverRoleField, decision.CurrentApproverRole.ToName(), raised.ToName(),
                        NeedsListAuditActions.EscalatedReasonCode, Truncate(decision.Message), Actor, now));
                    result = result.Plus(new(0, 1));
                    break;
            }
        }

        await NeedsListWorkflowStore.AppendAuditAsync(scope, audit, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (result, ids.Count);
    }

    /// <summary>needs_list_audit.notes_text is varchar(500).</summary>
    private static string Truncate(string message) => message.Length <= 500 ? message : message[..500];
}
