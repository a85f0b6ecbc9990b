using Dmis.Replenishment.Domain.Calculation;
using Microsoft.Extensions.Caching.Memory;

namespace Dmis.Replenishment.Server.Application.NeedsLists;

/// <summary>
/// The severity counts of a GetStockStatus paging, per scope and moment, for 10 minutes: the first page
/// computes them over the whole scope, the next pages of the same paging reuse them. At most 1,000 pagings
/// are remembered; this instance only (another one computes them again, to the same figures).
/// </summary>
public sealed class StockStatusTotalsCache : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 1000 });

    /// <summary>A paging's filters (severities as one sorted string) and moment.</summary>
    public sealed record Key(int EventId, int WarehouseId, int ItemId, string Severities, DateTime AsOf);

    public sealed record Totals(IReadOnlyDictionary<SeverityLevel, int> Counts, int TotalRows);

    public bool TryGet(Key key, out Totals totals) => cache.TryGetValue(key, out totals!);

    public void Add(Key key, Totals totals) =>
        cache.Set(key, totals, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });

    public void Dispose() => cache.Dispose();
}
