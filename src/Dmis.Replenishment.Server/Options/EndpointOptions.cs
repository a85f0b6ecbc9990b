namespace Dmis.Replenishment.Server.Options;

/// <summary>
/// Where Kestrel listens. Without TLS one endpoint cannot serve both protocols, so gRPC (h2c)
/// and HTTP/JSON get one each; metrics and probes get a third, kept off the public network.
/// </summary>
public sealed class EndpointOptions
{
    public const string Section = "Endpoints";

    public string GrpcUrl { get; set; } = "http://127.0.0.1:5080";

    public string HttpUrl { get; set; } = "http://127.0.0.1:8000";

    /// <summary>/metrics, /healthz/live and /healthz/ready (HTTP/1.1); never routed by the public proxy.</summary>
    public string ManagementUrl { get; set; } = "http://127.0.0.1:8081";

    /// <summary>The management endpoint's port (0 when <see cref="ManagementUrl"/> is not a URL, which validation reports).</summary>
    public int ManagementPort => Uri.TryCreate(ManagementUrl, UriKind.Absolute, out var uri) ? uri.Port : 0;

    public IEnumerable<string> Problems()
    {
        var ports = new Dictionary<int, string>();
        foreach (var (name, value) in new[]
                 {
                     ("Endpoints:GrpcUrl", GrpcUrl), ("Endpoints:HttpUrl", HttpUrl), ("Endpoints:ManagementUrl", ManagementUrl),
                 })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Port <= 0)
            {
                yield return $"{name} must be an http URL with a port, e.g. http://127.0.0.1:5080 (got '{value}')";
            }
            else if (!ports.TryAdd(uri.Port, name))
            {
                yield return $"{name} must not share port {uri.Port} with {ports[uri.Port]}";
            }
        }
    }
}
