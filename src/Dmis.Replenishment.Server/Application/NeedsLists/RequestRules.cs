using Dmis.Replenishment.Domain;

namespace Dmis.Replenishment.Server.Application.NeedsLists;

/// <summary>Input checks shared by the needs-list use cases; each failure names its field.</summary>
public static class RequestRules
{
    /// <summary>A moment "in the future" is more than this ahead of the server's clock (client clocks drift).</summary>
    public static readonly TimeSpan ClockSkewTolerance = TimeSpan.FromMinutes(1);

    public static DateTime WholeSeconds(DateTime utc) =>
        DateTime.SpecifyKind(new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);

    /// <summary>Adds a violation unless <paramref name="id"/> is positive.</summary>
    public static void Positive(List<FieldViolation> violations, long id, string field)
    {
        if (id <= 0)
        {
            violations.Add(new(field, "must be a positive id"));
        }
    }

    /// <summary>Adds a violation when <paramref name="id"/> is negative (0 means "any").</summary>
    public static void OptionalId(List<FieldViolation> violations, long id, string field)
    {
        if (id < 0)
        {
            violations.Add(new(field, "must be a positive id, or 0 for any"));
        }
    }

    /// <summary>An optional expected version: 0 (or absent) means no check; a version is positive.</summary>
    public static void OptionalVersion(List<FieldViolation> violations, int expectedVersion)
    {
        if (expectedVersion < 0)
        {
            violations.Add(new("expected_version", "must be the version you read, or 0 for no check"));
        }
    }

    /// <summary>Adds a violation when <paramref name="moment"/> lies in the future.</summary>
    public static void NotInFuture(List<FieldViolation> violations, DateTime? moment, DateTime now, string field)
    {
        if (moment is { } value && value > now + ClockSkewTolerance)
        {
            violations.Add(new(field, $"must not be in the future (server time is {now:yyyy-MM-ddTHH:mm:ss}Z)"));
        }
    }

    public static void MaxLength(List<FieldViolation> violations, string? text, int maxLength, string field)
    {
        if (text is not null && text.Length > maxLength)
        {
            violations.Add(new(field, $"must be at most {maxLength} characters"));
        }
    }

    /// <summary>Adds a violation of "assumptions" when a generate was sent what-if assumptions: lists come from the real situation only.</summary>
    public static void NoAssumptions(List<FieldViolation> violations, bool hasAssumptions)
    {
        if (hasAssumptions)
        {
            violations.Add(new(
                "assumptions",
                "needs lists are generated from the real situation: what-if assumptions are for PreviewNeedsList and PlanEventReplenishment"));
        }
    }

    public static void ThrowIfAny(List<FieldViolation> violations)
    {
        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }
    }
}
