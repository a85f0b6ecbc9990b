using Dmis.Replenishment.Domain;

namespace Dmis.Replenishment.Server.Grpc;

/// <summary>
/// One list call's page size and position: the keys of the last row the previous page returned,
/// so pages stay stable while rows are added. <see cref="PageTokens"/> opens and seals the tokens.
/// </summary>
public sealed record Paging(int PageSize, IReadOnlyList<long> After, Func<long[], string> Seal)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1000;

    public static int SizeFrom(int pageSize) => pageSize switch
    {
        < 0 => throw new DomainValidationException("page_size", "must not be negative"),
        0 => DefaultPageSize,
        _ => Math.Min(pageSize, MaxPageSize),
    };

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
        return (page, Seal(keysOf(page[^1])));
    }
}
