using Dapper;
using Npgsql;

namespace Dmis.Replenishment.Data.Infrastructure;

/// <summary>
/// A streaming standby (ConnectionStrings:DmisReadOnly) and whether it is fresh enough to answer
/// reads: its replay lag is measured at most once per <see cref="CheckInterval"/> by this instance
/// and compared with the bound. A failed or timed-out check, or a server that is not in recovery,
/// counts as unusable until the next check; meanwhile the primary answers.
/// </summary>
public sealed class StandbyReplica(NpgsqlDataSource dataSource, TimeSpan maxLag, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Seconds behind the primary. Caught up (all WAL received is replayed, and the WAL receiver is
    /// streaming) counts as 0: on a quiet primary the last replayed commit grows old although nothing
    /// is missing. The receiver's status is visible only to superusers and members of
    /// pg_read_all_stats; for others only the age of the last replayed commit counts. NULL (nothing
    /// replayed yet) is unusable.
    /// </summary>
    private const string LagSql =
        """
        select pg_is_in_recovery() as in_recovery,
               case when pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn()
                         and exists (select 1 from pg_stat_wal_receiver where status = 'streaming')
                    then 0
                    else extract(epoch from now() - pg_last_xact_replay_timestamp())::float8
               end as lag_seconds
        """;

    private readonly SemaphoreSlim checking = new(1, 1);
    private Check? last;

    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>
    /// True while the standby's last check found it within the bound. A caller that finds the check
    /// out of date runs it; callers meanwhile take the previous answer (unusable before the first).
    /// </summary>
    public async Task<bool> IsFreshEnoughAsync(CancellationToken cancellationToken)
    {
        var known = Volatile.Read(ref last);
        if (known is not null && time.GetElapsedTime(known.At) < CheckInterval)
        {
            return known.Usable;
        }

        if (!await checking.WaitAsync(0, cancellationToken))
        {
            return known?.Usable ?? false;
        }

        try
        {
            var usable = await MeasureAsync(cancellationToken);
            Volatile.Write(ref last, new Check(usable, time.GetTimestamp()));
            return usable;
        }
        finally
        {
            checking.Release();
        }
    }

    /// <summary>The standby refused a connection: the primary answers until the next check.</summary>
    public void MarkUnusable() => Volatile.Write(ref last, new Check(false, time.GetTimestamp()));

    public void Dispose()
    {
        checking.Dispose();
        dataSource.Dispose();
    }

    private async Task<bool> MeasureAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(timeout.Token);
            var (inRecovery, lagSeconds) = await connection.QuerySingleAsync<(bool, double?)>(
                new CommandDefinition(LagSql, cancellationToken: timeout.Token));
            return inRecovery && lagSeconds is { } lag && lag <= maxLag.TotalSeconds;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }

    private sealed record Check(bool Usable, long At);
}
