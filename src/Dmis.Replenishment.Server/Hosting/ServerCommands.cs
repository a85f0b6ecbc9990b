using Dmis.Replenishment.Data.Demo;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.Schema;
using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Options;
using EvolveDb;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Npgsql;

namespace Dmis.Replenishment.Server.Hosting;

/// <summary>
/// The operator commands of the server executable: `migrate [--dry-run] [--demo-data]`, `rollback-ep02`,
/// `app-login --user NAME [--password PW]` (the service's login role, a member of dmis_app_user),
/// `token --user U --role R [--role R2] [--warehouse ID ...] [--hours H]` and `healthcheck` (grpc.health.v1 of the local
/// server, for container health checks). Anything else starts the server.
/// </summary>
public static class ServerCommands
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        var rest = args[1..];
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(rest),
                "rollback-ep02" => await RollbackAsync(rest),
                "app-login" => await AppLoginAsync(rest),
                "token" => IssueToken(rest),
                "healthcheck" => await HealthCheckAsync(rest),
                _ => null,
            };
        }
        catch (Exception exception) when (exception is NpgsqlException or EvolveException or ArgumentException or FormatException or InvalidOperationException or RpcException)
        {
            await Console.Error.WriteLineAsync($"{args[0]} failed: {Describe(exception)}");
            return 1;
        }
    }

    /// <summary>The message and, where it does not already say them, its causes' (Evolve wraps the PostgreSQL error).</summary>
    private static string Describe(Exception exception)
    {
        var text = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!text.Contains(inner.Message, StringComparison.Ordinal))
            {
                text += $" ({inner.Message})";
            }
        }

        return text;
    }

    private static async Task<int> MigrateAsync(string[] args)
    {
        var dryRun = args.Contains("--dry-run");
        var migrator = new DatabaseMigrator(ConnectionString(args), Console.WriteLine);
        if (!dryRun)
        {
            var applied = migrator.Migrate();
            Console.WriteLine(applied.Count == 0
                ? "Database is up to date: nothing to apply."
                : $"Applied {applied.Count} migration(s): {string.Join(", ", applied)}");
            if (args.Contains("--demo-data"))
            {
                await using var dataSource = DmisDataSource.Create(ConnectionString(args));
                Console.WriteLine(await DemoData.LoadIfEmptyAsync(dataSource, CancellationToken.None)
                    ? "Demo data loaded."
                    : "Demo data not loaded: the database has events already.");
            }

            return 0;
        }

        var report = await migrator.DryRunAsync(CancellationToken.None);
        Console.WriteLine("Pre-flight (migration guide, step 1) - nothing is changed:");
        Console.WriteLine($"  server version:        {report.ServerVersionText}");
        Console.WriteLine($"  legacy tables present: {List(report.LegacyTablesPresent)}");
        Console.WriteLine($"  EP-02 names in the way: {List(report.ConflictingTables)}");
        Console.WriteLine($"  applied migrations:    {List(report.AppliedVersions)}");
        Console.WriteLine($"  pending migrations:    {List(report.PendingMigrations)}");
        foreach (var problem in report.Problems())
        {
            await Console.Error.WriteLineAsync($"  PROBLEM: {problem}");
        }

        Console.WriteLine(report.IsReady ? "Ready to migrate." : "NOT ready to migrate.");
        return report.IsReady ? 0 : 2;
    }

    private static async Task<int> RollbackAsync(string[] args)
    {
        await new DatabaseMigrator(ConnectionString(args), Console.WriteLine).RollbackEp02Async(CancellationToken.None);
        return 0;
    }

    private static async Task<int> AppLoginAsync(string[] args)
    {
        var login = ValueOf(args, "--user") ?? throw new ArgumentException("--user is required");
        await ApplicationLogin.EnsureAsync(ConnectionString(args), login, ValueOf(args, "--password"), CancellationToken.None);
        Console.WriteLine($"Login role {login} is a member of dmis_app_user: connect the service as it.");
        return 0;
    }

    private static int IssueToken(string[] args)
    {
        var user = ValueOf(args, "--user") ?? throw new ArgumentException("--user is required");
        var roles = ValuesOf(args, "--role");
        var warehouses = ValuesOf(args, "--warehouse").Select(int.Parse);
        var hours = ValueOf(args, "--hours") is { } text ? int.Parse(text) : 12;
        var auth = Configuration(args).GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        Console.WriteLine(new LocalTokenIssuer(auth).Issue(user, roles, TimeSpan.FromHours(hours), warehouses));
        return 0;
    }

    private static async Task<int> HealthCheckAsync(string[] args)
    {
        var endpoints = Configuration(args).GetSection(EndpointOptions.Section).Get<EndpointOptions>() ?? new EndpointOptions();
        var address = new UriBuilder(endpoints.GrpcUrl) { Host = "127.0.0.1" }.Uri;
        using var channel = GrpcChannel.ForAddress(address);
        var reply = await new global::Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(
            new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(4));
        Console.WriteLine(reply.Status);
        return reply.Status == HealthCheckResponse.Types.ServingStatus.Serving ? 0 : 1;
    }

    /// <summary>DmisDirect, else Dmis: migrations hold a session-level lock that a transaction pooler would not keep.</summary>
    private static string ConnectionString(string[] args)
    {
        var configuration = Configuration(args);
        return new[] { configuration.GetConnectionString("DmisDirect"), configuration.GetConnectionString("Dmis") }
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))
            ?? throw new InvalidOperationException(
                "no database: set ConnectionStrings__Dmis or pass --ConnectionStrings:Dmis=... (e.g. Host=127.0.0.1;Username=postgres;Database=dmis)");
    }

    /// <summary>The same configuration sources as the server: appsettings, environment, command line.</summary>
    private static IConfiguration Configuration(string[] args) =>
        WebApplication.CreateBuilder(args.Where(arg => arg.Contains('=')).ToArray()).Configuration;

    private static string? ValueOf(string[] args, string name) => ValuesOf(args, name).LastOrDefault();

    private static List<string> ValuesOf(string[] args, string name) =>
        args.Select((arg, index) => (arg, index))
            .Where(pair => pair.arg == name && pair.index + 1 < args.Length)
            .Select(pair => args[pair.index + 1])
            .ToList();

    private static string List(IReadOnlyList<string> items) => items.Count == 0 ? "(none)" : string.Join(", ", items);
}
