using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.NeedsLists;

/// <summary>
/// GetDataFreshness and RecordWarehouseSync. Warehouses 1-4 are synced 0.5 h, 3 h, 10 h ago and never;
/// 5 is inactive. Sync tests each use their own warehouse (11 and up).
/// </summary>
public sealed class WarehouseFreshnessTests(WarehouseFreshnessTests.Fixture fixture) : IClassFixture<WarehouseFreshnessTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.EventAsync(2, "BASELINE");
            // Event 2 relaxes the thresholds of its current phase to 4 h and 12 h.
            await ExecuteAsync(
                """
                insert into event_phase_config (event_id, phase, demand_window_hours, planning_window_hours,
                                                freshness_threshold_hours, stale_threshold_hours, create_by_id, update_by_id)
                values (2, 'BASELINE', 720, 720, 4, 12, 'SEED', 'SEED')
                """);
            await seed.WarehouseAsync(1, "KINGSTON CENTRAL", syncedHoursAgo: 0.5);
            await seed.WarehouseAsync(2, "MONTEGO BAY HUB", syncedHoursAgo: 3);
            await seed.WarehouseAsync(3, "PORT ANTONIO DEPOT", syncedHoursAgo: 10);
            await seed.WarehouseAsync(4, "NEGRIL DEPOT", syncedHoursAgo: null);
            await seed.WarehouseAsync(5, "OLD DEPOT", syncedHoursAgo: 0.5, status: "I");
            await seed.WarehouseAsync(11, "SYNC NEVER", syncedHoursAgo: null);
            await seed.WarehouseAsync(12, "SYNC OFFLINE", syncedHoursAgo: 10);
            await seed.WarehouseAsync(13, "SYNC RECENT", syncedHoursAgo: 0.5);
            await seed.WarehouseAsync(14, "SYNC PARTIAL", syncedHoursAgo: null);
            await seed.WarehouseAsync(15, "SYNC RETRY", syncedHoursAgo: null);
        }
    }

    private static readonly Metadata Officer = Bearer(Token("tanya", "LOGISTICS_OFFICER"));
    private static readonly Metadata NoRole = Bearer(Token("visitor"));
    private static readonly Metadata Director = Bearer(Token("marcia", "SENIOR_DIRECTOR"));

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private Task<GetDataFreshnessResponse> FreshnessAsync(int eventId, params int[] warehouseIds) =>
        Client.GetDataFreshnessAsync(new GetDataFreshnessRequest { EventId = eventId, WarehouseIds = { warehouseIds } }, NoRole).ResponseAsync;

    private Task<WarehouseSync> SyncAsync(int warehouseId, SyncStatus status, DateTime? at = null, string requestId = "", Metadata? caller = null) =>
        Client.RecordWarehouseSyncAsync(new RecordWarehouseSyncRequest
        {
            WarehouseId = warehouseId,
            Status = status,
            SyncType = SyncType.Manual,
            ItemsSynced = 42,
            ErrorMessage = status == SyncStatus.Failed ? "connection reset" : "",
            SyncTime = at is { } moment ? Timestamp.FromDateTime(moment) : null,
            RequestId = requestId,
        }, caller ?? Officer).ResponseAsync;

    [Fact]
    public async Task Freshness_gives_each_warehouse_its_level_age_and_counts_with_the_worst_overall()
    {
        var response = await FreshnessAsync(1, 1, 2, 3, 4);

        Assert.Equal(
            [FreshnessLevel.High, FreshnessLevel.Medium, FreshnessLevel.Low, FreshnessLevel.Unknown],
            response.Warehouses.Select(warehouse => warehouse.Level));
        Assert.Equal((1, 1, 1, 1), (response.HighCount, response.MediumCount, response.LowCount, response.UnknownCount));
        Assert.Equal(FreshnessLevel.Low, response.OverallLevel);
        var never = response.Warehouses[3];
        Assert.Null(never.LastSync);
        Assert.Null(never.AgeHours);
        Assert.Equal("UNKNOWN", never.SyncStatus);
        var medium = response.Warehouses[1];
        Assert.Equal("MONTEGO BAY HUB", medium.WarehouseName);
        Assert.InRange(decimal.Parse(medium.AgeHours.Value, System.Globalization.CultureInfo.InvariantCulture), 2.9m, 3.1m);
        Assert.Equal("STALE", medium.SyncStatus);
    }

    [Fact]
    public async Task Overall_freshness_is_the_worst_level()
    {
        Assert.Equal(FreshnessLevel.Medium, (await FreshnessAsync(1, 1, 2)).OverallLevel);
        Assert.Equal(FreshnessLevel.Low, (await FreshnessAsync(0, 1, 4)).OverallLevel);
    }

    [Fact]
    public async Task Thresholds_come_from_the_events_current_phase()
    {
        var response = await FreshnessAsync(2, 2, 3);

        Assert.Equal([FreshnessLevel.High, FreshnessLevel.Medium], response.Warehouses.Select(warehouse => warehouse.Level));
    }

    [Fact]
    public async Task Without_a_filter_every_active_warehouse_is_listed()
    {
        var ids = (await FreshnessAsync(0)).Warehouses.Select(warehouse => warehouse.WarehouseId).ToList();

        Assert.Contains(1, ids);
        Assert.Contains(4, ids);
        Assert.DoesNotContain(5, ids);
    }

    [Fact]
    public async Task Freshness_refuses_unknown_events_and_warehouses()
    {
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => FreshnessAsync(99));
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => FreshnessAsync(1, 1, 999));
        await GrpcAssert.FailsOnField("warehouse_ids[1]", () => FreshnessAsync(1, 1, -2));
    }

    [Fact]
    public async Task A_success_sync_brings_a_never_synced_warehouse_online()
    {
        var sync = await SyncAsync(11, SyncStatus.Success);

        Assert.Equal(SyncStatus.Success, sync.Status);
        Assert.Equal(SyncType.Manual, sync.SyncType);
        Assert.Equal(42, sync.ItemsSynced);
        Assert.Equal("tanya", sync.TriggeredBy);
        Assert.Equal("ONLINE", sync.WarehouseSyncStatus);
        Assert.Equal(sync.SyncTime, sync.WarehouseLastSync);
        Assert.InRange(sync.SyncTime.ToDateTime(), DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal(FreshnessLevel.High, Assert.Single((await FreshnessAsync(1, 11)).Warehouses).Level);
        Assert.Equal(1L, await fixture.ScalarAsync<long>(
            "select count(*) from warehouse_sync_log where warehouse_id = 11 and triggered_by = 'tanya' and sync_status = 'SUCCESS'"));
    }

    [Fact]
    public async Task A_failed_sync_is_logged_but_does_not_move_the_last_sync()
    {
        var before = await fixture.ScalarAsync<DateTime>("select last_sync_dtime from warehouse where warehouse_id = 12");

        var sync = await SyncAsync(12, SyncStatus.Failed);

        Assert.Equal(SyncStatus.Failed, sync.Status);
        Assert.Equal("connection reset", sync.ErrorMessage);
        Assert.Equal(before, sync.WarehouseLastSync.ToDateTime());
        Assert.Equal("OFFLINE", sync.WarehouseSyncStatus);
        Assert.Equal(before, await fixture.ScalarAsync<DateTime>("select last_sync_dtime from warehouse where warehouse_id = 12"));
        Assert.Equal(1L, await fixture.ScalarAsync<long>("select count(*) from warehouse_sync_log where warehouse_id = 12 and sync_status = 'FAILED'"));
    }

    [Fact]
    public async Task A_partial_sync_moves_the_last_sync_forward_never_back()
    {
        var threeHoursAgo = DateTime.UtcNow.AddHours(-3);

        var older = await SyncAsync(13, SyncStatus.Partial, threeHoursAgo);
        Assert.Equal("ONLINE", older.WarehouseSyncStatus);
        Assert.True(older.WarehouseLastSync.ToDateTime() > older.SyncTime.ToDateTime());

        var first = await SyncAsync(14, SyncStatus.Partial, threeHoursAgo);
        Assert.Equal("STALE", first.WarehouseSyncStatus);
        Assert.Equal(first.SyncTime, first.WarehouseLastSync);
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_records_the_sync_once()
    {
        var first = await SyncAsync(15, SyncStatus.Success, requestId: "sync-15");
        var retry = await SyncAsync(15, SyncStatus.Success, requestId: "sync-15");

        Assert.Equal(first, retry);
        Assert.Equal(1L, await fixture.ScalarAsync<long>("select count(*) from warehouse_sync_log where warehouse_id = 15"));
    }

    [Fact]
    public async Task Bad_syncs_are_refused_precisely()
    {
        await GrpcAssert.FailsOnField("sync_time", () => SyncAsync(1, SyncStatus.Success, DateTime.UtcNow.AddHours(1)));
        await GrpcAssert.FailsOnField("status", () => SyncAsync(1, SyncStatus.Unspecified));
        await GrpcAssert.FailsOnField("warehouse_id", () => SyncAsync(0, SyncStatus.Success));
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => SyncAsync(999, SyncStatus.Success)); // not the officer's
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => SyncAsync(999, SyncStatus.Success, caller: Director));
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => SyncAsync(1, SyncStatus.Success, caller: NoRole));
        Assert.Equal(0L, await fixture.ScalarAsync<long>("select count(*) from warehouse_sync_log where warehouse_id = 1"));
    }
}
