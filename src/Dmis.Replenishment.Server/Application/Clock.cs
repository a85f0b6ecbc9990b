namespace Dmis.Replenishment.Server.Application;

/// <summary>
/// The service's one "now": from the injected <see cref="TimeProvider"/> (tests use a fake one), UTC,
/// to the whole second (the timestamp(0) columns' precision), kind Unspecified as Npgsql writes
/// timestamp without time zone. SQL never decides the time: writes take this moment as a parameter.
/// </summary>
public static class Clock
{
    public static DateTime Now(this TimeProvider time)
    {
        var utc = time.GetUtcNow().UtcDateTime;
        return DateTime.SpecifyKind(new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
    }
}
