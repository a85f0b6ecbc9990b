using Grpc.Net.Client.Configuration;

namespace Dmis.Replenishment.Client;

/// <summary>
/// The gRPC service config the clients use: retries on UNAVAILABLE for calls that are safe to
/// repeat (reads, and streams before their first message). Mutations are not retried here:
/// their request_id makes a caller's own retry safe.
/// </summary>
internal static class ReplenishmentServiceConfig
{
    private const string Package = "dmis.replenishment.v1";

    private static readonly (string Service, string[] Methods)[] IdempotentMethods =
    [
        ("EventPhaseService", ["GetEvent", "ListEvents", "ListPhaseHistory", "GetPhaseConfig", "WatchPhaseChanges"]),
        ("NeedsListService", ["GetStockStatus", "GetDataFreshness", "PreviewNeedsList", "GetNeedsList", "ListNeedsLists",
            "ListNeedsListAudit", "WatchNeedsListEvents"]),
        ("ProcurementService", ["GetProcurement", "ListProcurements", "GetSupplier", "ListSuppliers", "ListLeadTimes"]),
    ];

    public static ServiceConfig Create(int maxAttempts)
    {
        var retried = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = maxAttempts,
                InitialBackoff = TimeSpan.FromMilliseconds(200),
                MaxBackoff = TimeSpan.FromSeconds(3),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { Grpc.Core.StatusCode.Unavailable },
            },
        };
        foreach (var (service, methods) in IdempotentMethods)
        {
            foreach (var method in methods)
            {
                retried.Names.Add(new MethodName { Service = $"{Package}.{service}", Method = method });
            }
        }

        return new ServiceConfig { MethodConfigs = { retried } };
    }
}
