using System.Data;
using Dapper;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Npgsql;

namespace Dmis.Replenishment.IntegrationTests.Migrations;

/// <summary>
/// V8's inbound summary: after every kind of change to the donation and procurement tables,
/// inbound_summary + inbound_summary_delta must hold, key by key, what the DONATION and PROCUREMENT
/// branches of v_inbound_stock sum to (the view is SPEC 3.8's definition, so it is the expected side),
/// before and after compaction. One database; every test starts from empty document tables (which also
/// exercises the TRUNCATE triggers).
/// </summary>
public sealed class InboundSummaryTests(InboundSummaryTests.Fixture fixture)
    : IClassFixture<InboundSummaryTests.Fixture>, IAsyncLifetime
{
    private const int Hurricane = 1;
    private const int Kingston = 1;
    private const int Mandeville = 2;
    private const int OchoRios = 3;
    private const int Water = 1;
    private const int Tarp = 2;
    private const int FoodKit = 3;

    private static readonly int[] Warehouses = [Kingston, Mandeville, OchoRios];
    private static readonly int[] Items = [Water, Tarp, FoodKit];

    public sealed class Fixture : DatabaseFixture
    {
        public NpgsqlDataSource DataSource { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            DataSource = DmisDataSource.Create(ConnectionString);

            var seed = new Seed(this);
            await seed.EventAsync(Hurricane);
            await seed.WarehouseAsync(Kingston, "KINGSTON");
            await seed.WarehouseAsync(Mandeville, "MANDEVILLE");
            await seed.WarehouseAsync(OchoRios, "OCHO RIOS");
            foreach (var item in Items)
            {
                await seed.ItemAsync(item, $"ITEM-{item}");
                foreach (var warehouse in Warehouses)
                {
                    // Transfers (the calculation read's third source) take their batch from here.
                    await seed.StockAsync(warehouse, item, 1000);
                }
            }
        }

        public override async Task DisposeAsync()
        {
            await DataSource.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    public Task InitializeAsync() =>
        fixture.ExecuteAsync("truncate donation_item, dnintake, donation, procurement_item, procurement, transfer_item, transfer");

    public Task DisposeAsync() => Task.CompletedTask;

    // ---------------------------------------------------------------------------------------------
    // Donations
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_donation_counts_while_it_and_its_item_are_verified_and_its_intake_is_not()
    {
        var donation = await DonationAsync("E");
        await ItemAsync(donation, Water, 25.5m, "P");
        await IntakeAsync(donation, Kingston, "I");
        await AssertExactAsync();
        Assert.Empty(await SummaryAsync());

        await SetDonationAsync(donation, "V");
        await AssertExactAsync();
        Assert.Empty(await SummaryAsync());

        await SetItemAsync(donation, Water, "status_code = 'V'");
        await AssertExactAsync();
        Assert.Equal([new Figure(Kingston, Water, "DONATION", 25.5m)], await SummaryAsync());

        await SetIntakeAsync(donation, Kingston, "status_code = 'C'");
        await AssertExactAfterCompactionAsync();
        Assert.Equal([new Figure(Kingston, Water, "DONATION", 25.5m)], await SummaryAsync());

        await SetIntakeAsync(donation, Kingston, "status_code = 'V'");
        await AssertExactAsync();
        Assert.Empty(await SummaryAsync());
        await AssertExactAfterCompactionAsync();
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from inbound_summary"));
    }

    [Fact]
    public async Task Unverifying_or_processing_a_donation_takes_every_triple_out_and_verifying_it_brings_them_back()
    {
        var donation = await DonationAsync("V");
        await ItemAsync(donation, Water, 10, "V");
        await ItemAsync(donation, Tarp, 4, "V");
        await IntakeAsync(donation, Kingston, "I");
        var verified = await SummaryAsync();
        Assert.Equal(2, verified.Count);

        await SetDonationAsync(donation, "E");
        Assert.Empty(await SummaryAsync());
        await AssertExactAfterCompactionAsync();

        await SetDonationAsync(donation, "V");
        Assert.Equal(verified, await SummaryAsync());
        await AssertExactAsync();

        await SetDonationAsync(donation, "P");
        Assert.Empty(await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Changing_an_items_quantity_moves_its_figure_and_zero_takes_it_out()
    {
        var donation = await VerifiedDonationAsync((Water, 10, "V"), intakes: [(Kingston, "I")]);

        await SetItemAsync(donation, Water, "item_qty = 12.5");
        Assert.Equal([new Figure(Kingston, Water, "DONATION", 12.5m)], await SummaryAsync());
        await AssertExactAsync();

        await SetItemAsync(donation, Water, "item_qty = 0");
        Assert.Empty(await SummaryAsync());
        await AssertExactAfterCompactionAsync();

        await SetItemAsync(donation, Water, "item_qty = 3.25");
        Assert.Equal([new Figure(Kingston, Water, "DONATION", 3.25m)], await SummaryAsync());

        // Columns the rule does not read change nothing.
        await SetItemAsync(donation, Water, "uom_code = 'BOX', update_by_id = 'DMIS'");
        await SetIntakeAsync(donation, Kingston, "intake_date = current_date - 1");
        await AssertExactAfterCompactionAsync();
        Assert.Equal([new Figure(Kingston, Water, "DONATION", 3.25m)], await SummaryAsync());
    }

    [Fact]
    public async Task Moving_an_item_to_another_item_or_donation_and_an_intake_to_another_warehouse_moves_the_triples()
    {
        var donation = await VerifiedDonationAsync((Water, 10, "V"), intakes: [(Kingston, "I")]);
        var other = await VerifiedDonationAsync((FoodKit, 1, "V"), intakes: [(OchoRios, "C")]);

        await SetItemAsync(donation, Water, $"item_id = {Tarp}");
        Assert.Equal(
            [new Figure(Kingston, Tarp, "DONATION", 10), new Figure(OchoRios, FoodKit, "DONATION", 1)],
            await SummaryAsync());
        await AssertExactAsync();

        await SetIntakeAsync(donation, Kingston, $"inventory_id = {Mandeville}");
        Assert.Equal(
            [new Figure(Mandeville, Tarp, "DONATION", 10), new Figure(OchoRios, FoodKit, "DONATION", 1)],
            await SummaryAsync());
        await AssertExactAsync();

        await SetItemAsync(donation, Tarp, $"donation_id = {other}");
        Assert.Equal(
            [new Figure(OchoRios, Tarp, "DONATION", 10), new Figure(OchoRios, FoodKit, "DONATION", 1)],
            await SummaryAsync());
        await AssertExactAfterCompactionAsync();

        await SetIntakeAsync(donation, Mandeville, $"donation_id = {other}");
        Assert.Equal(
            [
                new Figure(Mandeville, Tarp, "DONATION", 10), new Figure(Mandeville, FoodKit, "DONATION", 1),
                new Figure(OchoRios, Tarp, "DONATION", 10), new Figure(OchoRios, FoodKit, "DONATION", 1),
            ],
            await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task A_donation_with_intakes_at_two_warehouses_counts_each_verified_item_at_both()
    {
        var donation = await VerifiedDonationAsync(
            [(Water, 10, "V"), (Tarp, 4, "V"), (FoodKit, 99, "P")],
            intakes: [(Kingston, "I"), (Mandeville, "C")]);

        Assert.Equal(
            [
                new Figure(Kingston, Water, "DONATION", 10), new Figure(Kingston, Tarp, "DONATION", 4),
                new Figure(Mandeville, Water, "DONATION", 10), new Figure(Mandeville, Tarp, "DONATION", 4),
            ],
            await SummaryAsync());
        await AssertExactAsync();

        // Kingston's intake arrives; Mandeville's is still to come.
        await SetIntakeAsync(donation, Kingston, "status_code = 'V'");
        Assert.Equal(
            [new Figure(Mandeville, Water, "DONATION", 10), new Figure(Mandeville, Tarp, "DONATION", 4)],
            await SummaryAsync());
        await AssertExactAfterCompactionAsync();

        // Two verified donations of water at one warehouse add up.
        await VerifiedDonationAsync((Water, 2.5m, "V"), intakes: [(Mandeville, "I")]);
        Assert.Equal(
            [new Figure(Mandeville, Water, "DONATION", 12.5m), new Figure(Mandeville, Tarp, "DONATION", 4)],
            await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Deleting_items_and_intakes_and_then_the_donation_takes_its_triples_out()
    {
        var kept = await VerifiedDonationAsync([(Water, 1, "V"), (Tarp, 2, "V")], intakes: [(Kingston, "I"), (Mandeville, "I")]);
        var deleted = await VerifiedDonationAsync([(Water, 4, "V"), (FoodKit, 3, "V")], intakes: [(Kingston, "C")]);
        await AssertExactAfterCompactionAsync();

        await fixture.ExecuteAsync("delete from donation_item where donation_id = @kept and item_id = @Tarp", new { kept, Tarp });
        await AssertExactAsync();
        await fixture.ExecuteAsync("delete from dnintake where donation_id = @kept and inventory_id = @Mandeville", new { kept, Mandeville });
        await AssertExactAsync();
        // As DMIS deletes a donation: its items, its intakes, then the donation (no cascade).
        await fixture.ExecuteAsync(
            """
            delete from donation_item where donation_id = @deleted;
            delete from dnintake where donation_id = @deleted;
            delete from donation where donation_id = @deleted;
            """,
            new { deleted });

        Assert.Equal([new Figure(Kingston, Water, "DONATION", 1)], await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    /// <summary>
    /// One statement that writes a donation, its item and its intake (data-modifying CTEs, as
    /// <see cref="Seed.DonationAsync"/> writes them): the triggers of both tables fire when the statement
    /// ends, each seeing the other's new row, and the triple must still count once.
    /// </summary>
    [Fact]
    public async Task A_donation_written_with_its_item_and_intake_in_one_statement_counts_the_triple_once()
    {
        await new Seed(fixture).DonationAsync(Hurricane, Water, 200, donationStatus: "V", lineStatus: "V", intakeWarehouseId: Kingston);

        Assert.Equal([new Figure(Kingston, Water, "DONATION", 200)], await ExpectedAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task A_donation_verified_in_the_statement_that_adds_its_item_counts_the_triple_once()
    {
        var donation = await DonationAsync("E");
        await IntakeAsync(donation, Kingston, "I");

        await fixture.ExecuteAsync(
            """
            with verified as (update donation set status_code = 'V' where donation_id = @donation returning donation_id)
            insert into donation_item (donation_id, item_id, item_qty, uom_code, status_code, create_by_id, update_by_id)
            select donation_id, @Water, 8, 'EA', 'V', 'DMIS', 'DMIS' from verified
            """,
            new { donation, Water });

        Assert.Equal([new Figure(Kingston, Water, "DONATION", 8)], await ExpectedAsync());
        await AssertExactAfterCompactionAsync();
    }

    // ---------------------------------------------------------------------------------------------
    // Procurement
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_procurement_counts_from_shipped_until_received_or_cancelled()
    {
        var procurement = await ProcurementAsync("DRAFT", Kingston);
        await LineAsync(procurement, Water, 100);
        await LineAsync(procurement, Tarp, 20);
        foreach (var status in new[] { "PENDING_APPROVAL", "APPROVED", "ORDERED" })
        {
            await SetProcurementAsync(procurement, $"status_code = '{status}'");
            await AssertExactAsync();
            Assert.Empty(await SummaryAsync());
        }

        await SetProcurementAsync(procurement, "status_code = 'SHIPPED', shipped_at = now() at time zone 'UTC'");
        Assert.Equal(
            [new Figure(Kingston, Water, "PROCUREMENT", 100), new Figure(Kingston, Tarp, "PROCUREMENT", 20)],
            await SummaryAsync());
        await AssertExactAsync();

        // A partial receipt: the rest of the water is still to come.
        await SetLinesAsync(procurement, Water, "received_qty = 40.25, status_code = 'PARTIAL'");
        await SetProcurementAsync(procurement, "status_code = 'PARTIAL_RECEIVED'");
        Assert.Equal(
            [new Figure(Kingston, Water, "PROCUREMENT", 59.75m), new Figure(Kingston, Tarp, "PROCUREMENT", 20)],
            await SummaryAsync());
        await AssertExactAfterCompactionAsync();

        // The tarps all arrive: their line stops counting before the procurement does.
        await SetLinesAsync(procurement, Tarp, "received_qty = 20, status_code = 'RECEIVED'");
        Assert.Equal([new Figure(Kingston, Water, "PROCUREMENT", 59.75m)], await SummaryAsync());
        await AssertExactAsync();

        await SetProcurementAsync(procurement, "status_code = 'RECEIVED'");
        Assert.Empty(await SummaryAsync());
        await AssertExactAfterCompactionAsync();
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from inbound_summary"));
    }

    [Fact]
    public async Task A_cancelled_or_rejected_procurement_and_a_cancelled_or_fully_received_line_do_not_count()
    {
        var cancelled = await ProcurementAsync("SHIPPED", Kingston);
        await LineAsync(cancelled, Water, 10);
        var rejected = await ProcurementAsync("PENDING_APPROVAL", Kingston);
        await LineAsync(rejected, Water, 1000);
        var shipped = await ProcurementAsync("SHIPPED", Mandeville);
        await LineAsync(shipped, Water, 7);
        await LineAsync(shipped, Tarp, 3);
        await LineAsync(shipped, FoodKit, 5);
        await AssertExactAsync();

        await SetProcurementAsync(cancelled, "status_code = 'CANCELLED', status_reason = 'supplier failed'");
        await SetProcurementAsync(rejected, "status_code = 'REJECTED'");
        await SetLinesAsync(shipped, Tarp, "status_code = 'CANCELLED'");
        // Everything received, though the line still says PARTIAL: nothing is left to come.
        await SetLinesAsync(shipped, FoodKit, "received_qty = 5, status_code = 'PARTIAL'");

        Assert.Equal([new Figure(Mandeville, Water, "PROCUREMENT", 7)], await SummaryAsync());
        await AssertExactAfterCompactionAsync();

        // Reinstating the line brings it back.
        await SetLinesAsync(shipped, Tarp, "status_code = 'PENDING'");
        Assert.Equal(
            [new Figure(Mandeville, Water, "PROCUREMENT", 7), new Figure(Mandeville, Tarp, "PROCUREMENT", 3)],
            await SummaryAsync());
        await AssertExactAsync();
    }

    [Fact]
    public async Task Changing_lines_and_the_target_warehouse_moves_the_open_quantities()
    {
        var procurement = await ProcurementAsync("SHIPPED", Kingston);
        var waterLine = await LineAsync(procurement, Water, 100);
        await LineAsync(procurement, Water, 50, received: 10, status: "PARTIAL");
        var other = await ProcurementAsync("ORDERED", OchoRios);
        Assert.Equal([new Figure(Kingston, Water, "PROCUREMENT", 140)], await SummaryAsync());

        await fixture.ExecuteAsync("update procurement_item set ordered_qty = 120 where procurement_item_id = @waterLine", new { waterLine });
        Assert.Equal([new Figure(Kingston, Water, "PROCUREMENT", 160)], await SummaryAsync());
        await fixture.ExecuteAsync("update procurement_item set item_id = @Tarp where procurement_item_id = @waterLine", new { waterLine, Tarp });
        Assert.Equal(
            [new Figure(Kingston, Water, "PROCUREMENT", 40), new Figure(Kingston, Tarp, "PROCUREMENT", 120)],
            await SummaryAsync());
        await AssertExactAsync();

        await SetProcurementAsync(procurement, $"target_warehouse_id = {Mandeville}");
        Assert.Equal(
            [new Figure(Mandeville, Water, "PROCUREMENT", 40), new Figure(Mandeville, Tarp, "PROCUREMENT", 120)],
            await SummaryAsync());
        await AssertExactAfterCompactionAsync();

        // A line moved to a procurement that is only ordered stops counting; shipping that one brings it back there.
        await fixture.ExecuteAsync("update procurement_item set procurement_id = @other where procurement_item_id = @waterLine", new { waterLine, other });
        Assert.Equal([new Figure(Mandeville, Water, "PROCUREMENT", 40)], await SummaryAsync());
        await SetProcurementAsync(other, "status_code = 'SHIPPED'");
        Assert.Equal(
            [new Figure(Mandeville, Water, "PROCUREMENT", 40), new Figure(OchoRios, Tarp, "PROCUREMENT", 120)],
            await SummaryAsync());
        await AssertExactAfterCompactionAsync();

        // Shipped to the same warehouse, two procurements of one item add up.
        await SetProcurementAsync(other, $"target_warehouse_id = {Mandeville}");
        await fixture.ExecuteAsync("update procurement_item set item_id = @Water where procurement_item_id = @waterLine", new { waterLine, Water });
        Assert.Equal([new Figure(Mandeville, Water, "PROCUREMENT", 160)], await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task Deleting_lines_or_a_shipped_procurement_with_its_lines_takes_them_out()
    {
        var kept = await ProcurementAsync("SHIPPED", Kingston);
        await LineAsync(kept, Water, 10);
        var tarp = await LineAsync(kept, Tarp, 6);
        var deleted = await ProcurementAsync("PARTIAL_RECEIVED", Kingston);
        await LineAsync(deleted, Water, 30, received: 5, status: "PARTIAL");
        await LineAsync(deleted, FoodKit, 8);
        await AssertExactAfterCompactionAsync();

        await fixture.ExecuteAsync("delete from procurement_item where procurement_item_id = @tarp", new { tarp });
        await AssertExactAsync();
        // One statement: the foreign key deletes the lines (ON DELETE CASCADE).
        await fixture.ExecuteAsync("delete from procurement where procurement_id = @deleted", new { deleted });

        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from procurement_item where procurement_id = @deleted", new { deleted }));
        Assert.Equal([new Figure(Kingston, Water, "PROCUREMENT", 10)], await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    /// <summary>The procurement counterpart of the one-statement donation: its status and a line change together.</summary>
    [Fact]
    public async Task A_procurement_shipped_in_the_statement_that_adds_its_line_counts_the_line_once()
    {
        var procurement = await ProcurementAsync("ORDERED", Kingston);

        await fixture.ExecuteAsync(
            """
            with shipped as (update procurement set status_code = 'SHIPPED' where procurement_id = @procurement returning procurement_id)
            insert into procurement_item (procurement_id, item_id, ordered_qty, uom_code, create_by_id, update_by_id)
            select procurement_id, @Water, 50, 'EA', 'DMIS', 'DMIS' from shipped
            """,
            new { procurement, Water });

        Assert.Equal([new Figure(Kingston, Water, "PROCUREMENT", 50)], await ExpectedAsync());
        await AssertExactAfterCompactionAsync();
    }

    // ---------------------------------------------------------------------------------------------
    // Truncate, rebuild, random sequences
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Truncating_the_donation_or_the_procurement_tables_empties_that_sources_keys_only()
    {
        await VerifiedDonationAsync((Water, 5, "V"), intakes: [(Kingston, "I")]);
        var shipped = await ProcurementAsync("SHIPPED", Kingston);
        await LineAsync(shipped, Water, 9);
        await SummaryStore.CompactAsync(fixture.DataSource, DerivedSummary.Inbound, CancellationToken.None);
        await VerifiedDonationAsync((Tarp, 1, "V"), intakes: [(Mandeville, "I")]);
        await LineAsync(shipped, Tarp, 2);

        await fixture.ExecuteAsync("truncate donation_item, dnintake, donation");
        Assert.Equal(
            [new Figure(Kingston, Water, "PROCUREMENT", 9), new Figure(Kingston, Tarp, "PROCUREMENT", 2)],
            await SummaryAsync());
        await AssertExactAsync();

        // Only the lines: no line is left to count, the procurement stays.
        await fixture.ExecuteAsync("truncate procurement_item");
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select (select count(*) from inbound_summary) + (select count(*) from inbound_summary_delta)"));
        await LineAsync(shipped, FoodKit, 4);
        Assert.Equal([new Figure(Kingston, FoodKit, "PROCUREMENT", 4)], await SummaryAsync());
        await AssertExactAsync();

        await fixture.ExecuteAsync("truncate procurement cascade");
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select (select count(*) from inbound_summary) + (select count(*) from inbound_summary_delta)"));
    }

    [Fact]
    public async Task Rebuilding_gives_the_same_figures_as_the_triggers_kept()
    {
        var random = new Random(42);
        var mutations = Mutations();
        for (var step = 0; step < 250; step++)
        {
            var (sql, parameters) = mutations[random.Next(mutations.Count)](random);
            await fixture.ExecuteAsync(sql, parameters);
        }

        // Whatever the sequence left, some of each source.
        await VerifiedDonationAsync((Water, 1.5m, "V"), intakes: [(OchoRios, "I")]);
        await LineAsync(await ProcurementAsync("SHIPPED", OchoRios), Water, 2.25m);
        var incremental = await SummaryAsync();
        var keys = await SummaryStore.RebuildAsync(fixture.DataSource, DerivedSummary.Inbound, CancellationToken.None);

        Assert.Contains(incremental, figure => figure.SourceType == "DONATION");
        Assert.Contains(incremental, figure => figure.SourceType == "PROCUREMENT");
        Assert.Equal(incremental.Count, keys);
        Assert.Equal(0, await DeltaRowsAsync());
        Assert.Equal(incremental, await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Fact]
    public async Task A_seeded_random_sequence_of_changes_keeps_the_summary_exact_before_and_after_compaction()
    {
        var random = new Random(20250301);
        var mutations = Mutations();
        var compared = new List<Figure>();
        for (var step = 1; step <= 400; step++)
        {
            var (sql, parameters) = mutations[random.Next(mutations.Count)](random);
            await fixture.ExecuteAsync(sql, parameters);
            if (step % 50 == 0)
            {
                await AssertExactAsync();
                compared.AddRange(await SummaryAsync());
            }

            if (step % 150 == 0)
            {
                await AssertExactAfterCompactionAsync();
            }
        }

        await AssertExactAfterCompactionAsync();
        var (donations, procurements) = (compared.Count(f => f.SourceType == "DONATION"), compared.Count(f => f.SourceType == "PROCUREMENT"));
        Assert.True(donations >= 10 && procurements >= 10, $"figures compared on the way: {donations} donation, {procurements} procurement");
    }

    [Fact]
    public async Task Compaction_while_another_connection_keeps_changing_documents_loses_and_doubles_nothing()
    {
        using var writing = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            var random = new Random(7);
            var mutations = Mutations();
            var writes = 0;
            await using var connection = await fixture.DataSource.OpenConnectionAsync();
            while (!writing.IsCancellationRequested || writes < 200)
            {
                var (sql, parameters) = mutations[random.Next(mutations.Count)](random);
                await connection.ExecuteAsync(sql, parameters);
                writes++;
            }
        });

        long folded = 0;
        while (!writer.IsCompleted && folded < 150)
        {
            folded += await SummaryStore.CompactAsync(fixture.DataSource, DerivedSummary.Inbound, CancellationToken.None);
        }

        await writing.CancelAsync();
        await writer;

        Assert.True(folded > 0, "compaction ran while documents were being written");
        await AssertExactAsync();
        await AssertExactAfterCompactionAsync();
    }

    // ---------------------------------------------------------------------------------------------
    // Two transactions at once: the second waits for the first's lock, then sees what it committed.
    // ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_item_and_an_intake_added_to_a_verified_donation_by_two_transactions_count_their_triple_once(bool itemFirst)
    {
        var donation = await VerifiedDonationAsync((Tarp, 2, "V"), intakes: [(Mandeville, "I")]);
        var addItem = (InsertItemSql, (object)new { donation, item = Water, qty = 7m, status = "V" });
        var addIntake = (InsertIntakeSql, (object)new { donation, warehouse = Kingston, status = "I" });

        await SecondWaitsForFirstAsync(itemFirst ? addItem : addIntake, itemFirst ? addIntake : addItem);

        Assert.Equal(
            [
                new Figure(Kingston, Water, "DONATION", 7), new Figure(Kingston, Tarp, "DONATION", 2),
                new Figure(Mandeville, Water, "DONATION", 7), new Figure(Mandeville, Tarp, "DONATION", 2),
            ],
            await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_donation_verified_while_another_transaction_adds_an_item_counts_the_item_once(bool verifyFirst)
    {
        var donation = await DonationAsync("E");
        await IntakeAsync(donation, Kingston, "C");
        var verify = ("update donation set status_code = 'V' where donation_id = @donation", (object)new { donation });
        var addItem = (InsertItemSql, (object)new { donation, item = Water, qty = 3m, status = "V" });

        await SecondWaitsForFirstAsync(verifyFirst ? verify : addItem, verifyFirst ? addItem : verify);

        Assert.Equal([new Figure(Kingston, Water, "DONATION", 3)], await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    [InlineData(false, true)]
    public async Task A_line_written_while_another_transaction_ships_its_procurement_counts_once(bool lineFirst, bool updateLine)
    {
        var procurement = await ProcurementAsync("ORDERED", Kingston);
        var water = await LineAsync(procurement, Water, 10);
        var ship = (
            "update procurement set status_code = 'SHIPPED', shipped_at = now() at time zone 'UTC' where procurement_id = @procurement",
            (object)new { procurement });
        var writeLine = updateLine
            ? ("update procurement_item set received_qty = 4, status_code = 'PARTIAL' where procurement_item_id = @water", (object)new { water })
            : (InsertLineSql, (object)new { procurement, item = Tarp, ordered = 5m, received = 0m, status = "PENDING" });

        await SecondWaitsForFirstAsync(lineFirst ? writeLine : ship, lineFirst ? ship : writeLine);

        Assert.Equal(
            updateLine
                ? [new Figure(Kingston, Water, "PROCUREMENT", 6)]
                : [new Figure(Kingston, Water, "PROCUREMENT", 10), new Figure(Kingston, Tarp, "PROCUREMENT", 5)],
            await SummaryAsync());
        await AssertExactAfterCompactionAsync();
    }

    // ---------------------------------------------------------------------------------------------
    // The calculation's read
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_calculations_inbound_read_equals_the_view_per_warehouse_and_item_with_deltas_pending()
    {
        var seed = new Seed(fixture);
        await seed.TransferAsync(Mandeville, Kingston, Water, 100, status: "D");
        await seed.TransferAsync(OchoRios, Kingston, Water, 15.5m, status: "D");
        await seed.TransferAsync(Kingston, Mandeville, Tarp, 30, status: "D");
        await seed.TransferAsync(Mandeville, Kingston, Tarp, 999, status: "P");
        await seed.TransferAsync(Mandeville, Kingston, Tarp, 999, status: "D", received: true);
        var donation = await VerifiedDonationAsync([(Water, 200, "V"), (FoodKit, 12, "V")], intakes: [(Kingston, "I"), (OchoRios, "C")]);
        var shipped = await ProcurementAsync("SHIPPED", Kingston);
        await LineAsync(shipped, Water, 500, received: 200, status: "PARTIAL");
        await LineAsync(shipped, Tarp, 40);
        await SummaryStore.CompactAsync(fixture.DataSource, DerivedSummary.Inbound, CancellationToken.None);
        // Pending deltas, some of them taking away what the summary holds.
        await SetItemAsync(donation, Water, "item_qty = 150");
        await SetIntakeAsync(donation, OchoRios, "status_code = 'V'");
        await SetLinesAsync(shipped, Tarp, "received_qty = 15, status_code = 'PARTIAL'");
        var second = await ProcurementAsync("PARTIAL_RECEIVED", Mandeville);
        await LineAsync(second, Tarp, 8);

        await using var connection = await fixture.DataSource.OpenConnectionAsync();
        // One snapshot for the read, the view and the delta count (the server's compaction may run meanwhile).
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        var pendingDeltas = await connection.ExecuteScalarAsync<long>("select count(*) from inbound_summary_delta", transaction: transaction);
        var read = await CalculationReader.LoadInboundAsync(connection, transaction, Warehouses, ItemSelection.All, CancellationToken.None);
        var readWater = await CalculationReader.LoadInboundAsync(connection, transaction, [Kingston], new ItemSelection(Water), CancellationToken.None);
        var view = (await connection.QueryAsync<(int WarehouseId, int ItemId, string SourceType, decimal InboundQty)>(
            "select warehouse_id, item_id, source_type, sum(inbound_qty) from v_inbound_stock group by 1, 2, 3",
            transaction: transaction)).ToDictionary(row => (row.WarehouseId, row.ItemId, row.SourceType), row => row.InboundQty);
        await transaction.CommitAsync();

        Assert.True(pendingDeltas > 0, "the read ran with deltas not yet compacted");
        Assert.Equal(
            Warehouses.SelectMany(warehouse => Items.Select(item => ViewFigures(view, warehouse, item))),
            Warehouses.SelectMany(warehouse => Items.Select(item => ReadFigures(read, warehouse, item))));
        Assert.Equal(new InboundFigures(Kingston, Water, 115.5m, 150, 300), ReadFigures(read, Kingston, Water));
        Assert.Equal(new InboundFigures(Kingston, Tarp, 0, 0, 25), ReadFigures(read, Kingston, Tarp));
        Assert.Equal(new InboundFigures(Mandeville, Tarp, 30, 0, 8), ReadFigures(read, Mandeville, Tarp));
        Assert.Equal(ReadFigures(read, Kingston, Water), ReadFigures(readWater, Kingston, Water));
        Assert.Equal(new InboundFigures(Kingston, FoodKit, 0, 0, 0), ReadFigures(readWater, Kingston, FoodKit));
    }

    private sealed record InboundFigures(int WarehouseId, int ItemId, decimal Transfer, decimal Donation, decimal Procurement);

    private static InboundFigures ReadFigures(InboundStock read, int warehouse, int item)
    {
        var figures = read.AddTo(warehouse, new ItemInput { ItemId = item });
        return new InboundFigures(warehouse, item, figures.InboundTransferQty, figures.InboundDonationQty, figures.InboundProcurementQty);
    }

    private static InboundFigures ViewFigures(Dictionary<(int, int, string), decimal> view, int warehouse, int item) =>
        new(warehouse, item,
            view.GetValueOrDefault((warehouse, item, "TRANSFER")),
            view.GetValueOrDefault((warehouse, item, "DONATION")),
            view.GetValueOrDefault((warehouse, item, "PROCUREMENT")));

    // ---------------------------------------------------------------------------------------------
    // The two sides compared: the view, and the summary with its deltas.
    // ---------------------------------------------------------------------------------------------

    public sealed record Figure(int WarehouseId, int ItemId, string SourceType, decimal InboundQty);

    /// <summary>SPEC 3.8's confirmed inbound from donations and procurement: v_inbound_stock summed per key.</summary>
    private Task<IReadOnlyList<Figure>> ExpectedAsync() =>
        fixture.QueryAsync<Figure>(
            """
            select warehouse_id, item_id, source_type, inbound_qty
              from (select warehouse_id, item_id, source_type, sum(inbound_qty) as inbound_qty
                      from v_inbound_stock where source_type <> 'TRANSFER' group by 1, 2, 3) v
             order by 1, 3, 2
            """);

    /// <summary>inbound_summary + inbound_summary_delta per key; keys that add up to nothing are no figure.</summary>
    private Task<IReadOnlyList<Figure>> SummaryAsync() =>
        fixture.QueryAsync<Figure>(
            """
            select warehouse_id, item_id, source_type, sum(inbound_qty) as inbound_qty
              from (select warehouse_id, item_id, source_type, inbound_qty, contributions from inbound_summary
                    union all
                    select warehouse_id, item_id, source_type, inbound_qty, contributions from inbound_summary_delta) s
             group by 1, 2, 3
            having sum(contributions) <> 0 or sum(inbound_qty) <> 0
             order by 1, 3, 2
            """);

    private async Task AssertExactAsync() => Assert.Equal(await ExpectedAsync(), await SummaryAsync());

    /// <summary>Exact, and compacted: every figure is one inbound_summary row with contributions, nothing zero or negative.</summary>
    private async Task AssertExactAfterCompactionAsync()
    {
        await AssertExactAsync();
        await SummaryStore.CompactAsync(fixture.DataSource, DerivedSummary.Inbound, CancellationToken.None);

        await AssertExactAsync();
        Assert.Equal(0, await DeltaRowsAsync());
        Assert.Equal(0, await fixture.ScalarAsync<long>(
            "select count(*) from inbound_summary where contributions <= 0 or inbound_qty <= 0"));
    }

    private Task<long> DeltaRowsAsync() => fixture.ScalarAsync<long>("select count(*) from inbound_summary_delta");

    /// <summary>
    /// Runs <paramref name="first"/> in a transaction left open, starts <paramref name="second"/> on another
    /// connection, waits until PostgreSQL shows the second waiting for a lock the first holds, then commits
    /// the first and lets the second finish.
    /// </summary>
    private async Task SecondWaitsForFirstAsync((string Sql, object Parameters) first, (string Sql, object Parameters) second)
    {
        await using var firstConnection = await fixture.DataSource.OpenConnectionAsync();
        await using var secondConnection = await fixture.DataSource.OpenConnectionAsync();
        await using var firstTransaction = await firstConnection.BeginTransactionAsync();
        await firstConnection.ExecuteAsync(first.Sql, first.Parameters, firstTransaction);

        var secondWrite = secondConnection.ExecuteAsync(second.Sql, second.Parameters);
        await WaitUntilBlockedAsync(waiting: secondConnection.ProcessID, holder: firstConnection.ProcessID, secondWrite);
        await firstTransaction.CommitAsync();
        await secondWrite;
    }

    private async Task WaitUntilBlockedAsync(int waiting, int holder, Task waitingWork)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (waitingWork.IsCompleted)
            {
                await waitingWork; // its error, if it failed
                Assert.Fail("the second transaction finished without waiting for the first");
            }

            if (await fixture.ScalarAsync<bool>(
                    """
                    select coalesce((select wait_event_type = 'Lock' from pg_stat_activity where pid = @waiting), false)
                       and @holder = any(pg_blocking_pids(@waiting))
                    """,
                    new { waiting, holder }))
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("the second transaction never waited for the first's lock");
    }

    // ---------------------------------------------------------------------------------------------
    // Documents, written one statement per row, the way DMIS writes them.
    // ---------------------------------------------------------------------------------------------

    private const string InsertItemSql =
        """
        insert into donation_item (donation_id, item_id, item_qty, uom_code, status_code, create_by_id, update_by_id)
        values (@donation, @item, @qty, 'EA', @status, 'DMIS', 'DMIS')
        """;

    private const string InsertIntakeSql =
        """
        insert into dnintake (donation_id, inventory_id, intake_date, status_code, create_by_id, update_by_id)
        values (@donation, @warehouse, current_date, @status, 'DMIS', 'DMIS')
        """;

    private const string InsertLineSql =
        """
        insert into procurement_item (procurement_id, item_id, ordered_qty, uom_code, received_qty, status_code, create_by_id, update_by_id)
        values (@procurement, @item, @ordered, 'EA', @received, @status, 'DMIS', 'DMIS')
        returning procurement_item_id
        """;

    private Task<int> DonationAsync(string status) =>
        fixture.ScalarAsync<int>(
            """
            insert into donation (event_id, donation_desc, received_date, status_code, create_by_id, update_by_id)
            values (@Hurricane, 'test donation', current_date, @status, 'DMIS', 'DMIS') returning donation_id
            """,
            new { Hurricane, status });

    private Task ItemAsync(int donation, int item, decimal qty, string status) =>
        fixture.ExecuteAsync(InsertItemSql, new { donation, item, qty, status });

    private Task IntakeAsync(int donation, int warehouse, string status) =>
        fixture.ExecuteAsync(InsertIntakeSql, new { donation, warehouse, status });

    /// <summary>An entered donation with its items and intakes, then verified (each its own statement).</summary>
    private async Task<int> VerifiedDonationAsync(
        (int Item, decimal Qty, string Status)[] items, (int Warehouse, string Status)[] intakes)
    {
        var donation = await DonationAsync("E");
        foreach (var (item, qty, status) in items)
        {
            await ItemAsync(donation, item, qty, status);
        }

        foreach (var (warehouse, status) in intakes)
        {
            await IntakeAsync(donation, warehouse, status);
        }

        await SetDonationAsync(donation, "V");
        return donation;
    }

    private Task<int> VerifiedDonationAsync((int Item, decimal Qty, string Status) item, (int Warehouse, string Status)[] intakes) =>
        VerifiedDonationAsync([item], intakes);

    private Task SetDonationAsync(int donation, string status) =>
        fixture.ExecuteAsync("update donation set status_code = @status where donation_id = @donation", new { donation, status });

    private Task SetItemAsync(int donation, int item, string assignment) =>
        fixture.ExecuteAsync($"update donation_item set {assignment} where donation_id = @donation and item_id = @item", new { donation, item });

    private Task SetIntakeAsync(int donation, int warehouse, string assignment) =>
        fixture.ExecuteAsync($"update dnintake set {assignment} where donation_id = @donation and inventory_id = @warehouse", new { donation, warehouse });

    private Task<int> ProcurementAsync(string status, int warehouse) =>
        fixture.ScalarAsync<int>(
            """
            insert into procurement (procurement_no, event_id, target_warehouse_id, procurement_method, status_code,
                                     expected_arrival, create_by_id, update_by_id)
            values ('PR-T-' || (select coalesce(max(procurement_id), 0) + 1 from procurement), @Hurricane, @warehouse,
                    'RFQ', @status, (now() at time zone 'UTC') + interval '5 days', 'DMIS', 'DMIS')
            returning procurement_id
            """,
            new { Hurricane, warehouse, status });

    private Task<int> LineAsync(int procurement, int item, decimal ordered, decimal received = 0, string status = "PENDING") =>
        fixture.ScalarAsync<int>(InsertLineSql, new { procurement, item, ordered, received, status });

    private Task SetProcurementAsync(int procurement, string assignment) =>
        fixture.ExecuteAsync($"update procurement set {assignment} where procurement_id = @procurement", new { procurement });

    private Task SetLinesAsync(int procurement, int item, string assignment) =>
        fixture.ExecuteAsync($"update procurement_item set {assignment} where procurement_id = @procurement and item_id = @item", new { procurement, item });

    /// <summary>
    /// Random changes of every kind the triggers handle: mostly one row per statement, the way DMIS
    /// writes, and a few statements that change several rows, documents or tables at once. Each picks
    /// its row as the k-th by key, so a seed gives the same sequence every run; one that finds no row
    /// (or would break a key or a check) does nothing.
    /// </summary>
    private static List<Func<Random, (string Sql, object Parameters)>> Mutations()
    {
        const string PickDonation =
            "(select donation_id from donation order by 1 offset @k % nullif((select count(*) from donation), 0) limit 1)";
        const string PickItem =
            """
            (select donation_id, item_id from donation_item order by 1, 2
             offset @k % nullif((select count(*) from donation_item), 0) limit 1)
            """;
        const string PickIntake =
            """
            (select donation_id, inventory_id from dnintake order by 1, 2
             offset @k % nullif((select count(*) from dnintake), 0) limit 1)
            """;
        const string PickProcurement =
            "(select procurement_id from procurement order by 1 offset @k % nullif((select count(*) from procurement), 0) limit 1)";
        const string PickLine =
            "(select procurement_item_id from procurement_item order by 1 offset @k % nullif((select count(*) from procurement_item), 0) limit 1)";
        string[] procurementStatuses =
            ["DRAFT", "PENDING_APPROVAL", "APPROVED", "REJECTED", "ORDERED", "SHIPPED", "SHIPPED", "PARTIAL_RECEIVED", "PARTIAL_RECEIVED", "RECEIVED", "CANCELLED"];
        string[] lineStatuses = ["PENDING", "PENDING", "PARTIAL", "RECEIVED", "CANCELLED"];
        var procurementNumber = 0;

        static int AnyWarehouse(Random random) => 1 + random.Next(3);
        static int AnyItem(Random random) => 1 + random.Next(3);
        static decimal AnyQty(Random random) => random.Next(0, 1_000_000) / 100m;
        static string AnyDonationStatus(Random random) => "EVVP"[random.Next(4)].ToString();
        static string AnyItemStatus(Random random) => "PVV"[random.Next(3)].ToString();
        static string AnyIntakeStatus(Random random) => "ICCV"[random.Next(4)].ToString();

        // Inserts weigh more, so that the tables grow while everything else changes them.
        Func<Random, (string Sql, object Parameters)> addDonation = random => (
            """
            insert into donation (event_id, donation_desc, received_date, status_code, create_by_id, update_by_id)
            values (1, 'random donation', current_date, @status, 'DMIS', 'DMIS')
            """,
            new { status = AnyDonationStatus(random) });
        Func<Random, (string Sql, object Parameters)> addItem = random => (
            $"""
            insert into donation_item (donation_id, item_id, item_qty, uom_code, status_code, create_by_id, update_by_id)
            select {PickDonation}, @item, @qty, 'EA', @status, 'DMIS', 'DMIS' where exists (select 1 from donation)
            on conflict do nothing
            """,
            new { k = random.Next(1000), item = AnyItem(random), qty = random.Next(8) == 0 ? 0 : AnyQty(random), status = AnyItemStatus(random) });
        Func<Random, (string Sql, object Parameters)> addIntake = random => (
            $"""
            insert into dnintake (donation_id, inventory_id, intake_date, status_code, create_by_id, update_by_id)
            select {PickDonation}, @warehouse, current_date, @status, 'DMIS', 'DMIS' where exists (select 1 from donation)
            on conflict do nothing
            """,
            new { k = random.Next(1000), warehouse = AnyWarehouse(random), status = AnyIntakeStatus(random) });
        Func<Random, (string Sql, object Parameters)> addProcurement = random => (
            """
            insert into procurement (procurement_no, event_id, target_warehouse_id, procurement_method, status_code, create_by_id, update_by_id)
            values (@number, 1, @warehouse, 'RFQ', @status, 'DMIS', 'DMIS')
            """,
            new
            {
                number = $"PR-R-{++procurementNumber}",
                warehouse = AnyWarehouse(random),
                status = procurementStatuses[random.Next(procurementStatuses.Length)],
            });
        Func<Random, (string Sql, object Parameters)> addLine = random =>
        {
            var ordered = 1 + AnyQty(random);
            return (
                $"""
                insert into procurement_item (procurement_id, item_id, ordered_qty, uom_code, received_qty, status_code, create_by_id, update_by_id)
                select {PickProcurement}, @item, @ordered, 'EA', @received, @status, 'DMIS', 'DMIS' where exists (select 1 from procurement)
                """,
                new
                {
                    k = random.Next(1000),
                    item = AnyItem(random),
                    ordered,
                    received = random.Next(3) == 0 ? Math.Round(ordered * (decimal)random.NextDouble(), 2) : 0m,
                    status = lineStatuses[random.Next(lineStatuses.Length)],
                });
        };

        return
        [
            addDonation, addDonation, addDonation, addItem, addItem, addItem, addItem, addItem, addItem,
            addIntake, addIntake, addIntake, addIntake, addProcurement, addProcurement, addLine, addLine, addLine, addLine, addLine,
            random => (
                $"update donation set status_code = @status where donation_id = {PickDonation}",
                new { k = random.Next(1000), status = AnyDonationStatus(random) }),
            random => (
                $"update donation_item set item_qty = @qty where (donation_id, item_id) = {PickItem}",
                new { k = random.Next(1000), qty = random.Next(5) == 0 ? 0 : AnyQty(random) }),
            random => (
                $"update donation_item set status_code = @status where (donation_id, item_id) = {PickItem}",
                new { k = random.Next(1000), status = AnyItemStatus(random) }),
            random => (
                $"""
                update donation_item di set item_id = @item
                 where (di.donation_id, di.item_id) = {PickItem}
                   and not exists (select 1 from donation_item o where o.donation_id = di.donation_id and o.item_id = @item)
                """,
                new { k = random.Next(1000), item = AnyItem(random) }),
            random => (
                $"""
                update donation_item di set donation_id = {PickDonation.Replace("@k", "@k2", StringComparison.Ordinal)}
                 where (di.donation_id, di.item_id) = {PickItem}
                   and not exists (select 1 from donation_item o
                                    where o.donation_id = {PickDonation.Replace("@k", "@k2", StringComparison.Ordinal)} and o.item_id = di.item_id)
                """,
                new { k = random.Next(1000), k2 = random.Next(1000) }),
            random => (
                $"update dnintake set status_code = @status where (donation_id, inventory_id) = {PickIntake}",
                new { k = random.Next(1000), status = AnyIntakeStatus(random) }),
            random => (
                $"""
                update dnintake i set inventory_id = @warehouse
                 where (i.donation_id, i.inventory_id) = {PickIntake}
                   and not exists (select 1 from dnintake o where o.donation_id = i.donation_id and o.inventory_id = @warehouse)
                """,
                new { k = random.Next(1000), warehouse = AnyWarehouse(random) }),
            random => (
                $"delete from donation_item where (donation_id, item_id) = {PickItem}",
                new { k = random.Next(1000) }),
            random => (
                $"delete from dnintake where (donation_id, inventory_id) = {PickIntake}",
                new { k = random.Next(1000) }),
            random => (
                // Three statements, as DMIS deletes a donation: its items, its intakes, then the donation.
                $"""
                delete from donation_item where donation_id = {PickDonation};
                delete from dnintake where donation_id = {PickDonation};
                delete from donation where donation_id = {PickDonation};
                """,
                new { k = random.Next(1000) }),
            random => (
                $"update procurement set status_code = @status where procurement_id = {PickProcurement}",
                new { k = random.Next(1000), status = procurementStatuses[random.Next(procurementStatuses.Length)] }),
            random => (
                $"update procurement set target_warehouse_id = @warehouse where procurement_id = {PickProcurement}",
                new { k = random.Next(1000), warehouse = AnyWarehouse(random) }),
            random => (
                // A receipt: part or all of what is left.
                $"""
                update procurement_item
                   set received_qty = received_qty + round((ordered_qty - received_qty) * @share, 2),
                       status_code = case when @share = 1 then 'RECEIVED' else 'PARTIAL' end
                 where procurement_item_id = {PickLine}
                """,
                new { k = random.Next(1000), share = random.Next(3) == 0 ? 1m : random.Next(1, 100) / 100m }),
            random => (
                $"update procurement_item set ordered_qty = greatest(received_qty, @qty, 0.01) where procurement_item_id = {PickLine}",
                new { k = random.Next(1000), qty = AnyQty(random) }),
            random => (
                $"update procurement_item set status_code = @status where procurement_item_id = {PickLine}",
                new { k = random.Next(1000), status = lineStatuses[random.Next(lineStatuses.Length)] }),
            random => (
                $"update procurement_item set item_id = @item where procurement_item_id = {PickLine}",
                new { k = random.Next(1000), item = AnyItem(random) }),
            random => (
                $"""
                update procurement_item set procurement_id = {PickProcurement.Replace("@k", "@k2", StringComparison.Ordinal)}
                 where procurement_item_id = {PickLine}
                """,
                new { k = random.Next(1000), k2 = random.Next(1000) }),
            random => (
                $"delete from procurement_item where procurement_item_id = {PickLine}",
                new { k = random.Next(1000) }),
            random => (
                // One statement: the foreign key deletes the lines.
                $"delete from procurement where procurement_id = {PickProcurement}",
                new { k = random.Next(1000) }),

            // Several rows, documents or tables in one statement.
            random => (
                $"update donation_item set status_code = @status where donation_id = {PickDonation}",
                new { k = random.Next(1000), status = AnyItemStatus(random) }),
            random => (
                $"""
                with item as (
                    insert into donation_item (donation_id, item_id, item_qty, uom_code, status_code, create_by_id, update_by_id)
                    select {PickDonation}, @item, @qty, 'EA', 'V', 'DMIS', 'DMIS' where exists (select 1 from donation)
                    on conflict do nothing)
                insert into dnintake (donation_id, inventory_id, intake_date, status_code, create_by_id, update_by_id)
                select {PickDonation}, @warehouse, current_date, 'I', 'DMIS', 'DMIS' where exists (select 1 from donation)
                on conflict do nothing
                """,
                new { k = random.Next(1000), item = AnyItem(random), qty = AnyQty(random), warehouse = AnyWarehouse(random) }),
            random => (
                $"""
                with items as (delete from donation_item where donation_id = {PickDonation}),
                     intakes as (delete from dnintake where donation_id = {PickDonation})
                delete from donation where donation_id = {PickDonation}
                """,
                new { k = random.Next(1000) }),
            random => (
                $"""
                with received as (
                    update procurement_item set received_qty = ordered_qty, status_code = 'RECEIVED'
                     where procurement_id = {PickProcurement} and item_id = @item)
                update procurement set status_code = @status where procurement_id = {PickProcurement}
                """,
                new { k = random.Next(1000), item = AnyItem(random), status = procurementStatuses[random.Next(procurementStatuses.Length)] }),
            random => (
                "update procurement set status_code = @status where target_warehouse_id = @warehouse and status_code <> 'DRAFT'",
                new { warehouse = AnyWarehouse(random), status = random.Next(2) == 0 ? "SHIPPED" : "PARTIAL_RECEIVED" }),
        ];
    }
}
