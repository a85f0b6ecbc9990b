using System.Security.Claims;
using Dmis.Replenishment.Domain.Access;
using Grpc.Core;

namespace Dmis.Replenishment.Server.Auth;

/// <summary>The caller of a gRPC call, from its validated token.</summary>
public static class CallerResolver
{
    public static Caller GetCaller(this ServerCallContext context) => FromPrincipal(context.GetHttpContext().User);

    public static Caller FromPrincipal(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirst(TokenClaims.UserName)?.Value ?? principal.FindFirst("sub")?.Value;
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, "the token names no user (preferred_username or sub)"));
        }

        if (userId.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            throw new RpcException(new Status(
                StatusCode.Unauthenticated, "the token's user id holds control characters (NUL, ...) or characters outside the basic plane"));
        }

        if (userId.Length > Caller.MaxUserIdLength)
        {
            throw new RpcException(new Status(
                StatusCode.Unauthenticated,
                $"user id '{userId}' is {userId.Length} characters long; DMIS user ids are at most {Caller.MaxUserIdLength}"));
        }

        var warehouses = TokenClaims.WarehousesOf(principal) ?? throw new RpcException(new Status(
            StatusCode.Unauthenticated, $"the token's {TokenClaims.WarehouseIds} claim is not a list of positive warehouse ids"));
        return new Caller(userId, TokenClaims.RolesOf(principal), warehouses);
    }
}
