namespace Dmis.Replenishment.Domain;

/// <summary>Exact conversions between <see cref="DateTime"/> spans and decimal hours.</summary>
public static class Hours
{
    /// <summary>Exact hours from <paramref name="from"/> to <paramref name="to"/> (negative when to is earlier).</summary>
    public static decimal Between(DateTime from, DateTime to) =>
        (decimal)(to - from).Ticks / TimeSpan.TicksPerHour;

    /// <summary>
    /// <paramref name="moment"/> plus <paramref name="hours"/>, or null when the result would lie
    /// beyond <see cref="DateTime.MaxValue"/> (a stockout so far away that it has no date).
    /// </summary>
    public static DateTime? After(DateTime moment, decimal hours)
    {
        var maxHours = (decimal)(DateTime.MaxValue - moment).Ticks / TimeSpan.TicksPerHour;
        if (hours > maxHours)
        {
            return null;
        }

        return moment.AddTicks((long)(hours * TimeSpan.TicksPerHour));
    }

    /// <summary><paramref name="moment"/> plus a whole number of hours (lead times).</summary>
    public static DateTime After(DateTime moment, int hours) => moment.AddHours(hours);
}
