namespace Dmis.Replenishment.Server.Health;

/// <summary>The checks that decide readiness (and grpc.health.v1 / /api/v1/health/) carry this tag.</summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";
}
