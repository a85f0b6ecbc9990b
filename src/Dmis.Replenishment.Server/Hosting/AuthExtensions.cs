using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Options;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Dmis.Replenishment.Server.Hosting;

public static class AuthExtensions
{
    public static IServiceCollection AddReplenishmentAuth(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>>(new ProblemsValidator<AuthOptions>(o => o.Problems(environment.IsDevelopment())));

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((jwt, auth) => Configure(jwt, auth.Value));
        services.AddAuthorization();
        return services;
    }

    private static void Configure(JwtBearerOptions jwt, AuthOptions auth)
    {
        jwt.MapInboundClaims = false;
        jwt.Events = new JwtBearerEvents { OnChallenge = JsonChallenge.WriteAsync };
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            NameClaimType = TokenClaims.UserName,
            RoleClaimType = TokenClaims.Role,
            ValidAudience = auth.Audience,
            ValidateAudience = true,
            ClockSkew = TimeSpan.FromSeconds(30),
        };

        if (!string.IsNullOrWhiteSpace(auth.Authority))
        {
            jwt.Authority = auth.Authority;
            jwt.RequireHttpsMetadata = auth.RequireHttpsMetadata;
            return;
        }

        jwt.TokenValidationParameters.ValidIssuer = auth.Issuer;
        jwt.TokenValidationParameters.IssuerSigningKey = LocalTokenIssuer.KeyFrom(auth.SigningKey!);
    }
}
