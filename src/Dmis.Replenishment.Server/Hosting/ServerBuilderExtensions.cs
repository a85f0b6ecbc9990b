using Dmis.Replenishment.Server.Calculation;
using Dmis.Replenishment.Server.Exports;
using Dmis.Replenishment.Server.Options;
using Dmis.Replenishment.Server.Validation;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Hosting;

public static class ServerBuilderExtensions
{
    public static WebApplicationBuilder AddReplenishmentServer(this WebApplicationBuilder builder)
    {
        builder.Services.AddReplenishmentData(builder.Configuration);
        builder.Services.AddReplenishmentCalculation();
        builder.Services.AddReplenishmentAuth(builder.Configuration, builder.Environment);
        builder.Services.AddReplenishmentGrpc(builder.Configuration);
        builder.Services.AddExports();
        builder.Services.AddReplenishmentObservability(builder.Configuration);
        builder.Logging.AddReplenishmentConsoleDefaults();
        builder.Services.AddReplenishmentRateLimiting(builder.Configuration);
        builder.ConfigureEndpoints();
        return builder;
    }

    public static WebApplication UseReplenishmentServer(this WebApplication app)
    {
        app.MapManagementEndpoints(app.Services.GetRequiredService<IOptions<EndpointOptions>>().Value.ManagementPort);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseTranscodedRequestCheck();
        app.MapReplenishmentServices();
        app.MapExports();
        return app;
    }

    /// <summary>gRPC (h2c) on one port, HTTP/1.1 JSON on another: without TLS one port cannot do both.</summary>
    private static void ConfigureEndpoints(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EndpointOptions>()
            .Bind(builder.Configuration.GetSection(EndpointOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EndpointOptions>>(new ProblemsValidator<EndpointOptions>(o => o.Problems()));

        var endpoints = builder.Configuration.GetSection(EndpointOptions.Section).Get<EndpointOptions>() ?? new EndpointOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            Listen(kestrel, endpoints.GrpcUrl, HttpProtocols.Http2);
            Listen(kestrel, endpoints.HttpUrl, HttpProtocols.Http1);
            Listen(kestrel, endpoints.ManagementUrl, HttpProtocols.Http1);
        });
    }

    private static void Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return; // reported by the options validation with the setting's name
        }

        Action<ListenOptions> configure = listen => listen.Protocols = protocols;
        if (uri.Host is "localhost")
        {
            kestrel.ListenLocalhost(uri.Port, configure);
        }
        else if (System.Net.IPAddress.TryParse(uri.Host, out var address))
        {
            kestrel.Listen(address, uri.Port, configure);
        }
        else
        {
            kestrel.ListenAnyIP(uri.Port, configure);
        }
    }
}
