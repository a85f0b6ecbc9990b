namespace Dmis.Replenishment.Server.Validation;

/// <summary>
/// The moments a request may carry: from 2000-01-01 (before any DMIS data) to one day ahead of the
/// server's clock (as_of, sync_time), or two years ahead for planned dates (expected_arrival).
/// Narrower rules of a use case (as_of not in the future) still apply after these.
/// </summary>
public static class TimestampRange
{
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly TimeSpan DefaultLookAhead = TimeSpan.FromDays(1);

    public static readonly TimeSpan PlannedLookAhead = TimeSpan.FromDays(2 * 366);

    public static DateTimeOffset Latest(string fieldName, DateTimeOffset now) =>
        now + (fieldName == "expected_arrival" ? PlannedLookAhead : DefaultLookAhead);
}
