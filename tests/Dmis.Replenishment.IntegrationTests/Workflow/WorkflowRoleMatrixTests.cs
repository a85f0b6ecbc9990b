using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// Every role (and a token without a role) against every workflow action, table-driven: the action is
/// allowed, or refused with PERMISSION_DENIED and nothing written. Lists are created by "creator" and
/// submitted by "submitter", so separation of duties never decides here (see SeparationOfDutiesTests).
/// </summary>
public sealed class WorkflowRoleMatrixTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    private const string ReadOnly = "READ_ONLY";

    private static readonly string[] Roles =
        ["LOGISTICS_OFFICER", "LOGISTICS_MANAGER", "SENIOR_DIRECTOR", "DIRECTOR_GENERAL", "SYSTEM_ADMINISTRATOR", ReadOnly];

    private static readonly string[] OfficerAndAbove = ["LOGISTICS_OFFICER", "LOGISTICS_MANAGER", "SENIOR_DIRECTOR", "DIRECTOR_GENERAL"];
    private static readonly string[] ManagerAndAbove = ["LOGISTICS_MANAGER", "SENIOR_DIRECTOR", "DIRECTOR_GENERAL"];
    private static readonly string[] SeniorDirectorAndAbove = ["SENIOR_DIRECTOR", "DIRECTOR_GENERAL"];

    /// <summary>A starting point, the action taken on it, who may take it and the status it leads to.</summary>
    private sealed record Situation(
        string Status,
        string Phase,
        int EventId,
        Func<NeedsListService.NeedsListServiceClient, int, Metadata, Task<NeedsList>> Act,
        string[] Allowed,
        NeedsListStatus Expected);

    private static readonly Dictionary<string, Situation> Situations = new()
    {
        ["adjust a SURGE draft"] = new("DRAFT", "SURGE", Surge, (c, id, who) => c.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
        {
            NeedsListId = id, ItemId = Water, AdjustedQty = new() { Value = "80" }, Reason = AdjustmentReason.BudgetConstraint, ExpectedVersion = 1,
        }, who).ResponseAsync, OfficerAndAbove, NeedsListStatus.Draft),
        ["submit a SURGE draft"] = new("DRAFT", "SURGE", Surge, (c, id, who) => c.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync, OfficerAndAbove, NeedsListStatus.PendingApproval),
        ["start the review of a SURGE list"] = new("PENDING_APPROVAL", "SURGE", Surge, (c, id, who) => c.StartReviewAsync(
            new StartReviewRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync, SeniorDirectorAndAbove, NeedsListStatus.UnderReview),
        ["approve a SURGE list"] = new("PENDING_APPROVAL", "SURGE", Surge, (c, id, who) => c.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync, SeniorDirectorAndAbove, NeedsListStatus.Approved),
        ["reject a SURGE list"] = new("PENDING_APPROVAL", "SURGE", Surge, (c, id, who) => c.RejectNeedsListAsync(
            new RejectNeedsListRequest { NeedsListId = id, Reason = "duplicate", ExpectedVersion = 1 }, who).ResponseAsync,
            SeniorDirectorAndAbove, NeedsListStatus.Rejected),
        ["return a SURGE list"] = new("PENDING_APPROVAL", "SURGE", Surge, (c, id, who) => c.ReturnNeedsListAsync(
            new ReturnNeedsListRequest { NeedsListId = id, Reason = "recount water", ExpectedVersion = 1 }, who).ResponseAsync,
            SeniorDirectorAndAbove, NeedsListStatus.Returned),
        ["approve a STABILIZED list under review"] = new("UNDER_REVIEW", "STABILIZED", Stabilized, (c, id, who) => c.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync, SeniorDirectorAndAbove, NeedsListStatus.Approved),
        ["start the review of a BASELINE list"] = new("PENDING_APPROVAL", "BASELINE", Baseline, (c, id, who) => c.StartReviewAsync(
            new StartReviewRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync, ManagerAndAbove, NeedsListStatus.UnderReview),
        ["approve a BASELINE list"] = new("PENDING_APPROVAL", "BASELINE", Baseline, (c, id, who) => c.ApproveNeedsListAsync(
            new ApproveNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync, ManagerAndAbove, NeedsListStatus.Approved),
        ["reject a BASELINE list"] = new("UNDER_REVIEW", "BASELINE", Baseline, (c, id, who) => c.RejectNeedsListAsync(
            new RejectNeedsListRequest { NeedsListId = id, Reason = "not needed", ExpectedVersion = 1 }, who).ResponseAsync,
            ManagerAndAbove, NeedsListStatus.Rejected),
        ["return a BASELINE list"] = new("UNDER_REVIEW", "BASELINE", Baseline, (c, id, who) => c.ReturnNeedsListAsync(
            new ReturnNeedsListRequest { NeedsListId = id, Reason = "check rice", ExpectedVersion = 1 }, who).ResponseAsync,
            ManagerAndAbove, NeedsListStatus.Returned),
        ["cancel a draft"] = new("DRAFT", "SURGE", Surge, (c, id, who) => c.CancelNeedsListAsync(
            new CancelNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync, OfficerAndAbove, NeedsListStatus.Cancelled),
        ["cancel a returned list"] = new("RETURNED", "SURGE", Surge, (c, id, who) => c.CancelNeedsListAsync(
            new CancelNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync, OfficerAndAbove, NeedsListStatus.Cancelled),
        ["cancel a pending list"] = new("PENDING_APPROVAL", "SURGE", Surge, (c, id, who) => c.CancelNeedsListAsync(
            new CancelNeedsListRequest { NeedsListId = id, Reason = "event over", ExpectedVersion = 1 }, who).ResponseAsync,
            ManagerAndAbove, NeedsListStatus.Cancelled),
        ["cancel an approved SURGE list"] = new("APPROVED", "SURGE", Surge, (c, id, who) => c.CancelNeedsListAsync(
            new CancelNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync, SeniorDirectorAndAbove, NeedsListStatus.Cancelled),
        ["cancel an approved BASELINE list"] = new("APPROVED", "BASELINE", Baseline, (c, id, who) => c.CancelNeedsListAsync(
            new CancelNeedsListRequest { NeedsListId = id, ExpectedVersion = 1 }, who).ResponseAsync, ManagerAndAbove, NeedsListStatus.Cancelled),
    };

    public static TheoryData<string, string, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (name, situation) in Situations)
        {
            foreach (var role in Roles)
            {
                data.Add(name, role, situation.Allowed.Contains(role));
            }
        }

        return data;
    }

    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_may_take_exactly_the_actions_its_level_allows(string situationName, string role, bool allowed)
    {
        var situation = Situations[situationName];
        var id = await fixture.Lists.NeedsListAsync(situation.Status, eventId: situation.EventId, phase: situation.Phase);
        var caller = Callers.ForRole(role == ReadOnly ? "" : role);

        if (allowed)
        {
            var result = await situation.Act(Client, id, caller);

            Assert.Equal(situation.Expected, result.Status);
            Assert.Equal(2, result.Version);
            Assert.Equal(1, await fixture.Lists.AuditCountAsync(id));
        }
        else
        {
            var error = await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => situation.Act(Client, id, caller));

            Assert.Contains(Callers.UserOf[role == ReadOnly ? "" : role], error.Status.Detail);
            Assert.Contains("role or above", error.Status.Detail);
            Assert.Equal(0, await fixture.Lists.AuditCountAsync(id));
            Assert.Equal(situation.Status, await fixture.ScalarAsync<string>(
                "select status_code from needs_list where needs_list_id = @id", new { id }));
        }
    }

    [Fact]
    public async Task A_caller_without_a_role_may_still_read_a_list_and_its_audit_trail()
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");

        var list = await Client.GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = id }, Callers.ReadOnly);
        var audit = await Client.ListNeedsListAuditAsync(new ListNeedsListAuditRequest { NeedsListId = id }, Callers.ReadOnly);

        Assert.Equal(NeedsListStatus.PendingApproval, list.Status);
        Assert.Empty(audit.Entries);
    }
}
