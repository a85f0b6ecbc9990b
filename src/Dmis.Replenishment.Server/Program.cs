using Dmis.Replenishment.Server.Hosting;

if (await ServerCommands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddReplenishmentServer();

var app = builder.Build();
app.UseReplenishmentServer();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the integration tests.</summary>
public partial class Program;
