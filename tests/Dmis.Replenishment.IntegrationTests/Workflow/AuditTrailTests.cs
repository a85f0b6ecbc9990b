using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Npgsql;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// Every workflow action writes needs_list_audit (who, when, what, field, before, after, reason code,
/// notes) in its own transaction; ListNeedsListAudit pages it oldest first; rows cannot be changed.
/// </summary>
public sealed class AuditTrailTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    [Fact]
    public async Task Every_action_of_a_lists_life_is_audited_in_order()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT", warehouseId: MediumWarehouse);
        var started = DateTime.UtcNow.AddSeconds(-2);

        var v = (await Client.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
        {
            NeedsListId = id, ItemId = Water, AdjustedQty = new() { Value = "80" }, Reason = AdjustmentReason.Other,
            Notes = "two pallets damaged", ExpectedVersion = 1,
        }, Callers.Officer)).Version;
        v = (await Client.SubmitNeedsListAsync(new SubmitNeedsListRequest { NeedsListId = id, AcknowledgeStaleData = true, ExpectedVersion = v }, Callers.Officer)).Version;
        v = (await Client.StartReviewAsync(new StartReviewRequest { NeedsListId = id, ExpectedVersion = v }, Callers.SeniorDirector)).Version;
        v = (await Client.ReturnNeedsListAsync(new ReturnNeedsListRequest { NeedsListId = id, Reason = "count the rice", ExpectedVersion = v }, Callers.SeniorDirector)).Version;
        v = (await Client.SubmitNeedsListAsync(new SubmitNeedsListRequest { NeedsListId = id, AcknowledgeStaleData = true, ExpectedVersion = v }, Callers.Manager)).Version;
        v = (await Client.ApproveNeedsListAsync(new ApproveNeedsListRequest { NeedsListId = id, Notes = "go", ExpectedVersion = v }, Callers.DirectorGeneral)).Version;
        await Client.CancelNeedsListAsync(new CancelNeedsListRequest { NeedsListId = id, Reason = "storm turned away", ExpectedVersion = v }, Callers.DirectorGeneral);

        var entries = (await Client.ListNeedsListAuditAsync(new ListNeedsListAuditRequest { NeedsListId = id }, Callers.ReadOnly)).Entries;

        Assert.Equal(
        [
            ("QUANTITY_ADJUSTED", "adjusted_qty", "100.00", "80.00", "OTHER", "two pallets damaged", Callers.OfficerUser),
            ("SUBMITTED", "status_code", "DRAFT", "PENDING_APPROVAL", "STALE_DATA_ACKNOWLEDGED", entries[1].Notes, Callers.OfficerUser),
            ("STATUS_CHANGED", "status_code", "PENDING_APPROVAL", "UNDER_REVIEW", "", "", Callers.SeniorDirectorUser),
            ("RETURNED", "status_code", "UNDER_REVIEW", "RETURNED", "", "count the rice", Callers.SeniorDirectorUser),
            ("SUBMITTED", "status_code", "RETURNED", "PENDING_APPROVAL", "STALE_DATA_ACKNOWLEDGED", entries[4].Notes, Callers.ManagerUser),
            ("APPROVED", "status_code", "PENDING_APPROVAL", "APPROVED", "", "go", Callers.DirectorGeneralUser),
            ("CANCELLED", "status_code", "APPROVED", "CANCELLED", "", "storm turned away", Callers.DirectorGeneralUser),
        ],
        entries.Select(e => (e.ActionType, e.FieldName, e.OldValue, e.NewValue, e.ReasonCode, e.Notes, e.ActorUserId)));
        Assert.Contains($"Data for {MediumWarehouseName} is 3", entries[1].Notes);
        Assert.All(entries, e => Assert.Equal(id, e.NeedsListId));
        Assert.All(entries, e => Assert.InRange(e.ActionTime.ToDateTime(), started, DateTime.UtcNow.AddSeconds(2)));
        Assert.NotEqual(0, entries[0].NeedsListItemId);
        Assert.All(entries.Skip(1), e => Assert.Equal(0, e.NeedsListItemId));
    }

    [Fact]
    public async Task Rejection_is_audited_with_its_reason()
    {
        var id = await fixture.Lists.NeedsListAsync("UNDER_REVIEW");

        await Client.RejectNeedsListAsync(new RejectNeedsListRequest { NeedsListId = id, Reason = "covered by the WFP shipment", ExpectedVersion = 1 }, Callers.SeniorDirector);

        var entry = Assert.Single((await Client.ListNeedsListAuditAsync(new ListNeedsListAuditRequest { NeedsListId = id }, Callers.Officer)).Entries);
        Assert.Equal(("REJECTED", "UNDER_REVIEW", "REJECTED", "covered by the WFP shipment", Callers.SeniorDirectorUser),
            (entry.ActionType, entry.OldValue, entry.NewValue, entry.Notes, entry.ActorUserId));
    }

    [Fact]
    public async Task The_audit_trail_pages_oldest_first_without_gaps_or_repeats()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");
        for (var version = 1; version <= 5; version++)
        {
            await Client.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
            {
                NeedsListId = id, ItemId = Rice, AdjustedQty = new() { Value = $"{version}" }, Reason = AdjustmentReason.DemandAdjusted,
                ExpectedVersion = version,
            }, Callers.Officer);
        }

        var seen = new List<AuditEntry>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await Client.ListNeedsListAuditAsync(new ListNeedsListAuditRequest { NeedsListId = id, PageSize = 2, PageToken = token }, Callers.Officer);
            seen.AddRange(page.Entries);
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(["1.00", "2.00", "3.00", "4.00", "5.00"], seen.Select(e => e.NewValue));
        Assert.Equal(seen.Select(e => e.AuditId).Order(), seen.Select(e => e.AuditId));
    }

    [Fact]
    public async Task An_invalid_page_token_names_the_field()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");

        await GrpcAssert.FailsOnField("page_token", () => Client.ListNeedsListAuditAsync(
            new ListNeedsListAuditRequest { NeedsListId = id, PageToken = "garbage!" }, Callers.Officer).ResponseAsync);
    }

    [Fact]
    public async Task Audit_rows_cannot_be_updated()
    {
        var id = await AuditedListAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.ExecuteAsync(
            "update needs_list_audit set notes_text = 'rewritten' where needs_list_id = @id", new { id }));

        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(1, await fixture.ScalarAsync<int>(
            "select count(*)::int from needs_list_audit where needs_list_id = @id and notes_text is distinct from 'rewritten'", new { id }));
    }

    [Fact]
    public async Task Audit_rows_cannot_be_deleted()
    {
        var id = await AuditedListAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => fixture.ExecuteAsync(
            "delete from needs_list_audit where needs_list_id = @id", new { id }));

        Assert.Contains("append-only", error.MessageText);
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id));
    }

    private async Task<int> AuditedListAsync()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");
        await Client.SubmitNeedsListAsync(new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.Officer);
        return id;
    }
}
