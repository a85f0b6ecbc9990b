namespace Dmis.Replenishment.Server.Application.Workflow;

/// <summary>
/// The workflow's "now": from the injected <see cref="TimeProvider"/> (tests use a fake one), UTC,
/// to the whole second (the timestamp(0) columns' precision), kind Unspecified as Npgsql writes
/// timestamp without time zone.
/// </summary>
public static class WorkflowClock
{
    public static DateTime Now(TimeProvider time)
    {
        var utc = time.GetUtcNow().UtcDateTime;
        return DateTime.SpecifyKind(new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Unspecified);
    }
}
