using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Options;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dmis.Replenishment.IntegrationTests.Infrastructure;

/// <summary>
/// One in-memory server instance on a given database. Two factories on one database behave
/// like two replicas behind a load balancer (they share nothing but PostgreSQL).
/// <paramref name="settings"/> adds to or overrides the configuration (e.g. ConnectionStrings:DmisReadOnly).
/// </summary>
public sealed class ReplenishmentServerFactory(
    string connectionString,
    Action<IServiceCollection>? configureServices = null,
    IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public const string SigningKey = "integration-tests-signing-key-0123456789abcdef";

    public static readonly AuthOptions Auth = new() { SigningKey = SigningKey };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Dmis"] = connectionString,
            ["Database:MigrateOnStartup"] = "false",
            ["Auth:SigningKey"] = SigningKey,
            ["Auth:AllowSigningKeyOutsideDevelopment"] = "true",
        }).AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        if (configureServices is not null)
        {
            builder.ConfigureServices(configureServices);
        }
    }

    public GrpcChannel CreateChannel() =>
        GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = Server.CreateHandler(),
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });

    /// <summary>
    /// The warehouses test tokens name unless a test says otherwise: every id the fixtures seed (1-50),
    /// so officers and managers act where the tests expect; the warehouse-authority tests issue their own.
    /// </summary>
    public static readonly IReadOnlyList<int> SeededWarehouses = Enumerable.Range(1, 50).ToList();

    public static string Token(string user, params string[] roles) => TokenFor(user, SeededWarehouses, roles);

    public static string TokenFor(string user, IEnumerable<int> warehouses, params string[] roles) =>
        new LocalTokenIssuer(Auth).Issue(user, roles, TimeSpan.FromHours(1), warehouses);

    public static Metadata Bearer(string token) => new() { { "Authorization", $"Bearer {token}" } };
}
