using Dmis.Replenishment.Data.Fulfilment;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain.Fulfilment;
using Dmis.Replenishment.Domain.Workflow;
using Npgsql;

namespace Dmis.Replenishment.Server.Application.Fulfilment;

/// <summary>
/// One pass over the IN_PROGRESS needs lists: those whose every line has received what it must
/// (transfers received and pledges verified by the DMIS main application's own writes count the
/// moment they commit) are completed through <see cref="NeedsListCompletion"/>, which locks each and
/// decides again. One instance sweeps at a time (an advisory lock held for the pass).
/// </summary>
public sealed class FulfilmentSweeper(NpgsqlDataSource dataSource, NeedsListCompletion completion)
{
    /// <summary>The actor of the status changes the sweep writes.</summary>
    public const string Actor = "SYSTEM";

    /// <summary>Completes every fulfilled list in progress; how many it completed.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var scope = new DbScope(connection, transaction);

        var ids = await FulfilmentStore.InProgressForSweepAsync(scope, NeedsListStatus.InProgress.ToWord(), cancellationToken);
        if (ids.Count == 0)
        {
            return 0;
        }

        var receipts = await FulfilmentStore.ReceiptsAsync(scope, ids, cancellationToken);
        var done = receipts.GroupBy(line => line.NeedsListId)
            .Where(list => LineProgress.AllDone(list.Select(line => line.Progress())))
            .Select(list => list.Key)
            .ToList();
        var completed = 0;
        foreach (var needsListId in done)
        {
            if (await completion.CompleteIfFulfilledAsync(scope, needsListId, Actor, "seen by the fulfilment sweep", cancellationToken))
            {
                completed++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return completed;
    }
}
