using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Dmis.Replenishment.IntegrationTests.Operability;

/// <summary>
/// The real server executable on real ports (Kestrel, not the in-memory test server), for
/// clients from outside .NET: the smoke script, curl, a Prometheus scrape.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private LiveServer(Process process, int grpcPort, int httpPort)
    {
        this.process = process;
        GrpcAddress = $"127.0.0.1:{grpcPort}";
        HttpUrl = $"http://127.0.0.1:{httpPort}";
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string GrpcAddress { get; }

    public string HttpUrl { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static async Task<LiveServer> StartAsync(string connectionString, string signingKey)
    {
        var (grpcPort, httpPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet", [ServerAssembly()])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(ServerAssembly())!,
            Environment =
            {
                ["ConnectionStrings__Dmis"] = connectionString,
                ["Auth__SigningKey"] = signingKey,
                ["Database__MigrateOnStartup"] = "false",
                ["Endpoints__GrpcUrl"] = $"http://127.0.0.1:{grpcPort}",
                ["Endpoints__HttpUrl"] = $"http://127.0.0.1:{httpPort}",
                ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            },
        };
        var server = new LiveServer(Process.Start(start)!, grpcPort, httpPort);
        await server.WaitUntilServingAsync();
        return server;
    }

    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dmis.Grpc.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root (Dmis.Grpc.sln) not found");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                var response = await http.GetAsync($"{HttpUrl}/api/v1/health/");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the server did not become healthy:\n{Output}");
    }

    /// <summary>The server executable, copied next to these tests by the project reference.</summary>
    private static string ServerAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Dmis.Replenishment.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("the server executable is missing", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
