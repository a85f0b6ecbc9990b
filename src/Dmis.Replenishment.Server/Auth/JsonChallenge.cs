using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Dmis.Replenishment.Server.Auth;

/// <summary>
/// A refused token on an HTTP/JSON path answers 401 with the same JSON status body as every other
/// error (code 16, UNAUTHENTICATED). gRPC calls keep the plain challenge: their clients read the HTTP 401.
/// </summary>
public static class JsonChallenge
{
    public static async Task WriteAsync(JwtBearerChallengeContext context)
    {
        var http = context.HttpContext;
        if (http.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            return;
        }

        context.HandleResponse();
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        var message = context.AuthenticateFailure is null
            ? "a bearer token is required"
            : "the bearer token was refused (signature, issuer, audience or expiry)";
        await http.Response.WriteAsJsonAsync(new { code = 16, message, details = Array.Empty<object>() }, http.RequestAborted);
    }
}
