using System.Security.Claims;
using System.Text;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Server.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dmis.Replenishment.Server.Auth;

/// <summary>Signs tokens with the local key: the `token` command, demos and tests.</summary>
public sealed class LocalTokenIssuer(AuthOptions options)
{
    public static SymmetricSecurityKey KeyFrom(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    /// <summary>A token for <paramref name="userId"/> with its roles and, for officers and managers, the warehouses it acts for.</summary>
    public string Issue(string userId, IEnumerable<string> roles, TimeSpan lifetime, IEnumerable<int>? warehouseIds = null)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new ArgumentException("a user id is required", nameof(userId));
        }

        if (userId.Length > Caller.MaxUserIdLength)
        {
            throw new ArgumentException(
                $"user id '{userId}' is {userId.Length} characters long; DMIS user ids are at most {Caller.MaxUserIdLength}",
                nameof(userId));
        }

        var roleList = roles.ToList();
        foreach (var role in roleList.Where(role => !RoleNames.TryParse(role, out _)))
        {
            throw new ArgumentException(
                $"unknown role '{role}'; roles are {string.Join(", ", RoleNames.All)}", nameof(roles));
        }

        var signingKey = options.SigningKey
            ?? throw new InvalidOperationException("Auth:SigningKey is not set: local tokens cannot be signed");
        var claims = new List<Claim> { new("sub", userId), new(TokenClaims.UserName, userId) };
        claims.AddRange(roleList.Select(role => new Claim(TokenClaims.Role, role.ToUpperInvariant())));
        var warehouses = (warehouseIds ?? []).Distinct().ToArray();
        if (warehouses.Any(id => id <= 0))
        {
            throw new ArgumentException("warehouse ids are positive numbers", nameof(warehouseIds));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Claims = warehouses.Length == 0 ? null : new Dictionary<string, object> { [TokenClaims.WarehouseIds] = warehouses },
            Issuer = options.Issuer,
            Audience = options.Audience,
            Expires = DateTime.UtcNow.Add(lifetime),
            SigningCredentials = new SigningCredentials(KeyFrom(signingKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
