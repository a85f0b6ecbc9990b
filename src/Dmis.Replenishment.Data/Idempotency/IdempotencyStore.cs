using Dapper;
using Dmis.Replenishment.Data.Infrastructure;

namespace Dmis.Replenishment.Data.Idempotency;

/// <summary>
/// The first response to each client request id, kept in PostgreSQL so that a retry reaching
/// any instance gets the same answer.
/// </summary>
public static class IdempotencyStore
{
    public sealed record StoredResponse(byte[] RequestHash, byte[] ResponsePayload);

    /// <summary>
    /// Serialises requests with the same id for the rest of the transaction, then returns the
    /// response stored for it, if any.
    /// </summary>
    public static async Task<StoredResponse?> LockAndFindAsync(
        DbScope scope, string requestId, CancellationToken cancellationToken)
    {
        var (connection, transaction) = scope;
        await connection.ExecuteAsync(new CommandDefinition(
            "select pg_advisory_xact_lock(hashtextextended(@requestId, 7411))",
            new { requestId }, transaction, cancellationToken: cancellationToken));
        return await connection.QuerySingleOrDefaultAsync<StoredResponse>(new CommandDefinition(
            "select request_hash, response_payload from idempotency_record where request_id = @requestId",
            new { requestId }, transaction, cancellationToken: cancellationToken));
    }

    public static Task SaveAsync(
        DbScope scope,
        string requestId,
        string operation,
        string actor,
        byte[] requestHash,
        byte[] responsePayload,
        CancellationToken cancellationToken) =>
        scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into idempotency_record (request_id, operation, actor_user_id, request_hash, response_payload)
            values (@requestId, @operation, @actor, @requestHash, @responsePayload)
            """,
            new { requestId, operation, actor, requestHash, responsePayload }, scope.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> records created before <paramref name="cutoff"/>; rows another
    /// instance is deleting (or a retry is reading under lock) are skipped, so instances never wait on each other.
    /// </summary>
    public static Task<int> PruneBatchAsync(
        Npgsql.NpgsqlDataSource dataSource, DateTime cutoff, int batchSize, CancellationToken cancellationToken) =>
        ExecuteAsync(dataSource, new CommandDefinition(
            """
            with doomed as (
                select request_id from idempotency_record
                 where created_at < @cutoff
                 order by created_at
                 limit @batchSize
                   for update skip locked)
            delete from idempotency_record record
             using doomed
             where record.request_id = doomed.request_id
            """,
            new { cutoff, batchSize }, cancellationToken: cancellationToken));

    private static async Task<int> ExecuteAsync(Npgsql.NpgsqlDataSource dataSource, CommandDefinition command)
    {
        await using var connection = await dataSource.OpenConnectionAsync(command.CancellationToken);
        return await connection.ExecuteAsync(command);
    }
}
