using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dmis.Replenishment.IntegrationTests.Infrastructure;

/// <summary>
/// The receiving end of OTLP over HTTP (http/protobuf) on a free loopback port: answers every export
/// with 200 and keeps the bodies by path (/v1/logs, /v1/traces, /v1/metrics) for the test to look into.
/// </summary>
public sealed class OtlpHttpCollector : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly List<(string Path, string Body)> received = [];

    public OtlpHttpCollector()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        listener.Prefixes.Add($"{Url}/");
        listener.Start();
        _ = ReceiveAsync();
    }

    public string Url { get; }

    /// <summary>
    /// The first body posted to <paramref name="path"/> that contains <paramref name="text"/>, read as UTF-8
    /// (the strings inside protobuf stay readable).
    /// </summary>
    public async Task<string> BodyContainingAsync(string path, string text, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            lock (received)
            {
                if (received.FirstOrDefault(entry => entry.Path == path && entry.Body.Contains(text, StringComparison.Ordinal)) is { Body: not null } found)
                {
                    return found.Body;
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"nothing with '{text}' was exported to {path} within {patience.TotalSeconds} s");
    }

    public void Dispose() => listener.Close();

    private async Task ReceiveAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            lock (received)
            {
                received.Add((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
            }

            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
