namespace Dmis.Replenishment.Domain.Errors;

/// <summary>
/// A refusal the caller can act on. The server maps each kind to one gRPC status code.
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>The thing asked for does not exist (NOT_FOUND).</summary>
public sealed class NotFoundException(string what, object id)
    : DomainException($"{what} {id} was not found");

/// <summary>The thing exists but is in the wrong state for the request (FAILED_PRECONDITION).</summary>
public sealed class PreconditionFailedException(string message) : DomainException(message);

/// <summary>Someone changed the row since the caller read it (ABORTED).</summary>
public sealed class VersionConflictException(string what, object id, int expected, int? actual)
    : DomainException(actual is null
        ? $"{what} {id} was changed concurrently (expected version {expected}); read it again and retry"
        : $"{what} {id} is at version {actual}, not the expected version {expected}; read it again and retry");

/// <summary>The caller's role or relation to the record forbids the action (PERMISSION_DENIED).</summary>
public sealed class PermissionDeniedException(string message) : DomainException(message);

/// <summary>The thing to create exists already (ALREADY_EXISTS).</summary>
public sealed class AlreadyExistsException(string message) : DomainException(message);
