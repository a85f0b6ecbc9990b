using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// expected_version (ABORTED on a mismatch, nothing written) and request_id (a retry returns the first
/// result and changes nothing; the same id for another request is INVALID_ARGUMENT).
/// </summary>
public sealed class ConcurrencyAndRetryTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    [Fact]
    public async Task A_stale_expected_version_is_aborted_and_writes_nothing()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");
        await Client.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
        {
            NeedsListId = id, ItemId = Water, AdjustedQty = new() { Value = "40" }, Reason = AdjustmentReason.PriorityChange, ExpectedVersion = 1,
        }, Callers.Officer);

        var error = await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.Officer).ResponseAsync);

        Assert.Contains("version 2, not the expected version 1", error.Status.Detail);
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id));
        Assert.Equal(("DRAFT", 2), await Header(id));
    }

    [Fact]
    public async Task Every_mutating_rpc_checks_the_expected_version()
    {
        var draft = await fixture.Lists.NeedsListAsync("DRAFT");
        var pending = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");
        const int Wrong = 5;

        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
        {
            NeedsListId = draft, ItemId = Water, AdjustedQty = new() { Value = "1" }, Reason = AdjustmentReason.Other, Notes = "x", ExpectedVersion = Wrong,
        }, Callers.Officer).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = draft, ExpectedVersion = Wrong }, Callers.Officer).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.CancelNeedsListAsync(
            new CancelNeedsListRequest { NeedsListId = draft, ExpectedVersion = Wrong }, Callers.Officer).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.StartReviewAsync(
            new StartReviewRequest { NeedsListId = pending, ExpectedVersion = Wrong }, Callers.SeniorDirector).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = pending, ExpectedVersion = Wrong }, Callers.SeniorDirector).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.RejectNeedsListAsync(
            new RejectNeedsListRequest { NeedsListId = pending, Reason = "r", ExpectedVersion = Wrong }, Callers.SeniorDirector).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.ReturnNeedsListAsync(
            new ReturnNeedsListRequest { NeedsListId = pending, Reason = "r", ExpectedVersion = Wrong }, Callers.SeniorDirector).ResponseAsync);

        Assert.Equal(0, await fixture.Lists.AuditCountAsync(draft) + await fixture.Lists.AuditCountAsync(pending));
        Assert.Equal(("DRAFT", 1), await Header(draft));
        Assert.Equal(("PENDING_APPROVAL", 1), await Header(pending));
    }

    [Fact]
    public async Task Two_approvers_racing_on_one_version_leave_exactly_one_decision()
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");

        var outcomes = await Task.WhenAll(
            Outcome(() => Client.ApproveNeedsListAsync(new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.SeniorDirector).ResponseAsync),
            Outcome(() => Client.RejectNeedsListAsync(new RejectNeedsListRequest { NeedsListId = id, Reason = "no", ExpectedVersion = 1 }, Callers.DirectorGeneral).ResponseAsync));

        Assert.Single(outcomes, outcome => outcome == StatusCode.OK);
        Assert.Single(outcomes, outcome => outcome == StatusCode.Aborted);
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id));
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_first_result_and_changes_nothing()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");
        var request = new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = 1, RequestId = $"submit-{id}" };

        var first = await Client.SubmitNeedsListAsync(request, Callers.Officer);
        var retry = await Client.SubmitNeedsListAsync(request, Callers.Officer);

        Assert.Equal(first, retry);
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id));
        Assert.Equal(("PENDING_APPROVAL", 2), await Header(id));
    }

    [Fact]
    public async Task A_retried_adjustment_is_applied_once()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");
        var request = new AdjustNeedsListLineRequest
        {
            NeedsListId = id, ItemId = Rice, AdjustedQty = new() { Value = "10" }, Reason = AdjustmentReason.SupplierLimit,
            ExpectedVersion = 1, RequestId = $"adjust-{id}",
        };

        var first = await Client.AdjustNeedsListLineAsync(request, Callers.Officer);
        var retry = await Client.AdjustNeedsListLineAsync(request, Callers.Officer);

        Assert.Equal(first, retry);
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(id, "QUANTITY_ADJUSTED"));
    }

    [Fact]
    public async Task Reusing_a_request_id_for_a_different_request_is_invalid()
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");
        var requestId = $"decide-{id}";
        await Client.StartReviewAsync(new StartReviewRequest { NeedsListId = id, ExpectedVersion = 1, RequestId = requestId }, Callers.SeniorDirector);

        var error = await GrpcAssert.FailsOnField("request_id", () => Client.StartReviewAsync(
            new StartReviewRequest { NeedsListId = id, ExpectedVersion = 2, RequestId = requestId }, Callers.SeniorDirector).ResponseAsync);

        Assert.Contains("already used for a different request", error.Status.Detail);
        Assert.Equal(("UNDER_REVIEW", 2), await Header(id));
    }

    private async Task<(string Status, int Version)> Header(int id) =>
        (await fixture.QueryAsync<(string, int)>("select status_code, version_nbr from needs_list where needs_list_id = @id", new { id })).Single();

    private static async Task<StatusCode> Outcome(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException exception)
        {
            return exception.StatusCode;
        }
    }
}
