using Dmis.Replenishment.Data.Infrastructure;
using Npgsql;

namespace Dmis.Replenishment.Server.Application;

/// <summary>
/// Runs each member of a batch in a transaction of its own: committed when it succeeds, rolled back
/// when it throws, so one refused member never undoes or blocks the others.
/// </summary>
public sealed class MemberTransactions(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
{
    public async Task<T> RunAsync<T>(Func<DbScope, Task<T>> member)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await member(new DbScope(connection, transaction));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}
