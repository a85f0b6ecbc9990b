namespace Dmis.Replenishment.Server.Auth;

/// <summary>The claim names we read: Keycloak-style user name and a flat roles claim.</summary>
public static class TokenClaims
{
    public const string UserName = "preferred_username";
    public const string Role = "role";
}
