using System.Globalization;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Google.Protobuf.WellKnownTypes;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.NeedsLists;

/// <summary>
/// The demand window is read in three parts (whole hours from the hourly summary, the partial hours at
/// its edges from the raw lines): whatever the moment, the fulfilled quantity is exactly the lines
/// dispatched in (as_of - window, as_of]. Item k's lines have quantities 2^i, one per boundary case,
/// so a wrong sum names the line that was miscounted. Read before and after the summary's deltas are
/// compacted.
/// </summary>
public sealed class DemandWindowReadTests(DemandWindowReadTests.Fixture fixture) : IClassFixture<DemandWindowReadTests.Fixture>
{
    private const int Warehouse = 1;

    /// <summary>hh:20:05 of the hour before last: partial hours at both edges of the window.</summary>
    private static readonly DateTime BetweenHours = StartOfHour(DateTime.UtcNow).AddHours(-2).AddMinutes(20).AddSeconds(5);

    /// <summary>The start of the hour before last: the window is whole hours only.</summary>
    private static readonly DateTime OnTheHour = StartOfHour(DateTime.UtcNow).AddHours(-1);

    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.WarehouseAsync(Warehouse, "KINGSTON CENTRAL", syncedHoursAgo: 2.5);
            await seed.ItemAsync(1, "WATER BETWEEN HOURS");
            await seed.ItemAsync(2, "WATER ON THE HOUR");
            await seed.ItemAsync(3, "WATER BASELINE WINDOW");
            foreach (var itemId in new[] { 1, 2, 3 })
            {
                await seed.StockAsync(Warehouse, itemId, 0); // nothing in stock: any demand is a gap, so a line
            }

            await SeedBoundariesAsync(seed, itemId: 1, BetweenHours, windowHours: 6);
            await SeedBoundariesAsync(seed, itemId: 2, OnTheHour, windowHours: 6);
            await SeedBoundariesAsync(seed, itemId: 3, BetweenHours, windowHours: 720);
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(1, true)]
    [InlineData(2, true)]
    public async Task A_surge_window_counts_exactly_the_lines_inside_it(int itemId, bool compacted)
    {
        await CompactIfAsync(compacted);

        var line = await PreviewLineAsync(itemId, itemId == 1 ? BetweenHours : OnTheHour, EventPhase.Unspecified);

        Assert.Equal(InsideQty, decimal.Parse(line.FulfilledQtyInWindow.Value, CultureInfo.InvariantCulture));
        Assert.Equal(InsideLines, line.FulfillmentCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_baseline_window_of_720_hours_counts_exactly_the_lines_inside_it(bool compacted)
    {
        await CompactIfAsync(compacted);

        var line = await PreviewLineAsync(3, BetweenHours, EventPhase.Baseline);

        Assert.Equal(InsideQty, decimal.Parse(line.FulfilledQtyInWindow.Value, CultureInfo.InvariantCulture));
        Assert.Equal(InsideLines, line.FulfillmentCount);
    }

    /// <summary>Each line's dispatch moment and whether it is inside the window; line i has quantity 2^i.</summary>
    private static IEnumerable<(DateTime Dispatch, bool Inside)> Boundaries(DateTime asOf, int windowHours)
    {
        var start = asOf.AddHours(-windowHours);
        // The first and the last hour boundary strictly inside the window.
        var firstWholeHour = StartOfHour(start).AddHours(1);
        var lastWholeHour = StartOfHour(asOf.AddSeconds(-1));
        return
        [
            (start.AddSeconds(-1), false),
            (start, false),
            (start.AddSeconds(1), true),
            (firstWholeHour, true),
            (firstWholeHour.AddSeconds(1), true),
            (start.AddHours(windowHours / 2.0), true),
            (lastWholeHour.AddSeconds(-1), true),
            (lastWholeHour, true),
            (lastWholeHour.AddSeconds(1), true),
            (asOf, true),
            (asOf.AddSeconds(1), false),
        ];
    }

    private static readonly decimal InsideQty = Boundaries(BetweenHours, 6)
        .Select((boundary, i) => boundary.Inside ? (decimal)Math.Pow(2, i) : 0m).Sum();

    private static readonly int InsideLines = Boundaries(BetweenHours, 6).Count(boundary => boundary.Inside);

    private static async Task SeedBoundariesAsync(Seed seed, int itemId, DateTime asOf, int windowHours)
    {
        foreach (var (boundary, i) in Boundaries(asOf, windowHours).Select((boundary, i) => (boundary, i)))
        {
            await seed.FulfilmentAtAsync(1, Warehouse, itemId, (decimal)Math.Pow(2, i), boundary.Dispatch);
        }
    }

    private Task CompactIfAsync(bool compacted) =>
        compacted ? fixture.ExecuteAsync("select fulfilment_hourly_compact()") : Task.CompletedTask;

    private async Task<NeedsListLine> PreviewLineAsync(int itemId, DateTime asOf, EventPhase phase)
    {
        var client = new NeedsListService.NeedsListServiceClient(fixture.Factory.CreateChannel());
        var preview = await client.PreviewNeedsListAsync(
            new PreviewNeedsListRequest
            {
                EventId = 1, WarehouseId = Warehouse, Phase = phase, AsOf = Timestamp.FromDateTime(asOf),
            },
            Bearer(Token("reader")));
        return Assert.Single(preview.Lines, line => line.ItemId == itemId);
    }

    private static DateTime StartOfHour(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
}
