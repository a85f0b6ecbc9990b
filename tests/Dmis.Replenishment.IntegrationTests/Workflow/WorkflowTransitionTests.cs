using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using AdjustmentReason = Dmis.Replenishment.V1.AdjustmentReason;
using DomainStatus = Dmis.Replenishment.Domain.Workflow.NeedsListStatus;
using ProtoStatus = Dmis.Replenishment.V1.NeedsListStatus;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// The needs-list lifecycle through the RPCs: every move the Domain's transition table allows for
/// the workflow's actions succeeds and stamps its columns; every other (status, action) pair is
/// FAILED_PRECONDITION naming the list's status and the action, with nothing written.
/// The caller is a Director General who neither created nor submitted the lists.
/// </summary>
public sealed class WorkflowTransitionTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    /// <summary>The actions that have an RPC here (Supersede, StartFulfilment and Fulfil belong to generate and procurement).</summary>
    private static readonly NeedsListAction[] RpcActions =
    [
        NeedsListAction.Adjust, NeedsListAction.Submit, NeedsListAction.StartReview, NeedsListAction.Approve,
        NeedsListAction.Reject, NeedsListAction.Return, NeedsListAction.Cancel,
    ];

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    public static TheoryData<string, string, string> AllowedMoves()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var move in NeedsListStateMachine.Table.Transitions.Where(move => RpcActions.Contains(move.Action)))
        {
            data.Add(move.From.ToWord(), move.Action.ToString(), move.To.ToWord());
        }

        return data;
    }

    public static TheoryData<string, string> ForbiddenMoves()
    {
        var data = new TheoryData<string, string>();
        foreach (var status in Enum.GetValues<DomainStatus>())
        {
            foreach (var action in RpcActions.Where(action => !NeedsListStateMachine.CanApply(status, action)))
            {
                data.Add(status.ToWord(), action.ToString());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public async Task Every_allowed_move_succeeds_through_its_rpc(string from, string action, string to)
    {
        var id = await fixture.Lists.NeedsListAsync(from);

        var list = await ActAsync(Enum.Parse<NeedsListAction>(action), id, version: 1);

        Assert.Equal(to, DomainStatusOf(list.Status).ToWord());
        Assert.Equal(2, list.Version);
        Assert.Equal(Callers.DirectorGeneralUser, Enum.Parse<NeedsListAction>(action) switch
        {
            NeedsListAction.Submit => list.SubmittedBy,
            NeedsListAction.StartReview => list.UnderReviewBy,
            NeedsListAction.Approve => list.ApprovedBy,
            NeedsListAction.Reject => list.RejectedBy,
            NeedsListAction.Return => list.ReturnedBy,
            NeedsListAction.Cancel => list.CancelledBy,
            _ => list.Lines.Single(line => line.ItemId == WorkflowFixture.Water).AdjustedBy,
        });
        var audit = await fixture.QueryAsync<(string Action, string? Old, string? New)>(
            "select action_type, old_value, new_value from needs_list_audit where needs_list_id = @id", new { id });
        var row = Assert.Single(audit);
        Assert.Equal(NeedsListAuditActions.For(Enum.Parse<NeedsListAction>(action)), row.Action);
    }

    [Theory]
    [MemberData(nameof(ForbiddenMoves))]
    public async Task Every_other_move_is_a_failed_precondition_naming_the_status_and_the_action(string from, string action)
    {
        var id = await fixture.Lists.NeedsListAsync(from);
        var requested = Enum.Parse<NeedsListAction>(action);

        var error = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => ActAsync(requested, id, version: 1));

        Assert.Contains($"is {from}", error.Status.Detail);
        Assert.Contains($"cannot be {requested.Participle()}", error.Status.Detail);
        Assert.Equal(0, await fixture.Lists.AuditCountAsync(id));
        Assert.Equal(1, await fixture.ScalarAsync<int>("select version_nbr from needs_list where needs_list_id = @id", new { id }));
    }

    [Fact]
    public async Task A_list_goes_through_return_adjustment_resubmission_review_and_approval()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT", createdBy: Callers.OfficerUser);

        var submitted = await Client.SubmitNeedsListAsync(new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.Officer);
        var reviewing = await Client.StartReviewAsync(new StartReviewRequest { NeedsListId = id, ExpectedVersion = submitted.Version }, Callers.SeniorDirector);
        var returned = await Client.ReturnNeedsListAsync(new ReturnNeedsListRequest
        {
            NeedsListId = id, Reason = "  Rice quantity looks high  ", ExpectedVersion = reviewing.Version,
        }, Callers.SeniorDirector);
        var adjusted = await Client.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
        {
            NeedsListId = id, ItemId = WorkflowFixture.Rice, AdjustedQty = new() { Value = "20.5" },
            Reason = AdjustmentReason.DemandAdjusted, ExpectedVersion = returned.Version,
        }, Callers.Manager);
        var resubmitted = await Client.SubmitNeedsListAsync(new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = adjusted.Version }, Callers.Manager);
        var approved = await Client.ApproveNeedsListAsync(new ApproveNeedsListRequest
        {
            NeedsListId = id, Notes = "ok after recount", ExpectedVersion = resubmitted.Version,
        }, Callers.DirectorGeneral);

        Assert.Equal(ProtoStatus.PendingApproval, submitted.Status);
        Assert.Equal("SENIOR_DIRECTOR", submitted.ApproverRole);
        Assert.Equal(ProtoStatus.UnderReview, reviewing.Status);
        Assert.Equal(Callers.SeniorDirectorUser, reviewing.UnderReviewBy);
        Assert.NotNull(reviewing.UnderReviewAt);
        Assert.Equal(ProtoStatus.Returned, returned.Status);
        Assert.Equal("Rice quantity looks high", returned.ReturnedReason);
        Assert.Equal(Callers.SeniorDirectorUser, returned.ReviewedBy);
        Assert.Equal(ProtoStatus.Returned, adjusted.Status);
        Assert.Equal(Callers.ManagerUser, resubmitted.SubmittedBy);
        Assert.Equal(ProtoStatus.Approved, approved.Status);
        Assert.Equal(Callers.DirectorGeneralUser, approved.ApprovedBy);
        Assert.Equal(Callers.DirectorGeneralUser, approved.ReviewedBy);
        Assert.NotNull(approved.ApprovedAt);
        Assert.Equal(7, approved.Version);
        Assert.Equal("120.50", approved.TotalGapQty.Value);
        Assert.Equal(2, approved.Lines.Count);
    }

    [Fact]
    public async Task Reject_records_the_reason_and_is_final()
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");

        var rejected = await Client.RejectNeedsListAsync(
            new RejectNeedsListRequest { NeedsListId = id, Reason = "Duplicate of the morning list", ExpectedVersion = 1 }, Callers.SeniorDirector);

        Assert.Equal(ProtoStatus.Rejected, rejected.Status);
        Assert.Equal("Duplicate of the morning list", rejected.RejectionReason);
        Assert.Equal(Callers.SeniorDirectorUser, rejected.RejectedBy);
        Assert.NotNull(rejected.RejectedAt);
        var error = await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = 2 }, Callers.Officer).ResponseAsync);
        Assert.Contains("REJECTED, which is final", error.Status.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Reject_and_return_need_a_reason(string reason)
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");

        await GrpcAssert.FailsOnField("reason", () => Client.RejectNeedsListAsync(
            new RejectNeedsListRequest { NeedsListId = id, Reason = reason, ExpectedVersion = 1 }, Callers.SeniorDirector).ResponseAsync);
        await GrpcAssert.FailsOnField("reason", () => Client.ReturnNeedsListAsync(
            new ReturnNeedsListRequest { NeedsListId = id, Reason = reason, ExpectedVersion = 1 }, Callers.SeniorDirector).ResponseAsync);
        Assert.Equal(0, await fixture.Lists.AuditCountAsync(id));
    }

    [Fact]
    public async Task A_reason_longer_than_255_characters_is_refused()
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");

        var error = await GrpcAssert.FailsOnField("reason", () => Client.ReturnNeedsListAsync(
            new ReturnNeedsListRequest { NeedsListId = id, Reason = new string('x', 256), ExpectedVersion = 1 }, Callers.SeniorDirector).ResponseAsync);

        Assert.Contains("at most 255", error.Status.Detail);
    }

    [Fact]
    public async Task An_unknown_list_is_not_found()
    {
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => Client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = 999_999, ExpectedVersion = 1 }, Callers.Officer).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => Client.ListNeedsListAuditAsync(
            new ListNeedsListAuditRequest { NeedsListId = 999_999 }, Callers.Officer).ResponseAsync);
    }

    [Fact]
    public async Task A_missing_list_id_or_version_names_the_field()
    {
        await GrpcAssert.FailsOnField("needs_list_id", () => Client.StartReviewAsync(
            new StartReviewRequest { NeedsListId = 0, ExpectedVersion = 1 }, Callers.SeniorDirector).ResponseAsync);
        await GrpcAssert.FailsOnField("expected_version", () => Client.StartReviewAsync(
            new StartReviewRequest { NeedsListId = 1 }, Callers.SeniorDirector).ResponseAsync);
    }

    private async Task<NeedsList> ActAsync(NeedsListAction action, int id, int version)
    {
        var who = Callers.DirectorGeneral;
        return action switch
        {
            NeedsListAction.Adjust => await Client.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
            {
                NeedsListId = id, ItemId = WorkflowFixture.Water, AdjustedQty = new() { Value = "75.25" },
                Reason = AdjustmentReason.PartialCoverage, ExpectedVersion = version,
            }, who),
            NeedsListAction.Submit => await Client.SubmitNeedsListAsync(new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = version }, who),
            NeedsListAction.StartReview => await Client.StartReviewAsync(new StartReviewRequest { NeedsListId = id, ExpectedVersion = version }, who),
            NeedsListAction.Approve => await Client.ApproveNeedsListAsync(new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = version }, who),
            NeedsListAction.Reject => await Client.RejectNeedsListAsync(
                new RejectNeedsListRequest { NeedsListId = id, Reason = "not justified", ExpectedVersion = version }, who),
            NeedsListAction.Return => await Client.ReturnNeedsListAsync(
                new ReturnNeedsListRequest { NeedsListId = id, Reason = "recount", ExpectedVersion = version }, who),
            NeedsListAction.Cancel => await Client.CancelNeedsListAsync(
                new CancelNeedsListRequest { NeedsListId = id, Reason = "event closed", ExpectedVersion = version }, who),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "no RPC"),
        };
    }

    private static DomainStatus DomainStatusOf(ProtoStatus status) =>
        NeedsListStatusWords.Parse(status.ToString() switch
        {
            "PendingApproval" => "PENDING_APPROVAL",
            "UnderReview" => "UNDER_REVIEW",
            "InProgress" => "IN_PROGRESS",
            var word => word,
        });
}
