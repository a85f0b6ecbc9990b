using Dmis.Replenishment.Server.Streaming;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Dmis.Replenishment.Server.Health;

/// <summary>Healthy while this instance's LISTEN connection is up and caught up: without it, its streams get no live changes.</summary>
public sealed class NotificationListenerHealthCheck(PostgresNotificationListener listener) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(listener.IsListening
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("the notification listener is not connected to the database"));
}
