using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Dmis.Replenishment.IntegrationTests.Infrastructure;

/// <summary>A call to a transcoded HTTP/JSON path, and what came back.</summary>
public sealed record HttpJsonReply(HttpStatusCode Status, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public static async Task<HttpJsonReply> SendAsync(
        HttpClient client, HttpMethod method, string path, string? json = null, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return new HttpJsonReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}
