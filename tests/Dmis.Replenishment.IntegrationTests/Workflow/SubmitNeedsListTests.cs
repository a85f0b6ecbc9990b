using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// SubmitNeedsList: the warehouse's freshness is assessed again at submit time with the thresholds of
/// the list's phase; data that is not HIGH needs acknowledge_stale_data, and the acknowledgement is audited.
/// </summary>
public sealed class SubmitNeedsListTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private Task<NeedsList> SubmitAsync(int id, bool acknowledge = false) =>
        Client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = id, AcknowledgeStaleData = acknowledge, ExpectedVersion = 1 }, Callers.Officer).ResponseAsync;

    [Fact]
    public async Task Submitting_a_list_with_fresh_data_needs_no_acknowledgement()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT", warehouseId: FreshWarehouse);
        var before = DateTime.UtcNow.AddSeconds(-2);

        var list = await SubmitAsync(id);

        Assert.Equal(NeedsListStatus.PendingApproval, list.Status);
        Assert.Equal(Callers.OfficerUser, list.SubmittedBy);
        Assert.InRange(list.SubmittedAt.ToDateTime(), before, DateTime.UtcNow.AddSeconds(2));
        var audit = Assert.Single(await fixture.QueryAsync<(string Action, string Field, string Old, string New, string? Reason, string? Notes)>(
            "select action_type, field_name, old_value, new_value, reason_code, notes_text from needs_list_audit where needs_list_id = @id", new { id }));
        Assert.Equal(("SUBMITTED", "status_code", "DRAFT", "PENDING_APPROVAL", (string?)null, (string?)null), audit);
    }

    [Theory]
    [InlineData(MediumWarehouse, MediumWarehouseName, "is 3")]
    [InlineData(StaleWarehouse, StaleWarehouseName, "is 10")]
    public async Task Submitting_stale_data_without_acknowledgement_fails_and_says_how_old_it_is(int warehouseId, string name, string age)
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT", warehouseId: warehouseId);

        var error = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => SubmitAsync(id));

        Assert.StartsWith($"Data for {name} {age}", error.Status.Detail);
        Assert.Contains("hours old", error.Status.Detail);
        Assert.Contains("acknowledge_stale_data", error.Status.Detail);
        Assert.Equal(0, await fixture.Lists.AuditCountAsync(id));
        Assert.Equal("DRAFT", await fixture.ScalarAsync<string>("select status_code from needs_list where needs_list_id = @id", new { id }));
    }

    [Fact]
    public async Task Submitting_data_that_was_never_synced_without_acknowledgement_fails()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT", warehouseId: NeverSyncedWarehouse);

        var error = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => SubmitAsync(id));

        Assert.StartsWith($"Data for {NeverSyncedWarehouseName} has never been synced", error.Status.Detail);
    }

    [Fact]
    public async Task Submitting_stale_data_with_acknowledgement_succeeds_and_audits_the_acknowledgement()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT", warehouseId: MediumWarehouse);

        var list = await SubmitAsync(id, acknowledge: true);

        Assert.Equal(NeedsListStatus.PendingApproval, list.Status);
        var audit = Assert.Single(await fixture.QueryAsync<(string Action, string? Reason, string? Notes, string Actor)>(
            "select action_type, reason_code, notes_text, actor_user_id from needs_list_audit where needs_list_id = @id", new { id }));
        Assert.Equal("SUBMITTED", audit.Action);
        Assert.Equal("STALE_DATA_ACKNOWLEDGED", audit.Reason);
        Assert.StartsWith($"Data for {MediumWarehouseName} is 3", audit.Notes);
        Assert.EndsWith("hours old; acknowledged at submit", audit.Notes);
        Assert.Equal(Callers.OfficerUser, audit.Actor);
    }

    [Fact]
    public async Task Freshness_uses_the_thresholds_configured_for_the_lists_phase()
    {
        // Event 9 counts data as fresh for 4 h in SURGE: the 3-hour-old hub is HIGH there.
        await new Seed(fixture).EventAsync(9, "SURGE");
        await fixture.ExecuteAsync(
            """
            insert into event_phase_config (event_id, phase, demand_window_hours, planning_window_hours,
                                            freshness_threshold_hours, stale_threshold_hours, create_by_id, update_by_id)
            values (9, 'SURGE', 6, 72, 4, 12, 'SEED', 'SEED')
            """);
        var id = await fixture.Lists.NeedsListAsync("DRAFT", eventId: 9, warehouseId: MediumWarehouse);

        var list = await SubmitAsync(id);

        Assert.Equal(NeedsListStatus.PendingApproval, list.Status);
        Assert.Null(await fixture.ScalarAsync<string?>(
            "select reason_code from needs_list_audit where needs_list_id = @id", new { id }));
    }

    [Fact]
    public async Task A_returned_list_can_be_resubmitted()
    {
        var id = await fixture.Lists.NeedsListAsync("RETURNED");

        var list = await SubmitAsync(id);

        Assert.Equal(NeedsListStatus.PendingApproval, list.Status);
        Assert.Equal("RETURNED", await fixture.ScalarAsync<string>(
            "select old_value from needs_list_audit where needs_list_id = @id and action_type = 'SUBMITTED'", new { id }));
    }
}
