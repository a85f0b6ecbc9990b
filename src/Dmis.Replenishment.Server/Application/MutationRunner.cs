using System.Security.Cryptography;
using System.Text;
using Dmis.Replenishment.Data.Idempotency;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Google.Protobuf;
using Npgsql;

namespace Dmis.Replenishment.Server.Application;

/// <summary>
/// Runs a mutation in one transaction and honours client request ids: the first response to an
/// id is stored with the change, a retry gets it back unchanged, and the same id with other
/// content is refused. Works across instances because the record lives in PostgreSQL.
/// </summary>
public sealed class MutationRunner(NpgsqlDataSource dataSource)
{
    public const int MaxRequestIdLength = 100;

    public Task<TResponse> RunAsync<TResponse>(
        string operation,
        Caller caller,
        string requestId,
        IMessage request,
        Func<DbScope, Task<TResponse>> mutation,
        CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new() =>
        RunOnceAsync(operation, caller, requestId, request, mutation, cancellationToken);

    /// <summary>
    /// A batch whose members each commit on their own (<see cref="MemberTransactions"/>). The request id's
    /// lock is held and the batch's answer stored in an outer transaction, so a retry waits for the first
    /// run and gets its answer. Should the batch fail as a whole (database down) after some members
    /// committed, nothing is stored: a retry decides the rest, and the members already decided are
    /// refused by their version check.
    /// </summary>
    public Task<TResponse> RunBatchAsync<TResponse>(
        string operation,
        Caller caller,
        string requestId,
        IMessage request,
        Func<MemberTransactions, Task<TResponse>> batch,
        CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new() =>
        RunOnceAsync(operation, caller, requestId, request, _ => batch(new MemberTransactions(dataSource, cancellationToken)), cancellationToken);

    private async Task<TResponse> RunOnceAsync<TResponse>(
        string operation,
        Caller caller,
        string requestId,
        IMessage request,
        Func<DbScope, Task<TResponse>> mutation,
        CancellationToken cancellationToken)
        where TResponse : IMessage<TResponse>, new()
    {
        if (requestId.Length > MaxRequestIdLength)
        {
            throw new DomainValidationException("request_id", $"must be at most {MaxRequestIdLength} characters");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var scope = new DbScope(connection, transaction);

        byte[]? requestHash = null;
        if (requestId.Length > 0)
        {
            requestHash = Fingerprint(operation, caller, request);
            var stored = await IdempotencyStore.LockAndFindAsync(scope, requestId, cancellationToken);
            if (stored is not null)
            {
                if (!stored.RequestHash.AsSpan().SequenceEqual(requestHash))
                {
                    throw new DomainValidationException(
                        "request_id", $"'{requestId}' was already used for a different request; use a new id");
                }

                return new MessageParser<TResponse>(() => new TResponse()).ParseFrom(stored.ResponsePayload);
            }
        }

        var response = await mutation(scope);
        if (requestHash is not null)
        {
            await IdempotencyStore.SaveAsync(
                scope, requestId, operation, caller.UserId, requestHash, response.ToByteArray(), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return response;
    }

    private static byte[] Fingerprint(string operation, Caller caller, IMessage request)
    {
        var prefix = Encoding.UTF8.GetBytes($"{operation}\n{caller.UserId}\n");
        return SHA256.HashData([.. prefix, .. request.ToByteArray()]);
    }
}
