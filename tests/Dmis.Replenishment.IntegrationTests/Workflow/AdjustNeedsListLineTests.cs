using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// AdjustNeedsListLine: DRAFT or RETURNED only; quantity &gt;= 0 with at most 2 decimals, a reason from
/// the schema's list, notes for OTHER (at most 255); the line's adjusted fields, the list's totals
/// (effective quantities) and a QUANTITY_ADJUSTED audit row with the old and the new value.
/// </summary>
public sealed class AdjustNeedsListLineTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private Task<NeedsList> AdjustAsync(
        int id, string qty, AdjustmentReason reason = AdjustmentReason.DemandAdjusted, string notes = "", int item = Water, int version = 1) =>
        Client.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
        {
            NeedsListId = id, ItemId = item, AdjustedQty = new() { Value = qty }, Reason = reason, Notes = notes, ExpectedVersion = version,
        }, Callers.Officer).ResponseAsync;

    [Fact]
    public async Task Adjusting_sets_the_line_recomputes_the_totals_and_audits_old_and_new_value()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");

        var list = await AdjustAsync(id, "60.5", AdjustmentReason.BudgetConstraint, "  budget cut by ODPEM  ");

        var water = list.Lines.Single(line => line.ItemId == Water);
        Assert.Equal("60.50", water.AdjustedQty.Value);
        Assert.Equal(AdjustmentReason.BudgetConstraint, water.AdjustmentReason);
        Assert.Equal("budget cut by ODPEM", water.AdjustmentNotes);
        Assert.Equal(Callers.OfficerUser, water.AdjustedBy);
        Assert.NotNull(water.AdjustedAt);
        Assert.Equal("100.00", water.GapQty.Value);
        Assert.Equal("111.00", list.TotalGapQty.Value); // 60.50 adjusted + 50.50 rice gap
        Assert.Equal("605.00", list.TotalEstimatedValue.Value); // 60.50 x 10.00; rice has no unit value
        Assert.Equal(2, list.Version);

        var audit = Assert.Single(await fixture.QueryAsync<(string ActionType, string FieldName, string OldValue, string NewValue, string ReasonCode, string NotesText, string ActorUserId, int? NeedsListItemId)>(
            """
            select action_type, field_name, old_value, new_value, reason_code, notes_text, actor_user_id, needs_list_item_id
              from needs_list_audit where needs_list_id = @id
            """, new { id }));
        Assert.Equal(("QUANTITY_ADJUSTED", "adjusted_qty", "100.00", "60.50", "BUDGET_CONSTRAINT", "budget cut by ODPEM", Callers.OfficerUser),
            (audit.ActionType, audit.FieldName, audit.OldValue, audit.NewValue, audit.ReasonCode, audit.NotesText, audit.ActorUserId));
        Assert.Equal(water.NeedsListItemId, (long?)audit.NeedsListItemId);
    }

    [Fact]
    public async Task A_second_adjustment_audits_the_first_adjusted_quantity_as_the_old_value()
    {
        var id = await fixture.Lists.NeedsListAsync("RETURNED");
        await AdjustAsync(id, "90");

        var list = await AdjustAsync(id, "0", AdjustmentReason.Other, "covered by a Red Cross delivery", version: 2);

        Assert.Equal("0.00", list.Lines.Single(line => line.ItemId == Water).AdjustedQty.Value);
        Assert.Equal("50.50", list.TotalGapQty.Value);
        Assert.Equal("0.00", list.TotalEstimatedValue.Value);
        var values = await fixture.QueryAsync<(string Old, string New)>(
            "select old_value, new_value from needs_list_audit where needs_list_id = @id order by audit_id", new { id });
        Assert.Equal([("100.00", "90.00"), ("90.00", "0.00")], values);
    }

    [Fact]
    public async Task A_negative_quantity_is_refused() =>
        await GrpcAssert.FailsOnField("adjusted_qty", async () => await AdjustAsync(await fixture.Lists.NeedsListAsync("DRAFT"), "-1"));

    [Fact]
    public async Task A_quantity_with_three_decimals_is_refused()
    {
        var error = await GrpcAssert.FailsOnField("adjusted_qty", async () => await AdjustAsync(await fixture.Lists.NeedsListAsync("DRAFT"), "10.125"));

        Assert.Contains("2 decimal places", error.Status.Detail);
    }

    [Fact]
    public async Task A_quantity_that_is_not_a_number_is_refused() =>
        await GrpcAssert.FailsOnField("adjusted_qty", async () => await AdjustAsync(await fixture.Lists.NeedsListAsync("DRAFT"), "ten"));

    [Fact]
    public async Task A_missing_reason_is_refused() =>
        await GrpcAssert.FailsOnField("reason", async () => await AdjustAsync(await fixture.Lists.NeedsListAsync("DRAFT"), "10", AdjustmentReason.Unspecified));

    [Fact]
    public async Task An_unknown_reason_is_refused_listing_the_valid_ones()
    {
        var error = await GrpcAssert.FailsOnField("reason", async () => await AdjustAsync(await fixture.Lists.NeedsListAsync("DRAFT"), "10", (AdjustmentReason)42));

        Assert.Contains("SUPPLIER_LIMIT", error.Status.Detail);
    }

    [Fact]
    public async Task Other_without_notes_is_refused() =>
        await GrpcAssert.FailsOnField("notes", async () => await AdjustAsync(await fixture.Lists.NeedsListAsync("DRAFT"), "10", AdjustmentReason.Other, "   "));

    [Fact]
    public async Task Notes_longer_than_255_characters_are_refused() =>
        await GrpcAssert.FailsOnField("notes", async () => await AdjustAsync(await fixture.Lists.NeedsListAsync("DRAFT"), "10", notes: new string('n', 256)));

    [Theory]
    [InlineData("PENDING_APPROVAL")]
    [InlineData("UNDER_REVIEW")]
    [InlineData("APPROVED")]
    [InlineData("CANCELLED")]
    public async Task Adjusting_outside_draft_or_returned_is_a_failed_precondition(string status)
    {
        var id = await fixture.Lists.NeedsListAsync(status);

        var error = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => AdjustAsync(id, "10"));

        Assert.Contains($"is {status}", error.Status.Detail);
        Assert.Contains("allowed from DRAFT, RETURNED", error.Status.Detail);
    }

    [Fact]
    public async Task Adjusting_an_item_that_is_not_on_the_list_is_not_found()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");

        var error = await GrpcAssert.FailsWith(StatusCode.NotFound, () => AdjustAsync(id, "10", item: Tarpaulin));

        Assert.Contains("no line for item 3", error.Status.Detail);
    }

    [Fact]
    public async Task A_refused_adjustment_writes_nothing()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");

        await GrpcAssert.FailsOnField("adjusted_qty", () => AdjustAsync(id, "-5"));

        Assert.Equal(0, await fixture.Lists.AuditCountAsync(id));
        Assert.Equal(0, await fixture.ScalarAsync<int>(
            "select count(*)::int from needs_list_item where needs_list_id = @id and adjusted_qty is not null", new { id }));
    }
}
