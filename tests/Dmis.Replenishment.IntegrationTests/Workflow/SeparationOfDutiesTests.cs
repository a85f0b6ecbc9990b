using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>Whoever created or submitted a needs list never reviews, approves, rejects or returns it, whatever their role.</summary>
public sealed class SeparationOfDutiesTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    public static TheoryData<string> Decisions() => ["start review", "approve", "reject", "return"];

    [Theory]
    [MemberData(nameof(Decisions))]
    public async Task The_creator_may_not_decide_on_their_own_list(string decision)
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", createdBy: Callers.DirectorGeneralUser);

        var error = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => DecideAsync(decision, id, Callers.DirectorGeneral));

        Assert.Contains($"{Callers.DirectorGeneralUser} created this needs list and may not", error.Status.Detail);
        Assert.Equal(0, await fixture.Lists.AuditCountAsync(id));
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public async Task The_submitter_may_not_decide_on_the_list_they_submitted(string decision)
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", submittedBy: Callers.SeniorDirectorUser);

        var error = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => DecideAsync(decision, id, Callers.SeniorDirector));

        Assert.Contains($"{Callers.SeniorDirectorUser} submitted this needs list and may not", error.Status.Detail);
    }

    [Fact]
    public async Task An_earlier_submitter_of_a_returned_and_resubmitted_list_may_still_not_approve_it()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");
        var first = await Client.SubmitNeedsListAsync(new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.SeniorDirector);
        var returned = await Client.ReturnNeedsListAsync(
            new ReturnNeedsListRequest { NeedsListId = id, Reason = "split the water", ExpectedVersion = first.Version }, Callers.DirectorGeneral);
        var second = await Client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = returned.Version }, Callers.Officer);

        var error = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => Client.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = second.Version }, Callers.SeniorDirector).ResponseAsync);

        Assert.Equal(Callers.OfficerUser, second.SubmittedBy);
        Assert.Contains($"{Callers.SeniorDirectorUser} submitted this needs list and may not approve it", error.Status.Detail);
    }

    [Fact]
    public async Task Someone_who_neither_created_nor_submitted_the_list_may_approve_it()
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", createdBy: Callers.DirectorGeneralUser, submittedBy: Callers.ManagerUser);

        var approved = await Client.ApproveNeedsListAsync(new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.SeniorDirector);

        Assert.Equal(NeedsListStatus.Approved, approved.Status);
    }

    [Fact]
    public async Task The_creator_may_cancel_their_own_draft()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT", createdBy: Callers.OfficerUser);

        var cancelled = await Client.CancelNeedsListAsync(new CancelNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, Callers.Officer);

        Assert.Equal(NeedsListStatus.Cancelled, cancelled.Status);
        Assert.Equal(Callers.OfficerUser, cancelled.CancelledBy);
    }

    private Task<NeedsList> DecideAsync(string decision, int id, Metadata who) => decision switch
    {
        "start review" => Client.StartReviewAsync(new StartReviewRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync,
        "approve" => Client.ApproveNeedsListAsync(new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync,
        "reject" => Client.RejectNeedsListAsync(new RejectNeedsListRequest { NeedsListId = id, Reason = "no", ExpectedVersion = 1 }, who).ResponseAsync,
        "return" => Client.ReturnNeedsListAsync(new ReturnNeedsListRequest { NeedsListId = id, Reason = "redo", ExpectedVersion = 1 }, who).ResponseAsync,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "unknown decision"),
    };
}
