using System.Net.Sockets;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Server.Calculation;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Npgsql;
using Status = Google.Rpc.Status;

namespace Dmis.Replenishment.Server.Errors;

/// <summary>Domain refusals and database errors as gRPC statuses.</summary>
public static class RpcErrors
{
    public static RpcException InvalidArgument(IEnumerable<FieldViolation> fields)
    {
        var list = fields.ToList();
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(list.Select(f => new BadRequest.Types.FieldViolation
        {
            Field = f.Field,
            Description = f.Description,
        }));
        return new Status
        {
            Code = (int)Code.InvalidArgument,
            Message = string.Join("; ", list.Select(f => $"{f.Field}: {f.Description}")),
            Details = { Any.Pack(badRequest) },
        }.ToRpcException();
    }

    /// <summary>RESOURCE_EXHAUSTED with a google.rpc.RetryInfo saying when to try again.</summary>
    public static Status ResourceExhaustedStatus(string message, TimeSpan retryAfter) =>
        new()
        {
            Code = (int)Code.ResourceExhausted,
            Message = message,
            Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(retryAfter) }) },
        };

    public static RpcException ResourceExhausted(string message, TimeSpan retryAfter) =>
        ResourceExhaustedStatus(message, retryAfter).ToRpcException();

    public static RpcException From(Exception exception, CancellationToken callCancelled) => exception switch
    {
        DomainValidationException invalid => InvalidArgument(invalid.Violations),
        NotFoundException => Simple(StatusCode.NotFound, exception.Message),
        PreconditionFailedException => Simple(StatusCode.FailedPrecondition, exception.Message),
        VersionConflictException => Simple(StatusCode.Aborted, exception.Message),
        PermissionDeniedException => Simple(StatusCode.PermissionDenied, exception.Message),
        AlreadyExistsException => Simple(StatusCode.AlreadyExists, exception.Message),
        CalculationQueueFullException => ResourceExhausted(exception.Message, CalculationQueueFullException.RetryAfter),
        OperationCanceledException when callCancelled.IsCancellationRequested =>
            Simple(StatusCode.Cancelled, "the call was cancelled or its deadline passed"),
        PostgresException postgres => FromPostgres(postgres),
        NpgsqlException or SocketException or TimeoutException =>
            Simple(StatusCode.Unavailable, "the database is unreachable; nothing was changed, try again shortly"),
        _ => Simple(StatusCode.Internal, "internal error; it has been logged"),
    };

    private static RpcException FromPostgres(PostgresException postgres) => postgres.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation =>
            Simple(StatusCode.AlreadyExists, $"already exists ({postgres.ConstraintName}): {postgres.Detail ?? postgres.MessageText}"),
        PostgresErrorCodes.CheckViolation =>
            InvalidArgument([new FieldViolation(postgres.ColumnName ?? postgres.ConstraintName ?? "request", $"violates {postgres.ConstraintName}")]),
        PostgresErrorCodes.ForeignKeyViolation =>
            Simple(StatusCode.FailedPrecondition, $"a referenced record does not exist ({postgres.ConstraintName})"),
        PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
            Simple(StatusCode.Aborted, "a concurrent change interfered; retry"),
        PostgresErrorCodes.QueryCanceled =>
            Simple(StatusCode.Cancelled, "the query was cancelled (deadline or cancellation)"),
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections =>
            Simple(StatusCode.Unavailable, "the database is unavailable; nothing was changed, try again shortly"),
        _ => Simple(StatusCode.Internal, "internal database error; it has been logged"),
    };

    private static RpcException Simple(StatusCode code, string message) => new(new global::Grpc.Core.Status(code, message));
}
