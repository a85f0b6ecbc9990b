using Dapper;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.Server.Calculation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Dmis.Replenishment.IntegrationTests.Migrations;

/// <summary>
/// V7's hourly fulfilment summary: after every kind of change to the legacy demand tables,
/// fulfilment_hourly + fulfilment_hourly_delta must hold, key by key, exactly what the base tables say
/// (computed here with plain SQL), before and after compaction. One database; every test starts from
/// empty demand tables (which also exercises the TRUNCATE triggers).
/// </summary>
public sealed class FulfilmentSummaryTests(FulfilmentSummaryTests.Fixture fixture)
    : IClassFixture<FulfilmentSummaryTests.Fixture>, IAsyncLifetime
{
    private const int Hurricane = 1;
    private const int Flood = 2;
    private const int Kingston = 1;
    private const int Mandeville = 2;
    private const int Water = 1;
    private const int Tarp = 2;
    private const int FoodKit = 3;

    private static readonly DateTime Nine = new(2025, 3, 1, 9, 0, 0);

    public sealed class Fixture : DatabaseFixture
    {
        /// <summary>The clock of <see cref="Compacting"/>; only the background-service test moves it.</summary>
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        /// <summary>A server instance compacting every 60 s of <see cref="Clock"/>.</summary>
        public ReplenishmentServerFactory Compacting { get; private set; } = null!;

        public NpgsqlDataSource DataSource { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            DataSource = DmisDataSource.Create(ConnectionString);
            Compacting = new ReplenishmentServerFactory(ConnectionString, services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.PostConfigure<CalculationOptions>(options => options.SummaryCompactionSeconds = 60);
            });
            _ = Compacting.Server;

            var seed = new Seed(this);
            await seed.EventAsync(Hurricane);
            await seed.EventAsync(Flood, name: "FLOOD TEST");
            await seed.WarehouseAsync(Kingston, "KINGSTON");
            await seed.WarehouseAsync(Mandeville, "MANDEVILLE");
            foreach (var item in new[] { Water, Tarp, FoodKit })
            {
                await seed.ItemAsync(item, $"ITEM-{item}");
                await seed.StockAsync(Kingston, item, 1000);
                await seed.StockAsync(Mandeville, item, 1000);
            }
        }

        public override async Task DisposeAsync()
        {
            await Compacting.DisposeAsync();
            await DataSource.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    public Task InitializeAsync() =>
        fixture.ExecuteAsync("truncate reliefpkg_item, reliefpkg, reliefrqst");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lines_count_only_for_dispatched_or_received_packages_of_requests_that_stand()
    {
        var request = await RequestAsync(Hurricane);
        var denied = await RequestAsync(Hurricane, status: 4);
        var cancelled = await RequestAsync(Hurricane, status: 6);
        var ineligible = await RequestAsync(Hurricane, status: 8);
        var withoutEvent = await RequestAsync(null);
        await LinesAsync(await PackageAsync(request, "D", Nine.AddMinutes(10)), (Kingston, Water, 10.1234m), (Kingston, Tarp, 3));
        await LinesAsync(await PackageAsync(request, "R", Nine.AddMinutes(50)), (Kingston, Water, 5));
        await LinesAsync(await PackageAsync(request, "D", Nine.AddMinutes(70), eventId: Flood), (Mandeville, Water, 7));
        await LinesAsync(await PackageAsync(withoutEvent, "D", Nine.AddMinutes(20), eventId: Flood), (Kingston, FoodKit, 2));
        await LinesAsync(await PackageAsync(withoutEvent, "D", Nine.AddMinutes(20)), (Kingston, FoodKit, 100));
        foreach (var status in new[] { "P", "C", "V" })
        {
            await LinesAsync(await PackageAsync(request, status, Nine.AddMinutes(30)), (Kingston, Water, 1000));
        }

        foreach (var notStanding in new[] { denied, cancelled, ineligible })
        {
            await LinesAsync(await PackageAsync(notStanding, "D", Nine.AddMinutes(30)), (Kingston, Water, 1000));
        }

        await AssertExactAsync();
        Assert.Equal(
            [
                new Figure(Kingston, Hurricane, Nine.AddHours(1), Water, 15.1234m, 2),
                new Figure(Kingston, Hurricane, Nine.AddHours(1), Tarp, 3, 1),
                new Figure(Kingston, Flood, Nine.AddHours(1), FoodKit, 2, 1),
                new Figure(Mandeville, Flood, Nine.AddHours(2), Water, 7, 1),
            ],
            (await SummaryAsync()).OrderBy(f => f.WarehouseId).ThenBy(f => f.EventId).ThenBy(f => f.ItemId).ToList());
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Dispatching_receiving_and_undispatching_a_package_move_its_lines_in_and_out()
    {
        var package = await PackageAsync(await RequestAsync(Hurricane), "P", null);
        await LinesAsync(package, (Kingston, Water, 4), (Kingston, Tarp, 6));
        await AssertExactAsync();
        Assert.Empty(await SummaryAsync());

        await fixture.ExecuteAsync(
            "update reliefpkg set status_code = 'D', dispatch_dtime = @at where reliefpkg_id = @package",
            new { package, at = Nine.AddMinutes(5) });
        await AssertExactAsync();
        Assert.Equal(2, (await SummaryAsync()).Count);

        await SetPackageAsync(package, "status_code = 'R'");
        await AssertExactAfterCompactionAsync();
        Assert.Equal(2, (await SummaryAsync()).Count);

        await SetPackageAsync(package, "status_code = 'D'");
        await SetPackageAsync(package, "status_code = 'P'");
        await AssertExactAsync();
        Assert.Empty(await SummaryAsync());
        await AssertExactAfterCompactionAsync();
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from fulfilment_hourly"));
    }

    [Fact]
    public async Task A_dispatch_on_the_hour_belongs_to_the_hour_it_ends_and_a_second_later_to_the_next()
    {
        var package = await PackageAsync(await RequestAsync(Hurricane), "D", Nine.AddMinutes(30));
        await LinesAsync(package, (Kingston, Water, 8));
        Assert.Equal(Nine.AddHours(1), Assert.Single(await SummaryAsync()).HourEnd);

        await SetDispatchAsync(package, Nine.AddHours(1));
        Assert.Equal(Nine.AddHours(1), Assert.Single(await SummaryAsync()).HourEnd);
        await AssertExactAsync();

        await SetDispatchAsync(package, Nine.AddHours(1).AddSeconds(1));
        Assert.Equal(Nine.AddHours(2), Assert.Single(await SummaryAsync()).HourEnd);
        await AssertExactAsync();

        await SetDispatchAsync(package, Nine.AddSeconds(-1));
        Assert.Equal(Nine, Assert.Single(await SummaryAsync()).HourEnd);
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Changing_the_package_or_request_event_moves_the_lines_to_the_event_that_applies()
    {
        var request = await RequestAsync(null);
        var package = await PackageAsync(request, "D", Nine.AddMinutes(15));
        await LinesAsync(package, (Kingston, Water, 3), (Mandeville, Tarp, 9));
        Assert.Empty(await SummaryAsync());

        await SetRequestAsync(request, "eligible_event_id = 1");
        Assert.All(await SummaryAsync(), figure => Assert.Equal(Hurricane, figure.EventId));
        await AssertExactAsync();

        await SetPackageAsync(package, "eligible_event_id = 2");
        Assert.All(await SummaryAsync(), figure => Assert.Equal(Flood, figure.EventId));
        await AssertExactAsync();

        await SetRequestAsync(request, "eligible_event_id = null");
        Assert.All(await SummaryAsync(), figure => Assert.Equal(Flood, figure.EventId));
        await SetPackageAsync(package, "eligible_event_id = null");
        Assert.Empty(await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Cancelling_a_request_takes_its_lines_out_and_reinstating_it_brings_them_back()
    {
        var request = await RequestAsync(Hurricane);
        await LinesAsync(await PackageAsync(request, "D", Nine.AddMinutes(1)), (Kingston, Water, 2));
        await LinesAsync(await PackageAsync(request, "R", Nine.AddHours(3)), (Kingston, Water, 5), (Kingston, FoodKit, 1));
        var before = await SummaryAsync();

        await SetRequestAsync(request, "status_code = 6");
        Assert.Empty(await SummaryAsync());
        await AssertExactAfterCompactionAsync();

        await SetRequestAsync(request, "status_code = 3");
        Assert.Equal(before, await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Moving_a_package_to_another_request_applies_that_requests_status_and_event()
    {
        var standing = await RequestAsync(Hurricane);
        var denied = await RequestAsync(Flood, status: 4);
        var floodRequest = await RequestAsync(Flood);
        var package = await PackageAsync(standing, "D", Nine.AddMinutes(40));
        await LinesAsync(package, (Mandeville, Water, 12));

        await SetPackageAsync(package, $"reliefrqst_id = {denied}");
        Assert.Empty(await SummaryAsync());
        await SetPackageAsync(package, $"reliefrqst_id = {floodRequest}");
        Assert.Equal(Flood, Assert.Single(await SummaryAsync()).EventId);
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Changing_a_lines_quantity_item_and_warehouse_moves_its_contribution()
    {
        var package = await PackageAsync(await RequestAsync(Hurricane), "D", Nine.AddMinutes(25));
        await LinesAsync(package, (Kingston, Water, 10));

        await fixture.ExecuteAsync("update reliefpkg_item set item_qty = 12.5 where reliefpkg_id = @package", new { package });
        Assert.Equal(12.5m, Assert.Single(await SummaryAsync()).FulfilledQty);
        await fixture.ExecuteAsync("update reliefpkg_item set item_id = @Tarp where reliefpkg_id = @package", new { package, Tarp });
        Assert.Equal(Tarp, Assert.Single(await SummaryAsync()).ItemId);
        await fixture.ExecuteAsync("update reliefpkg_item set fr_inventory_id = @Mandeville where reliefpkg_id = @package", new { package, Mandeville });
        Assert.Equal(Mandeville, Assert.Single(await SummaryAsync()).WarehouseId);
        await fixture.ExecuteAsync("update reliefpkg_item set uom_code = 'BOX', update_by_id = 'DMIS' where reliefpkg_id = @package", new { package });
        await AssertExactAfterCompactionAsync();
        Assert.Equal(new Figure(Mandeville, Hurricane, Nine.AddHours(1), Tarp, 12.5m, 1), Assert.Single(await SummaryAsync()));
    }

    [Fact]
    public async Task Deleting_lines_and_then_their_package_takes_them_out()
    {
        var request = await RequestAsync(Hurricane);
        var kept = await PackageAsync(request, "D", Nine.AddMinutes(5));
        var deleted = await PackageAsync(request, "D", Nine.AddMinutes(6));
        await LinesAsync(kept, (Kingston, Water, 1), (Kingston, Tarp, 2));
        await LinesAsync(deleted, (Kingston, Water, 4));
        await AssertExactAfterCompactionAsync();

        await fixture.ExecuteAsync("delete from reliefpkg_item where reliefpkg_id = @kept and item_id = @Tarp", new { kept, Tarp });
        await fixture.ExecuteAsync(
            "delete from reliefpkg_item where reliefpkg_id = @deleted; delete from reliefpkg where reliefpkg_id = @deleted",
            new { deleted });

        Assert.Equal(new Figure(Kingston, Hurricane, Nine.AddHours(1), Water, 1, 1), Assert.Single(await SummaryAsync()));
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Truncating_the_demand_tables_empties_the_summary_and_its_deltas()
    {
        await LinesAsync(await PackageAsync(await RequestAsync(Hurricane), "D", Nine), (Kingston, Water, 1));
        await SummaryStore.CompactAsync(fixture.DataSource, DerivedSummary.FulfilmentHourly, CancellationToken.None);
        await LinesAsync(await PackageAsync(await RequestAsync(Flood), "D", Nine), (Kingston, Water, 1));

        await fixture.ExecuteAsync("truncate reliefpkg_item, reliefpkg, reliefrqst");

        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select (select count(*) from fulfilment_hourly) + (select count(*) from fulfilment_hourly_delta)"));
    }

    [Fact]
    public async Task A_line_added_while_another_transaction_dispatches_its_package_is_counted_once()
    {
        var package = await PackageAsync(await RequestAsync(Hurricane), "P", null);
        await using var dispatcher = await fixture.DataSource.OpenConnectionAsync();
        await using var dispatch = await dispatcher.BeginTransactionAsync();
        await dispatcher.ExecuteAsync(
            "update reliefpkg set status_code = 'D', dispatch_dtime = @at where reliefpkg_id = @package",
            new { package, at = Nine.AddMinutes(45) }, dispatch);

        // The line's trigger waits for the dispatch (FOR SHARE on the package), then sees it.
        var adding = LinesAsync(package, (Kingston, Water, 6));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(adding.IsCompleted);
        await dispatch.CommitAsync();
        await adding;

        Assert.Equal(new Figure(Kingston, Hurricane, Nine.AddHours(1), Water, 6, 1), Assert.Single(await SummaryAsync()));
        await AssertExactAsync();
    }

    [Fact]
    public async Task A_dispatch_while_another_transaction_adds_a_line_waits_for_it_and_counts_it()
    {
        var package = await PackageAsync(await RequestAsync(Hurricane), "P", null);
        await using var adder = await fixture.DataSource.OpenConnectionAsync();
        await using var adding = await adder.BeginTransactionAsync();
        await adder.ExecuteAsync(InsertLineSql, new { package, warehouse = Kingston, item = Water, qty = 6m }, adding);

        var dispatching = fixture.ExecuteAsync(
            "update reliefpkg set status_code = 'D', dispatch_dtime = @at where reliefpkg_id = @package",
            new { package, at = Nine.AddMinutes(45) });
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(dispatching.IsCompleted);
        await adding.CommitAsync();
        await dispatching;

        Assert.Equal(new Figure(Kingston, Hurricane, Nine.AddHours(1), Water, 6, 1), Assert.Single(await SummaryAsync()));
        await AssertExactAsync();
    }

    [Fact]
    public async Task A_seeded_random_sequence_of_changes_keeps_the_summary_exact_before_and_after_compaction()
    {
        var random = new Random(20250301);
        var mutations = Mutations();
        for (var step = 1; step <= 400; step++)
        {
            var (sql, parameters) = mutations[random.Next(mutations.Count)](random);
            await fixture.ExecuteAsync(sql, parameters);
            if (step % 100 == 0)
            {
                await AssertExactAsync();
            }

            if (step % 150 == 0)
            {
                await AssertExactAfterCompactionAsync();
            }
        }

        Assert.True(await fixture.ScalarAsync<long>("select count(*) from reliefpkg_item") > 20);
        Assert.NotEmpty(await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Compaction_while_another_connection_keeps_changing_lines_loses_and_doubles_nothing()
    {
        var request = await RequestAsync(Hurricane);
        var packages = new List<int>();
        for (var minute = 0; minute < 120; minute += 7)
        {
            packages.Add(await PackageAsync(request, "D", Nine.AddMinutes(minute)));
        }

        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var random = new Random(7);
            var writes = 0;
            await using var connection = await fixture.DataSource.OpenConnectionAsync();
            while (!writing.IsCancellationRequested || writes < 200)
            {
                var parameters = new
                {
                    package = packages[random.Next(packages.Count)],
                    warehouse = 1 + random.Next(2),
                    item = 1 + random.Next(3),
                    qty = (decimal)random.Next(1, 50),
                };
                await connection.ExecuteAsync(
                    random.Next(8) switch
                    {
                        0 => "update reliefpkg set status_code = case status_code when 'D' then 'P' else 'D' end where reliefpkg_id = @package",
                        1 or 2 => "delete from reliefpkg_item where reliefpkg_id = @package and fr_inventory_id = @warehouse and item_id = @item",
                        _ => InsertLineSql + " on conflict do nothing",
                    },
                    parameters);
                writes++;
            }
        });

        long folded = 0;
        while (!writer.IsCompleted && folded < 150)
        {
            folded += await SummaryStore.CompactAsync(fixture.DataSource, DerivedSummary.FulfilmentHourly, CancellationToken.None);
        }

        await writing.CancelAsync();
        await writer;

        Assert.True(folded > 0, "compaction ran while lines were being written");
        await AssertExactAsync();
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Rebuilding_gives_the_same_figures_as_the_triggers_kept()
    {
        var random = new Random(42);
        var mutations = Mutations();
        for (var step = 0; step < 150; step++)
        {
            var (sql, parameters) = mutations[random.Next(mutations.Count)](random);
            await fixture.ExecuteAsync(sql, parameters);
        }

        var incremental = await SummaryAsync();
        var keys = await SummaryStore.RebuildAsync(fixture.DataSource, DerivedSummary.FulfilmentHourly, CancellationToken.None);

        Assert.NotEmpty(incremental);
        Assert.Equal(incremental.Count, keys);
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from fulfilment_hourly_delta"));
        Assert.Equal(incremental, await SummaryAsync());
    }

    [Fact]
    public async Task The_background_service_compacts_when_its_interval_has_passed()
    {
        await LinesAsync(await PackageAsync(await RequestAsync(Hurricane), "D", Nine), (Kingston, Water, 3), (Kingston, Tarp, 4));
        Assert.True(await DeltaRowsAsync() > 0);

        fixture.Clock.Advance(TimeSpan.FromSeconds(61));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await DeltaRowsAsync() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(0, await DeltaRowsAsync());
        Assert.Equal(2, await fixture.ScalarAsync<long>("select count(*) from fulfilment_hourly"));
        await AssertExactAsync();
    }

    [Fact]
    public void A_negative_compaction_interval_stops_the_server_at_start_naming_the_setting()
    {
        using var factory = new ReplenishmentServerFactory(fixture.ConnectionString, services =>
            services.PostConfigure<CalculationOptions>(options => options.SummaryCompactionSeconds = -1));

        var exception = Assert.ThrowsAny<OptionsValidationException>(() => factory.Server);

        Assert.Contains("Calculation:SummaryCompactionSeconds", exception.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------------------------------------
    // The two sides compared: the base tables by the rule, and the summary with its deltas.
    // ---------------------------------------------------------------------------------------------

    public sealed record Figure(int WarehouseId, int EventId, DateTime HourEnd, int ItemId, decimal FulfilledQty, long LineCount);

    /// <summary>SPEC 3.2 from the base tables, per key; the hour ceiling written independently of V7's function.</summary>
    private Task<IReadOnlyList<Figure>> TruthAsync() =>
        fixture.QueryAsync<Figure>(
            """
            select ri.fr_inventory_id as warehouse_id,
                   coalesce(p.eligible_event_id, r.eligible_event_id) as event_id,
                   case when p.dispatch_dtime = date_trunc('hour', p.dispatch_dtime) then p.dispatch_dtime
                        else date_trunc('hour', p.dispatch_dtime) + interval '1 hour' end as hour_end,
                   ri.item_id,
                   sum(ri.item_qty) as fulfilled_qty,
                   count(*) as line_count
              from reliefpkg_item ri
              join reliefpkg p on p.reliefpkg_id = ri.reliefpkg_id
              join reliefrqst r on r.reliefrqst_id = p.reliefrqst_id
             where p.status_code in ('D', 'R') and p.dispatch_dtime is not null
               and r.status_code not in (4, 6, 8)
               and coalesce(p.eligible_event_id, r.eligible_event_id) is not null
             group by 1, 2, 3, 4
             order by 1, 2, 3, 4
            """);

    /// <summary>fulfilment_hourly + fulfilment_hourly_delta per key; keys that add up to nothing are no figure.</summary>
    private Task<IReadOnlyList<Figure>> SummaryAsync() =>
        fixture.QueryAsync<Figure>(
            """
            select warehouse_id, event_id, hour_end, item_id, sum(fulfilled_qty) as fulfilled_qty, sum(line_count) as line_count
              from (select warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count from fulfilment_hourly
                    union all
                    select warehouse_id, event_id, hour_end, item_id, fulfilled_qty, line_count from fulfilment_hourly_delta) s
             group by 1, 2, 3, 4
            having sum(line_count) <> 0 or sum(fulfilled_qty) <> 0
             order by 1, 2, 3, 4
            """);

    private async Task AssertExactAsync() => Assert.Equal(await TruthAsync(), await SummaryAsync());

    /// <summary>Exact, and compacted: every figure is one fulfilment_hourly row with lines, nothing zero or negative.</summary>
    private async Task AssertExactAfterCompactionAsync()
    {
        await SummaryStore.CompactAsync(fixture.DataSource, DerivedSummary.FulfilmentHourly, CancellationToken.None);

        await AssertExactAsync();
        Assert.Equal(0, await DeltaRowsAsync());
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select count(*) from fulfilment_hourly where line_count <= 0 or fulfilled_qty < 0"));
    }

    private Task<long> DeltaRowsAsync() => fixture.ScalarAsync<long>("select count(*) from fulfilment_hourly_delta");

    // ---------------------------------------------------------------------------------------------
    // Legacy rows, written the way DMIS writes them.
    // ---------------------------------------------------------------------------------------------

    private const string InsertLineSql =
        """
        insert into reliefpkg_item (reliefpkg_id, fr_inventory_id, batch_id, item_id, item_qty, uom_code, create_by_id, update_by_id)
        select @package, @warehouse, b.batch_id, @item, @qty, 'EA', 'DMIS', 'DMIS'
          from itembatch b where b.inventory_id = @warehouse and b.item_id = @item
        """;

    private Task<int> RequestAsync(int? eventId, short status = 3) =>
        fixture.ScalarAsync<int>(
            """
            insert into reliefrqst (eligible_event_id, request_date, urgency_ind, status_code, create_by_id, update_by_id)
            values (@eventId, date '2025-03-01', 'H', @status, 'DMIS', 'DMIS') returning reliefrqst_id
            """,
            new { eventId, status });

    private Task<int> PackageAsync(int requestId, string status, DateTime? dispatch, int? eventId = null) =>
        fixture.ScalarAsync<int>(
            """
            insert into reliefpkg (reliefrqst_id, to_inventory_id, eligible_event_id, dispatch_dtime, status_code, create_by_id, update_by_id)
            values (@requestId, 2, @eventId, @dispatch, @status, 'DMIS', 'DMIS') returning reliefpkg_id
            """,
            new { requestId, eventId, dispatch, status });

    private async Task LinesAsync(int package, params (int Warehouse, int Item, decimal Qty)[] lines)
    {
        foreach (var (warehouse, item, qty) in lines)
        {
            await fixture.ExecuteAsync(InsertLineSql, new { package, warehouse, item, qty });
        }
    }

    private Task SetPackageAsync(int package, string assignment) =>
        fixture.ExecuteAsync($"update reliefpkg set {assignment} where reliefpkg_id = @package", new { package });

    private Task SetDispatchAsync(int package, DateTime at) =>
        fixture.ExecuteAsync("update reliefpkg set dispatch_dtime = @at where reliefpkg_id = @package", new { package, at });

    private Task SetRequestAsync(int request, string assignment) =>
        fixture.ExecuteAsync($"update reliefrqst set {assignment} where reliefrqst_id = @request", new { request });

    /// <summary>
    /// Random changes of every kind the triggers handle. Each picks its row as the k-th by key, so a
    /// seed gives the same sequence every run; one that finds no row (or would break a key) does nothing.
    /// </summary>
    private static List<Func<Random, (string Sql, object Parameters)>> Mutations()
    {
        static int? AnyEvent(Random random) => random.Next(5) switch { 0 => null, 1 or 2 => Hurricane, _ => Flood };
        static DateTime AnyDispatch(Random random) =>
            // A few hours around 09:00, often exactly on an hour.
            Nine.AddHours(random.Next(-2, 3)).AddSeconds(random.Next(3) == 0 ? 0 : random.Next(-3599, 3600));
        const string PickRequest = "(select reliefrqst_id from reliefrqst order by 1 offset @k % nullif((select count(*) from reliefrqst), 0) limit 1)";
        const string PickPackage = "(select reliefpkg_id from reliefpkg order by 1 offset @k % nullif((select count(*) from reliefpkg), 0) limit 1)";
        const string PickLine =
            """
            (select reliefpkg_id, fr_inventory_id, batch_id, item_id from reliefpkg_item
              order by reliefpkg_id, fr_inventory_id, batch_id, item_id
             offset @k % nullif((select count(*) from reliefpkg_item), 0) limit 1)
            """;
        const string LineKey = "(reliefpkg_id, fr_inventory_id, batch_id, item_id)";

        Func<Random, (string Sql, object Parameters)> addRequest = random => (
            """
            insert into reliefrqst (eligible_event_id, request_date, urgency_ind, status_code, create_by_id, update_by_id)
            values (@eventId, date '2025-03-01', 'M', @status, 'DMIS', 'DMIS')
            """,
            new { eventId = AnyEvent(random), status = (short)(random.Next(4) == 0 ? 4 + (2 * random.Next(3)) : 3) });
        Func<Random, (string Sql, object Parameters)> addPackage = random => (
            $"""
            insert into reliefpkg (reliefrqst_id, to_inventory_id, eligible_event_id, dispatch_dtime, status_code, create_by_id, update_by_id)
            select {PickRequest}, 1, @eventId, @dispatch, @status, 'DMIS', 'DMIS' where exists (select 1 from reliefrqst)
            """,
            new { k = random.Next(1000), eventId = AnyEvent(random), dispatch = AnyDispatch(random), status = "PDDRRCV"[random.Next(7)].ToString() });
        Func<Random, (string Sql, object Parameters)> addLine = random => (
            $"""
            insert into reliefpkg_item (reliefpkg_id, fr_inventory_id, batch_id, item_id, item_qty, uom_code, create_by_id, update_by_id)
            select {PickPackage}, b.inventory_id, b.batch_id, b.item_id, @qty, 'EA', 'DMIS', 'DMIS'
              from itembatch b
             where b.inventory_id = @warehouse and b.item_id = @item and exists (select 1 from reliefpkg)
            on conflict do nothing
            """,
            new { k = random.Next(1000), warehouse = 1 + random.Next(2), item = 1 + random.Next(3), qty = random.Next(1, 10_000_000) / 10_000m });

        // Inserts weigh more, so that the tables grow while everything else changes them.
        return
        [
            addRequest, addPackage, addPackage, addLine, addLine, addLine, addLine,
            random => (
                $"update reliefpkg set status_code = @status where reliefpkg_id = {PickPackage}",
                new { k = random.Next(1000), status = "PDRCV"[random.Next(5)].ToString() }),
            random => (
                $"update reliefpkg set dispatch_dtime = @dispatch where reliefpkg_id = {PickPackage}",
                new { k = random.Next(1000), dispatch = AnyDispatch(random) }),
            random => (
                $"update reliefpkg set eligible_event_id = @eventId where reliefpkg_id = {PickPackage}",
                new { k = random.Next(1000), eventId = AnyEvent(random) }),
            random => (
                $"update reliefpkg set reliefrqst_id = {PickRequest} where reliefpkg_id = {PickPackage.Replace("@k", "@k2", StringComparison.Ordinal)}",
                new { k = random.Next(1000), k2 = random.Next(1000) }),
            random => (
                $"update reliefrqst set status_code = @status where reliefrqst_id = {PickRequest}",
                new { k = random.Next(1000), status = (short)("3346823"[random.Next(7)] - '0') }),
            random => (
                $"update reliefrqst set eligible_event_id = @eventId where reliefrqst_id = {PickRequest}",
                new { k = random.Next(1000), eventId = AnyEvent(random) }),
            random => (
                $"update reliefpkg_item set item_qty = @qty where {LineKey} = {PickLine}",
                new { k = random.Next(1000), qty = random.Next(0, 10_000_000) / 10_000m }),
            random => (
                $"""
                update reliefpkg_item l set item_id = @item, fr_inventory_id = @warehouse
                 where {LineKey} = {PickLine}
                   and not exists (select 1 from reliefpkg_item o where o.reliefpkg_id = l.reliefpkg_id and o.batch_id = l.batch_id
                                     and o.item_id = @item and o.fr_inventory_id = @warehouse)
                """,
                new { k = random.Next(1000), warehouse = 1 + random.Next(2), item = 1 + random.Next(3) }),
            random => (
                $"delete from reliefpkg_item where {LineKey} = {PickLine}",
                new { k = random.Next(1000) }),
            random => (
                // Two statements, as DMIS deletes: the lines first (their trigger needs the package), then the package.
                $"""
                delete from reliefpkg_item where reliefpkg_id = {PickPackage};
                delete from reliefpkg where reliefpkg_id = {PickPackage};
                """,
                new { k = random.Next(1000) }),
        ];
    }
}
