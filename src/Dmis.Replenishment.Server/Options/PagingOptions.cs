using System.Security.Cryptography;
using System.Text;

namespace Dmis.Replenishment.Server.Options;

/// <summary>The key that seals page tokens; every instance behind one load balancer needs the same.</summary>
public sealed class PagingOptions
{
    public const string Section = "Paging";

    /// <summary>
    /// Secret of at least 32 characters. When unset, a key is derived from the database connection
    /// string (its password included), which every replica shares and callers never see.
    /// </summary>
    public string? TokenKey { get; set; }

    public byte[] KeyBytes(string connectionString) => string.IsNullOrEmpty(TokenKey)
        ? HMACSHA256.HashData(Encoding.UTF8.GetBytes("dmis page tokens"), Encoding.UTF8.GetBytes(connectionString))
        : Encoding.UTF8.GetBytes(TokenKey);

    public IEnumerable<string> Problems()
    {
        if (!string.IsNullOrEmpty(TokenKey) && TokenKey.Length < 32)
        {
            yield return "Paging:TokenKey must be at least 32 characters";
        }
    }
}
