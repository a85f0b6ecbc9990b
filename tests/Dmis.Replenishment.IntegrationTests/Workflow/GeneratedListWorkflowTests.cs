using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// The workflow on lists made by GenerateNeedsList. Warehouses 11 and 12 (fresh) burn 50 WATER an hour
/// with 200 usable at 850 a unit: in SURGE a gap of 4,300 (value 3,655,000), all in horizon C.
/// </summary>
public sealed class GeneratedListWorkflowTests(GeneratedListWorkflowTests.Fixture fixture) : IClassFixture<GeneratedListWorkflowTests.Fixture>
{
    public sealed class Fixture : WorkflowFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            foreach (var warehouseId in new[] { 11, 12 })
            {
                await seed.WarehouseAsync(warehouseId, $"GENERATED DEPOT {warehouseId}", syncedHoursAgo: 0.5);
                await seed.StockAsync(warehouseId, Water, 200, unitValue: 850);
                await seed.FulfilmentAsync(Surge, warehouseId, Water, 300, hoursAgo: 1);
            }
        }
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private async Task<NeedsList> GenerateAsync(int warehouseId) =>
        await Client.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = Surge, WarehouseId = warehouseId }, Callers.Officer);

    [Fact]
    public async Task A_generated_list_is_adjusted_submitted_and_approved()
    {
        var generated = await GenerateAsync(11);
        Assert.Equal("4300.00", generated.TotalGapQty.Value);

        var adjusted = await Client.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
        {
            NeedsListId = generated.NeedsListId, ItemId = Water, AdjustedQty = new() { Value = "3000" },
            Reason = AdjustmentReason.BudgetConstraint, ExpectedVersion = generated.Version,
        }, Callers.Manager);
        var submitted = await Client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = generated.NeedsListId, ExpectedVersion = adjusted.Version }, Callers.Manager);
        var approved = await Client.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = generated.NeedsListId, ExpectedVersion = submitted.Version }, Callers.SeniorDirector);

        Assert.Equal("3000.00", adjusted.TotalGapQty.Value);
        Assert.Equal("2550000.00", adjusted.TotalEstimatedValue.Value);
        var water = adjusted.Lines.Single(line => line.ItemId == Water);
        Assert.Equal("4300.00", water.GapQty.Value);
        Assert.Equal("3000.00", water.AdjustedQty.Value);
        Assert.Equal(NeedsListStatus.Approved, approved.Status);
        Assert.Equal(Callers.SeniorDirectorUser, approved.ApprovedBy);
        var audit = (await Client.ListNeedsListAuditAsync(new ListNeedsListAuditRequest { NeedsListId = generated.NeedsListId }, Callers.ReadOnly)).Entries;
        Assert.Equal(["CREATED", "QUANTITY_ADJUSTED", "SUBMITTED", "APPROVED"], audit.Select(entry => entry.ActionType));
    }

    [Fact]
    public async Task Generating_again_streams_the_new_list_then_the_supersession_of_the_open_draft()
    {
        var first = await GenerateAsync(12);
        using var cancel = new CancellationTokenSource(Patience);
        using var stream = Client.WatchNeedsListEvents(new WatchNeedsListEventsRequest { WarehouseId = 12 }, Callers.ReadOnly, cancellationToken: cancel.Token);
        await stream.ResponseHeadersAsync;

        var second = await GenerateAsync(12);

        // The first list's own generation is a stream event too, and may still be on its way to this subscriber.
        NeedsListEvent generated;
        do
        {
            Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
            generated = stream.ResponseStream.Current;
        }
        while (generated.NeedsListId == first.NeedsListId && generated.Type == NeedsListEventType.Generated);
        Assert.Equal((NeedsListEventType.Generated, second.NeedsListId, NeedsListStatus.Draft),
            (generated.Type, generated.NeedsListId, generated.ToStatus));
        Assert.True(await stream.ResponseStream.MoveNext(cancel.Token));
        var superseded = stream.ResponseStream.Current;
        Assert.Equal((NeedsListEventType.StatusChanged, first.NeedsListId, NeedsListStatus.Draft, NeedsListStatus.Superseded),
            (superseded.Type, superseded.NeedsListId, superseded.FromStatus, superseded.ToStatus));
        Assert.Contains(second.NeedsListNo, superseded.Message);
    }
}
