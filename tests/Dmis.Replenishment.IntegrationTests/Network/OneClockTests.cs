using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dmis.Replenishment.IntegrationTests.Network;

/// <summary>
/// One clock: preview, generate, the workflow, transfers and procurement all take "now" from the injected
/// TimeProvider, never from the database. The server's fake clock runs three hours ahead of the database's.
/// </summary>
public sealed class OneClockTests(OneClockTests.Fixture fixture) : IClassFixture<OneClockTests.Fixture>
{
    private const int Water = 1;

    public sealed class Fixture : DatabaseFixture
    {
        public static readonly DateTime Now = ToTheSecond(DateTime.UtcNow.AddHours(3));

        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Now, TimeSpan.Zero));

        public ReplenishmentServerFactory Server { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE");
            await seed.WarehouseAsync(1, "KINGSTON CENTRAL");
            await seed.WarehouseAsync(2, "MONTEGO BAY HUB");
            await seed.ItemAsync(Water, "WATER");
            await seed.StockAsync(1, Water, 200);
            await seed.StockAsync(2, Water, 2000);
            await seed.FulfilmentAtAsync(1, 1, Water, 300, Now.AddHours(-1));
            Server = new ReplenishmentServerFactory(ConnectionString, services => services.AddSingleton<TimeProvider>(Clock));
        }

        public override async Task DisposeAsync()
        {
            await Server.DisposeAsync();
            await base.DisposeAsync();
        }
    }

    private static DateTime Now => Fixture.Now;

    internal static DateTime ToTheSecond(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private NeedsListService.NeedsListServiceClient NeedsLists => new(fixture.Server.CreateChannel());

    private ProcurementService.ProcurementServiceClient Procurement => new(fixture.Server.CreateChannel());

    [Fact]
    public async Task Every_step_from_preview_to_transfers_and_procurement_is_stamped_with_the_injected_clock()
    {
        var preview = await NeedsLists.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 1 }, Callers.Officer);
        Assert.Equal(Timestamp.FromDateTime(Now), preview.AsOf);
        Assert.Equal(Timestamp.FromDateTime(Now.AddHours(4)), preview.Lines.Single().ProjectedStockout); // 200 usable at 50/h

        var draft = await NeedsLists.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = 1, WarehouseId = 1 }, Callers.Officer);
        Assert.Equal((Timestamp.FromDateTime(Now), Timestamp.FromDateTime(Now)), (draft.CalculationTime, draft.CreatedAt));
        var submitted = await NeedsLists.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = draft.NeedsListId, ExpectedVersion = draft.Version, AcknowledgeStaleData = true },
            Callers.Officer);
        var approved = await NeedsLists.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = draft.NeedsListId, ExpectedVersion = submitted.Version }, Callers.SeniorDirector);
        Assert.Equal(Timestamp.FromDateTime(Now), approved.ApprovedAt);

        await Procurement.CreateTransfersFromNeedsListAsync(
            new CreateTransfersFromNeedsListRequest { NeedsListId = draft.NeedsListId }, Callers.Officer);
        var procurement = await Procurement.CreateProcurementFromNeedsListAsync(
            new CreateProcurementFromNeedsListRequest { NeedsListId = draft.NeedsListId, Method = ProcurementMethod.EmergencyDirect },
            Callers.Officer);

        Assert.Contains(Now.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), procurement.ProcurementNo);
        var stamps = await fixture.QueryAsync<DateTime>(
            """
            select action_dtime from needs_list_audit where needs_list_id = @id
            union all select snapshot_dtime from burn_rate_snapshot where warehouse_id = 1
            union all select create_dtime from needs_list where needs_list_id = @id
            union all select update_dtime from needs_list where needs_list_id = @id
            union all select create_dtime from transfer where needs_list_id = @id
            union all select transfer_date::timestamp from transfer where needs_list_id = @id
            union all select create_dtime from procurement where needs_list_id = @id
            union all select pi.create_dtime from procurement_item pi join procurement p using (procurement_id) where p.needs_list_id = @id
            """,
            new { id = draft.NeedsListId });
        Assert.True(stamps.Count >= 10);
        Assert.All(stamps, stamp => Assert.True(stamp == Now || stamp == Now.Date, $"{stamp:O} is not the injected clock's {Now:O}"));
    }

    [Fact]
    public async Task Phase_changes_configuration_suppliers_and_lead_times_are_stamped_with_the_injected_clock()
    {
        var events = new EventPhaseService.EventPhaseServiceClient(fixture.Server.CreateChannel());
        var changed = await events.ChangePhaseAsync(
            new ChangePhaseRequest { EventId = 1, Phase = EventPhase.Stabilized, Reason = "surge over", ExpectedVersion = 1 }, Callers.Manager);
        await events.UpsertPhaseConfigAsync(
            new UpsertPhaseConfigRequest
            {
                EventId = 1,
                Phase = EventPhase.Stabilized,
                IsActive = true,
                Parameters = new PhaseParameters
                {
                    DemandWindowHours = 48, PlanningWindowHours = 168, SafetyBufferPct = new() { Value = "25" },
                    SafetyFactor = new() { Value = "1.25" }, FreshnessThresholdHours = 2, StaleThresholdHours = 6,
                },
            },
            Callers.Administrator);
        var supplier = await Procurement.CreateSupplierAsync(
            new CreateSupplierRequest { Supplier = new Supplier { SupplierCode = "CLOCK-1", SupplierName = "Clock Supplies", DefaultLeadTimeDays = 7 } },
            Callers.Manager);
        await Procurement.UpdateSupplierAsync(
            new UpdateSupplierRequest
            {
                SupplierId = supplier.SupplierId,
                Supplier = new Supplier { SupplierCode = "CLOCK-1", SupplierName = "Clock Supplies Ltd", DefaultLeadTimeDays = 7 },
                ExpectedVersion = supplier.Version,
            },
            Callers.Manager);
        var route = await Procurement.UpsertLeadTimeAsync(
            new UpsertLeadTimeRequest { LeadTime = new LeadTime { Horizon = LeadTimeHorizon.A, FromWarehouseId = 2, ToWarehouseId = 1, LeadTimeHours = 5 } },
            Callers.Manager);

        Assert.Equal((Now.Year, Now.Month, Now.Day), (route.EffectiveFrom.Year, route.EffectiveFrom.Month, route.EffectiveFrom.Day));
        var stamps = await fixture.QueryAsync<DateTime>(
            """
            select phase_changed_at from event where event_id = 1
            union all select update_dtime from event where event_id = 1
            union all select changed_at from event_phase_history where event_id = 1
            union all select create_dtime from event_phase_config where event_id = 1
            union all select create_dtime from supplier where supplier_code = 'CLOCK-1'
            union all select update_dtime from supplier where supplier_code = 'CLOCK-1'
            union all select create_dtime from lead_time_config where config_id = @route
            """,
            new { route = route.ConfigId });
        Assert.Equal(7, stamps.Count);
        Assert.All(stamps, stamp => Assert.Equal(Now, stamp));
        Assert.Equal(Timestamp.FromDateTime(Now), changed.Event.PhaseChangedAt);
    }
}
