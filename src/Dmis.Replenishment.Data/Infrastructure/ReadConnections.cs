using Npgsql;

namespace Dmis.Replenishment.Data.Infrastructure;

/// <summary>
/// Where the read-only calls take their connections: the standby (ConnectionStrings:DmisReadOnly)
/// while it is within the lag bound, else the primary. Reads of a needs list written recently
/// (<see cref="RecentNeedsListWrites"/>) go to the primary; one the standby does not have yet is
/// looked for on the primary too. Writes never come here: they open their transaction on the
/// primary's <see cref="NpgsqlDataSource"/>.
/// </summary>
public sealed class ReadConnections(NpgsqlDataSource primary, StandbyReplica? standby, RecentNeedsListWrites recentWrites) : IDisposable
{
    /// <summary>A connection for a read-only call, and the data source it came from (for reads beside it).</summary>
    public async Task<(NpgsqlConnection Connection, NpgsqlDataSource Source)> OpenWithSourceAsync(CancellationToken cancellationToken)
    {
        if (standby is not null && await standby.IsFreshEnoughAsync(cancellationToken))
        {
            try
            {
                return (await standby.DataSource.OpenConnectionAsync(cancellationToken), standby.DataSource);
            }
            catch (NpgsqlException)
            {
                standby.MarkUnusable();
            }
        }

        return (await primary.OpenConnectionAsync(cancellationToken), primary);
    }

    /// <summary>A connection for a read-only call.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) =>
        (await OpenWithSourceAsync(cancellationToken)).Connection;

    /// <summary>
    /// Reads one needs list: on the primary when it was written recently, else where
    /// <see cref="OpenAsync"/> says, and on the primary again when the standby does not have it
    /// (<paramref name="read"/> returned null: a list just generated through another instance).
    /// </summary>
    public async Task<T?> ReadNeedsListAsync<T>(
        int needsListId, Func<NpgsqlConnection, Task<T?>> read, CancellationToken cancellationToken)
        where T : class
    {
        if (!recentWrites.Contains(needsListId))
        {
            var (connection, source) = await OpenWithSourceAsync(cancellationToken);
            await using (connection)
            {
                var found = await read(connection);
                if (found is not null || source == primary)
                {
                    return found;
                }
            }
        }

        await using var onPrimary = await primary.OpenConnectionAsync(cancellationToken);
        return await read(onPrimary);
    }

    /// <summary>Closes the standby's pool; the primary's belongs to the container.</summary>
    public void Dispose() => standby?.Dispose();
}
