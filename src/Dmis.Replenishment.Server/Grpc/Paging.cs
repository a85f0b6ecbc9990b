using System.Globalization;
using System.Text;
using Dmis.Replenishment.Domain;

namespace Dmis.Replenishment.Server.Grpc;

/// <summary>
/// page_size / page_token handling. Tokens are opaque to callers: the keys of the last row
/// returned, so pages stay stable while rows are added.
/// </summary>
public sealed record Paging(int PageSize, IReadOnlyList<long> After)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public static Paging From(int pageSize, string pageToken, int keyCount)
    {
        if (pageSize < 0)
        {
            throw new DomainValidationException("page_size", "must not be negative");
        }

        var keys = string.IsNullOrEmpty(pageToken) ? [] : Decode(pageToken, keyCount);
        return new Paging(pageSize == 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize), keys);
    }

    public long AfterKey(int index, long whenFirstPage) => After.Count == 0 ? whenFirstPage : After[index];

    /// <summary>Ask the database for one row more than a page, to know whether another page follows.</summary>
    public int FetchLimit => PageSize + 1;

    /// <summary>The page out of <paramref name="fetched"/> (FetchLimit rows at most), and the next page's token or "".</summary>
    public (IReadOnlyList<T> Items, string NextToken) Cut<T>(IReadOnlyList<T> fetched, Func<T, long[]> keysOf)
    {
        if (fetched.Count <= PageSize)
        {
            return (fetched, "");
        }

        var page = fetched.Take(PageSize).ToList();
        return (page, Encode(keysOf(page[^1])));
    }

    public static string Encode(params long[] keys) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Join('.', keys.Select(k => k.ToString(CultureInfo.InvariantCulture)))));

    private static long[] Decode(string token, int keyCount)
    {
        try
        {
            var keys = Encoding.ASCII.GetString(Convert.FromBase64String(token)).Split('.')
                .Select(part => long.Parse(part, CultureInfo.InvariantCulture)).ToArray();
            if (keys.Length == keyCount)
            {
                return keys;
            }
        }
        catch (FormatException)
        {
        }

        throw new DomainValidationException("page_token", "is not a token this call returned");
    }
}
