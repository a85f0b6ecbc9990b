namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>
/// The demand window of a burn rate (SPEC 3.2): dispatches in (<see cref="Start"/>, <see cref="End"/>],
/// split for reading. The whole hours in (<see cref="WholeHoursFrom"/>, <see cref="WholeHoursTo"/>] come
/// from the hourly demand summary, whose buckets are (hour_end - 1 h, hour_end]; the partial hours at
/// the edges, (Start, WholeHoursFrom] and (WholeHoursTo, End], from the raw fulfilment lines. The three
/// ranges never overlap and together are exactly the window. A window without a whole hour in it
/// has WholeHoursFrom = WholeHoursTo = End: everything comes from the lines.
/// </summary>
public sealed record DemandWindow(DateTime Start, DateTime End, DateTime WholeHoursFrom, DateTime WholeHoursTo)
{
    /// <summary>The window's length in hours (a whole number: windows are configured in hours).</summary>
    public int LengthHours => (int)((End - Start).Ticks / TimeSpan.TicksPerHour);

    /// <summary>The window of <paramref name="hours"/> hours ending at <paramref name="end"/> (as_of).</summary>
    public static DemandWindow Ending(DateTime end, int hours)
    {
        if (hours <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(hours), hours, "The demand window must be greater than 0 hours.");
        }

        var start = end.AddHours(-hours);
        var firstBoundary = CeilingToHour(start);
        var lastBoundary = FloorToHour(end);
        return firstBoundary < lastBoundary
            ? new DemandWindow(start, end, firstBoundary, lastBoundary)
            : new DemandWindow(start, end, end, end);
    }

    private static DateTime FloorToHour(DateTime moment) =>
        new(moment.Ticks - moment.Ticks % TimeSpan.TicksPerHour, moment.Kind);

    private static DateTime CeilingToHour(DateTime moment)
    {
        var floor = FloorToHour(moment);
        return floor == moment ? floor : floor.AddHours(1);
    }
}
