using System.Threading.RateLimiting;
using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Errors;
using Dmis.Replenishment.Server.Options;
using Dmis.Replenishment.V1;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Hosting;

/// <summary>
/// ASP.NET Core rate limiting of mutating RPCs (those whose request has a request_id), per user, over
/// both transports: a fixed window of RateLimiting:MutationsPerMinute. Reads are never limited. A refusal
/// is RESOURCE_EXHAUSTED with a google.rpc.RetryInfo: a gRPC status to gRPC clients, HTTP 429 with the
/// JSON status body and Retry-After to HTTP/JSON callers.
/// </summary>
public static class RateLimitingExtensions
{
    private static readonly HashSet<string> MutatingMethods =
        new[] { EventPhaseService.Descriptor, NeedsListService.Descriptor, ProcurementService.Descriptor }
            .SelectMany(service => service.Methods)
            .Where(method => method.InputType.FindFieldByName("request_id") is not null)
            .Select(method => $"{method.Service.FullName}/{method.Name}")
            .ToHashSet(StringComparer.Ordinal);

    public static IServiceCollection AddReplenishmentRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitingOptions>>(new ProblemsValidator<RateLimitingOptions>(o => o.Problems()));
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context)
    {
        var perMinute = context.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.MutationsPerMinute;
        if (perMinute == 0 || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not { } grpc
            || !MutatingMethods.Contains($"{grpc.Method.ServiceName}/{grpc.Method.Name}"))
        {
            return RateLimitPartition.GetNoLimiter("unlimited");
        }

        var user = context.User.FindFirst(TokenClaims.UserName)?.Value ?? context.User.FindFirst("sub")?.Value ?? "";
        return RateLimitPartition.GetFixedWindowLimiter("user:" + user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var status = RpcErrors.ResourceExhaustedStatus(
            $"too many changes by this user; retry in {Math.Ceiling(retryAfter.TotalSeconds)} s", retryAfter);
        var response = rejected.HttpContext.Response;
        if (rejected.HttpContext.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            // A trailers-only gRPC response: the status travels in the headers, with no message.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = status.Code.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(status.Message);
            response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray()).TrimEnd('=');
            return;
        }

        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentType = "application/json";
        await response.WriteAsync(HttpStatusBody.Json(status), cancellationToken);
    }
}
