namespace Dmis.Replenishment.Server.Options;

/// <summary>
/// Where Kestrel listens. Without TLS one endpoint cannot serve both protocols, so gRPC (h2c)
/// and HTTP/JSON get one each.
/// </summary>
public sealed class EndpointOptions
{
    public const string Section = "Endpoints";

    public string GrpcUrl { get; set; } = "http://127.0.0.1:5080";

    public string HttpUrl { get; set; } = "http://127.0.0.1:8000";

    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[] { ("Endpoints:GrpcUrl", GrpcUrl), ("Endpoints:HttpUrl", HttpUrl) })
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Port <= 0)
            {
                yield return $"{name} must be an http URL with a port, e.g. http://127.0.0.1:5080 (got '{value}')";
            }
        }
    }
}
