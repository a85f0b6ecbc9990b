using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
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
/// FOR UPDATE SKIP LOCKED, loads them (their reminder and escalation history read after the lock), lets
/// each <see cref="Domain.NeedsLists.NeedsListAggregate"/> decide, and saves the audit rows (COMMENT_ADDED, reason
/// REMINDER or ESCALATED; the stream's events) in the same transaction. A list is never worked on by two transactions at once, and
/// a step already audited is not due again, so each reminder and escalation is written and streamed
/// exactly once however many instances sweep.
/// </summary>
public sealed class EscalationSweeper(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The actor of the audit rows the sweep writes (user ids are at most 20 characters).</summary>
    public const string Actor = "SYSTEM";

    public const int DefaultBatchSize = 100;

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

        var ids = await NeedsListRepository.LockAwaitingApprovalAsync(
            scope, now - EscalationPolicy.ReminderAfter, now - EscalationPolicy.EscalateAfter, batchSize, cancellationToken);
        if (ids.Count == 0)
        {
            return (EscalationSweepResult.None, 0);
        }

        var result = EscalationSweepResult.None;
        foreach (var list in await NeedsListRepository.LoadForUpdateAsync(scope, ids, cancellationToken))
        {
            if (list.Escalate(Actor, now) is not { } change)
            {
                continue;
            }

            await NeedsListRepository.SaveAsync(scope, change, cancellationToken);
            result = result.Plus(change.Audit[0].ReasonCode == NeedsListAuditActions.EscalatedReasonCode ? new(0, 1) : new(1, 0));
        }

        await transaction.CommitAsync(cancellationToken);
        return (result, ids.Count);
    }
}
