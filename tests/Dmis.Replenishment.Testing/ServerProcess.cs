using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Dmis.Replenishment.Testing;

/// <summary>
/// The real server executable (Dmis.Replenishment.Server.dll, copied next to the bench by the
/// project reference of the running test or bench program) on free loopback ports, configured through the environment like a
/// deployment: connection string, local signing key, no migration on start-up. Used by the smoke
/// tests (clients from outside .NET) and the benchmarks. Output is drained (a full pipe would block the server) and
/// its tail kept for error messages.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int TailLines = 200;
    private readonly Process process;
    private readonly Queue<string> tail = new();

    private ServerProcess(Process process, string name, int grpcPort, int httpPort, int managementPort)
    {
        this.process = process;
        Name = name;
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        HttpUrl = $"http://127.0.0.1:{httpPort}";
        ManagementUrl = $"http://127.0.0.1:{managementPort}";
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string GrpcAddress { get; }

    public string HttpUrl { get; }

    /// <summary>Metrics and the liveness/readiness probes.</summary>
    public string ManagementUrl { get; }

    public int ProcessId => process.Id;

    public string Tail
    {
        get
        {
            lock (tail)
            {
                return string.Join(Environment.NewLine, tail);
            }
        }
    }

    public static async Task<ServerProcess> StartAsync(
        string name, string connectionString, string signingKey, string logLevel,
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var assembly = ServerAssembly();
        var (grpcPort, httpPort, managementPort) = (FreePort(), FreePort(), FreePort());
        var start = new ProcessStartInfo(DotnetHost(), [assembly])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            Environment =
            {
                ["ConnectionStrings__Dmis"] = connectionString,
                ["Auth__SigningKey"] = signingKey,
                ["Auth__AllowSigningKeyOutsideDevelopment"] = "true",
                ["Database__MigrateOnStartup"] = "false",
                ["Database__LoadDemoData"] = "false",
                ["Endpoints__GrpcUrl"] = $"http://127.0.0.1:{grpcPort}",
                ["Endpoints__HttpUrl"] = $"http://127.0.0.1:{httpPort}",
                ["Endpoints__ManagementUrl"] = $"http://127.0.0.1:{managementPort}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Logging__LogLevel__Default"] = logLevel,
                ["Logging__LogLevel__Microsoft.AspNetCore"] = logLevel,
                ["Logging__LogLevel__Grpc"] = logLevel,
            },
        };
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (variable, value) in environment)
        {
            start.Environment[variable] = value;
        }

        var server = new ServerProcess(Process.Start(start)!, name, grpcPort, httpPort, managementPort);
        try
        {
            await server.WaitUntilServingAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Peak resident set (VmHWM) and current resident set (VmRSS), MB, from /proc.</summary>
    public (double PeakMb, double CurrentMb) Memory()
    {
        double peak = 0, current = 0;
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = KilobytesToMb(line);
            }
            else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                current = KilobytesToMb(line);
            }
        }

        return (peak, current);
    }

    /// <summary>CPU time (user + system) the process has used so far, from /proc/PID/stat.</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // Fields after the command name "(...)": state is field 3; utime and stime are fields 14 and 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
        }

        process.Dispose();
    }

    /// <summary>USER_HZ: 100 on every Linux we run on.</summary>
    private const int ClockTicksPerSecond = 100;

    private static double KilobytesToMb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;

    private async Task WaitUntilServingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"server {Name} exited with {process.ExitCode}:{Environment.NewLine}{Tail}");
            }

            try
            {
                var response = await http.GetAsync($"{HttpUrl}/api/v1/health/", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"server {Name} did not become healthy within 90 s:{Environment.NewLine}{Tail}");
    }

    private static string ServerAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Dmis.Replenishment.Server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("the server executable is missing next to this program", path);
    }

    /// <summary>The dotnet host running us (dotnet run / dotnet test set DOTNET_HOST_PATH), else "dotnet" on the PATH.</summary>
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
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

        lock (tail)
        {
            tail.Enqueue(line);
            while (tail.Count > TailLines)
            {
                tail.Dequeue();
            }
        }
    }
}
