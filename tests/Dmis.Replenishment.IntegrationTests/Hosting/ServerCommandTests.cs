using Dmis.Replenishment.Data.Schema;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Server.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ConnectionStringSql;

namespace Dmis.Replenishment.IntegrationTests.Hosting;

/// <summary>
/// The executable's operator commands, run as `Program` runs them. The connection string and the
/// signing key are given on the command line (`--Key=value`), never through the process-wide
/// environment. Console output is process-wide too: only this class redirects it (one test at a time),
/// and asserts only on what the command itself writes (other classes' servers may log meanwhile).
/// </summary>
public sealed class ServerCommandTests
{
    private const string UnreachableDatabase = "Host=127.0.0.1;Port=1;Database=dmis;Username=dmis;Password=none;Timeout=3";

    [Fact]
    public async Task Migrate_dry_run_on_an_empty_database_lists_the_pending_migrations_and_exits_0()
    {
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("commands_dryrun_empty");

        var run = await RunAsync("migrate", "--dry-run", Database(connectionString));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("nothing is changed", run.Output);
        Assert.Contains("pending migrations:", run.Output);
        Assert.All(DatabaseMigrator.EmbeddedMigrationNames(), name => Assert.Contains(name, run.Output));
        Assert.Contains("Ready to migrate.", run.Output);
        Assert.DoesNotContain("PROBLEM", run.Error);
        Assert.False(await HasChangelogAsync(connectionString));
    }

    [Fact]
    public async Task Migrate_dry_run_with_a_foreign_needs_list_table_reports_the_conflict_and_exits_non_zero()
    {
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("commands_dryrun_foreign");
        await ExecuteAsync(connectionString, "create table public.needs_list (id integer primary key)");

        var run = await RunAsync("migrate", "--dry-run", Database(connectionString));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("PROBLEM: table public.needs_list exists", run.Error);
        Assert.Contains("NOT ready to migrate.", run.Output);
        Assert.False(await HasChangelogAsync(connectionString));
    }

    [Fact]
    public async Task Migrate_then_rollback_ep02_then_migrate_again_goes_full_circle()
    {
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("commands_cycle");

        var migrate = await RunAsync("migrate", Database(connectionString));
        var again = await RunAsync("migrate", Database(connectionString));
        var rollback = await RunAsync("rollback-ep02", Database(connectionString));
        var tablesAfterRollback = await ScalarAsync<long>(connectionString,
            "select count(*) from information_schema.tables where table_schema = 'public' and table_name = 'needs_list'");
        var remigrate = await RunAsync("migrate", Database(connectionString));
        var dryRun = await RunAsync("migrate", "--dry-run", Database(connectionString));

        Assert.Equal((0, 0, 0, 0, 0), (migrate.ExitCode, again.ExitCode, rollback.ExitCode, remigrate.ExitCode, dryRun.ExitCode));
        Assert.Contains($"Applied {DatabaseMigrator.EmbeddedMigrationNames().Count} migration(s)", migrate.Output);
        Assert.Contains("Database is up to date: nothing to apply.", again.Output);
        Assert.Contains("EP-02 rolled back", rollback.Output);
        Assert.Equal(0, tablesAfterRollback);
        Assert.Contains($"Applied {DatabaseMigrator.EmbeddedMigrationNames().Count - 1} migration(s)", remigrate.Output);
        Assert.Contains("pending migrations:    (none)", dryRun.Output);
        Assert.Equal(3, await ScalarAsync<long>(connectionString, "select count(*) from lead_time_config where is_default"));
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("migrate", "--dry-run")]
    [InlineData("rollback-ep02")]
    public async Task A_database_command_on_an_unreachable_database_exits_non_zero_with_a_clear_message(params string[] command)
    {
        var run = await RunAsync([.. command, Database(UnreachableDatabase)]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"{command[0]} failed:", run.Error);
        Assert.Contains("127.0.0.1:1", run.Error);
    }

    [Fact]
    public async Task Migrate_uses_the_direct_connection_when_one_is_given()
    {
        var (_, connectionString) = await TestCluster.CreateEmptyDatabaseAsync("commands_direct");

        var run = await RunAsync("migrate", Database(UnreachableDatabase), $"--ConnectionStrings:DmisDirect={connectionString}");

        Assert.Equal(0, run.ExitCode);
        Assert.True(await HasChangelogAsync(connectionString));
    }

    [Fact]
    public async Task Migrate_without_a_connection_string_says_how_to_give_one()
    {
        var run = await RunAsync("migrate", "--ConnectionStrings:Dmis=");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no database", run.Error);
        Assert.Contains("ConnectionStrings", run.Error);
    }

    [Fact]
    public async Task Token_prints_a_signed_jwt_for_the_user_roles_and_warehouses()
    {
        var run = await RunAsync("token", "--user", "kemar", "--role", "LOGISTICS_MANAGER", "--warehouse", "1", "--warehouse", "3",
            $"--Auth:SigningKey={ReplenishmentServerFactory.SigningKey}");

        var token = run.Output.Split(Environment.NewLine).Single(line => line.StartsWith("eyJ", StringComparison.Ordinal));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            ValidIssuer = ReplenishmentServerFactory.Auth.Issuer,
            ValidAudience = ReplenishmentServerFactory.Auth.Audience,
            IssuerSigningKey = Dmis.Replenishment.Server.Auth.LocalTokenIssuer.KeyFrom(ReplenishmentServerFactory.SigningKey),
        });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, token.Split('.').Length);
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal("kemar", validation.Claims["sub"]);
        Assert.Equal([1, 3], Dmis.Replenishment.Server.Auth.TokenClaims.WarehousesOf(
            new System.Security.Claims.ClaimsPrincipal(validation.ClaimsIdentity))!.Order());
    }

    [Fact]
    public async Task Token_for_a_user_id_over_20_characters_exits_non_zero()
    {
        var run = await RunAsync("token", "--user", "a.very.long.user.name.indeed", "--role", "LOGISTICS_MANAGER",
            $"--Auth:SigningKey={ReplenishmentServerFactory.SigningKey}");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("at most 20", run.Error);
        Assert.DoesNotContain("eyJ", run.Output);
    }

    [Fact]
    public async Task Token_with_hours_that_are_not_a_number_exits_non_zero()
    {
        var run = await RunAsync("token", "--user", "kemar", "--hours", "twelve",
            $"--Auth:SigningKey={ReplenishmentServerFactory.SigningKey}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("token failed:", run.Error);
    }

    [Fact]
    public async Task Anything_but_a_command_starts_the_server()
    {
        Assert.Null(await ServerCommands.TryRunAsync([]));
        Assert.Null(await ServerCommands.TryRunAsync(["--urls=http://127.0.0.1:0"]));
    }

    private static string Database(string connectionString) => $"--ConnectionStrings:Dmis={connectionString}";

    private sealed record CommandRun(int? ExitCode, string Output, string Error);

    private static async Task<CommandRun> RunAsync(params string[] args)
    {
        var (originalOut, originalError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(TextWriter.Synchronized(output));
        Console.SetError(TextWriter.Synchronized(error));
        try
        {
            var exitCode = await ServerCommands.TryRunAsync(args);
            return new CommandRun(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    private static async Task<bool> HasChangelogAsync(string connectionString) =>
        await ScalarAsync<bool>(connectionString, "select to_regclass('public.changelog') is not null");
}
