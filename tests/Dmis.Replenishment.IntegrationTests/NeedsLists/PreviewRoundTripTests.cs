using System.Collections.Concurrent;
using System.Diagnostics;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Npgsql;
using Xunit.Abstractions;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.NeedsLists;

/// <summary>
/// A preview costs the same number of SQL round trips for 3 items as for 60: every read is set-based.
/// Commands are counted from Npgsql's ActivitySource ("Npgsql"), which starts one activity per command
/// sent (a batch of several statements is one), tagged with the database (db.namespace): only this
/// class's database is counted, so other test classes running in parallel do not disturb the count.
/// </summary>
public sealed class PreviewRoundTripTests(PreviewRoundTripTests.Fixture fixture, ITestOutputHelper output)
    : IClassFixture<PreviewRoundTripTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.WarehouseAsync(1, "SMALL DEPOT");
            await seed.WarehouseAsync(2, "LARGE DEPOT");
            await seed.WarehouseAsync(3, "SOURCE ONE");
            await seed.WarehouseAsync(4, "SOURCE TWO");
            await seed.WarehouseAsync(5, "OFFLINE SOURCE", syncedHoursAgo: 12);
            // Items 1-3 are stocked at warehouse 1, items 1-60 at warehouse 2; every one burns 10/h with
            // 20 usable (a gap), and both sources hold a surplus of each, so round trip 3 runs for both.
            for (var itemId = 1; itemId <= 60; itemId++)
            {
                await seed.ItemAsync(itemId, $"ITEM-{itemId:00}");
                foreach (var sourceId in new[] { 3, 4, 5 })
                {
                    await seed.StockAsync(sourceId, itemId, 5000);
                }

                await seed.StockAsync(2, itemId, 20);
                await seed.FulfilmentAsync(1, 2, itemId, 60, hoursAgo: 1);
                await seed.DonationAsync(1, itemId, 10, donationStatus: "E", lineStatus: "P");
                if (itemId <= 3)
                {
                    await seed.StockAsync(1, itemId, 20);
                    await seed.FulfilmentAsync(1, 1, itemId, 60, hoursAgo: 1);
                }
            }
        }
    }

    private static readonly Metadata Reader = Bearer(Token("reader"));

    [Fact]
    public async Task A_preview_needs_as_many_round_trips_for_60_items_as_for_3()
    {
        var client = new NeedsListService.NeedsListServiceClient(fixture.Factory.CreateChannel());
        // Warm up (pools, first-call costs), so only the calls themselves are counted.
        await client.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 1 }, Reader);

        var (small, smallTrips) = await CountRoundTripsAsync(() =>
            client.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 1 }, Reader).ResponseAsync);
        var (large, largeTrips) = await CountRoundTripsAsync(() =>
            client.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 2 }, Reader).ResponseAsync);

        output.WriteLine($"3 items: {smallTrips} round trips; 60 items: {largeTrips} round trips");
        Assert.Equal(3, small.Lines.Count);
        Assert.Equal(60, large.Lines.Count);
        Assert.True(large.Lines.All(line => line.HorizonA.Sources.Count == 1), "every line has a transfer source");
        Assert.Equal(smallTrips, largeTrips);
        Assert.Equal(5, largeTrips); // context, items, source stock; inbound and item details beside them (CalculationInputLoader)
    }

    private async Task<(T Result, int RoundTrips)> CountRoundTripsAsync<T>(Func<Task<T>> call)
    {
        var database = new NpgsqlConnectionStringBuilder(fixture.ConnectionString).Database;
        var commands = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (Equals(activity.GetTagItem("db.namespace"), database))
                {
                    commands.Enqueue($"{activity.OperationName}: {activity.GetTagItem("db.query.text")}");
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var result = await call();
        foreach (var command in commands)
        {
            output.WriteLine(command.Length > 200 ? command[..200] + "..." : command);
        }

        return (result, commands.Count);
    }
}
