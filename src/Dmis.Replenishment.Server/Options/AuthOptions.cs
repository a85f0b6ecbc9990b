namespace Dmis.Replenishment.Server.Options;

/// <summary>
/// JWT bearer settings: an OIDC authority (e.g. Keycloak) in production, or a local signing key
/// in development and tests. Exactly one of the two.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string? Authority { get; set; }

    public bool RequireHttpsMetadata { get; set; } = true;

    public string Audience { get; set; } = "dmis-replenishment";

    /// <summary>Issuer of locally signed tokens.</summary>
    public string Issuer { get; set; } = "dmis-local";

    /// <summary>HMAC-SHA256 key of locally signed tokens, at least 32 characters; only in Development unless allowed below.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// Outside the Development environment a signing key is refused at start-up (anyone holding it mints
    /// tokens of any role) unless this says, on purpose, that a local key is wanted (test harnesses, the compose demo).
    /// </summary>
    public bool AllowSigningKeyOutsideDevelopment { get; set; }

    public IEnumerable<string> Problems(bool isDevelopment)
    {
        var hasAuthority = !string.IsNullOrWhiteSpace(Authority);
        var hasKey = !string.IsNullOrWhiteSpace(SigningKey);
        if (hasAuthority == hasKey)
        {
            yield return "set exactly one of Auth:Authority (OIDC, production) and Auth:SigningKey (local tokens)";
        }

        if (hasKey && !isDevelopment && !AllowSigningKeyOutsideDevelopment)
        {
            yield return "Auth:SigningKey is accepted only in the Development environment: use Auth:Authority (OIDC), "
                + "or set Auth:AllowSigningKeyOutsideDevelopment=true for a test or demo deployment";
        }

        if (hasKey && SigningKey!.Length < 32)
        {
            yield return "Auth:SigningKey must be at least 32 characters";
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            yield return "Auth:Audience is required";
        }
    }
}
