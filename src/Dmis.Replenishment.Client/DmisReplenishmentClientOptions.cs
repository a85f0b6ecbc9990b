namespace Dmis.Replenishment.Client;

/// <summary>How the typed clients reach the DMIS replenishment service.</summary>
public sealed class DmisReplenishmentClientOptions
{
    /// <summary>The gRPC (h2c or TLS) address, e.g. http://127.0.0.1:5080.</summary>
    public Uri Address { get; set; } = new("http://127.0.0.1:5080");

    /// <summary>
    /// Supplies the bearer token for each call (e.g. the incoming request's token, or one from
    /// your identity provider). Null or empty sends no Authorization header.
    /// </summary>
    public Func<IServiceProvider, CancellationToken, Task<string?>>? BearerToken { get; set; }

    /// <summary>Deadline given to unary calls that set none. Streams have no default deadline.</summary>
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts for idempotent (read) calls that fail with UNAVAILABLE.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>HTTP/2 keep-alive ping interval, so idle streams survive proxies and notice dead servers.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(30);
}
