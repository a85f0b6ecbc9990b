using Dmis.Replenishment.Domain;

namespace Dmis.Replenishment.Server.Grpc;

/// <summary>Moments (UTC, whole seconds, kind Unspecified as the database holds them) as Unix seconds in page tokens.</summary>
public static class UnixSeconds
{
    public static long Of(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeSeconds();

    /// <summary>The moment of <paramref name="seconds"/>; refused (naming <paramref name="field"/>) unless it is between 1970 and now.</summary>
    public static DateTime ToMoment(long seconds, string field)
    {
        if (seconds < 0 || seconds > DateTimeOffset.UtcNow.ToUnixTimeSeconds())
        {
            throw new DomainValidationException(field, "is not a token this call returned");
        }

        return DateTime.SpecifyKind(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime, DateTimeKind.Unspecified);
    }
}
