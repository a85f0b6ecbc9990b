using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Server.Options;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.IntegrationTests.Hosting;

/// <summary>Outside Development a local signing key stops the server at start, unless allowed on purpose.</summary>
public sealed class ProductionSafetyTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public void A_signing_key_outside_development_stops_the_server_naming_the_setting()
    {
        using var factory = new ReplenishmentServerFactory(fixture.ConnectionString, services =>
            services.PostConfigure<AuthOptions>(options => options.AllowSigningKeyOutsideDevelopment = false));

        var exception = Assert.ThrowsAny<OptionsValidationException>(() => factory.Server);

        Assert.Contains("Auth:SigningKey is accepted only in the Development environment", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_development_settings_with_their_key_are_not_published()
    {
        var project = File.ReadAllText(Path.Combine(RepositoryRoot(), "src/Dmis.Replenishment.Server/Dmis.Replenishment.Server.csproj"));

        Assert.Contains("<Content Update=\"appsettings.Development.json\" CopyToPublishDirectory=\"Never\" />", project);
    }

    [Fact]
    public void Compose_refuses_to_start_without_a_signing_key_of_its_own()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot(), "docker-compose.yml"));

        Assert.Contains("${DMIS_SIGNING_KEY:?", compose);
        Assert.DoesNotContain("${DMIS_SIGNING_KEY:-", compose);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dmis.Grpc.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Dmis.Grpc.sln not found above the test binaries");
    }
}
