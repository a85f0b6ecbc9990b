using System.Net;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// ApproveNeedsLists, RejectNeedsLists and ReturnNeedsLists: each list decided on its own, through the
/// single-list rules (separation of duties, approval level, version), with its own audit row; one
/// refusal never stops the others; one request_id for the batch.
/// </summary>
public sealed class BatchDecisionTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    private static NeedsListVersion At(int id, int version = 1) => new() { NeedsListId = id, ExpectedVersion = version };

    private Task<string> StatusAsync(int id) =>
        fixture.ScalarAsync<string>("select status_code from needs_list where needs_list_id = @id", new { id });

    private Task<int> AuditRowsAsync(int id) =>
        fixture.ScalarAsync<int>("select count(*)::int from needs_list_audit where needs_list_id = @id", new { id });

    [Fact]
    public async Task A_batch_approval_decides_every_list_on_its_own_and_reports_the_refused_one()
    {
        var first = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");
        var submittedByTheApprover = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL", submittedBy: Callers.SeniorDirectorUser);
        var stale = await fixture.Lists.NeedsListAsync("UNDER_REVIEW");
        var last = await fixture.Lists.NeedsListAsync("UNDER_REVIEW");

        var reply = await Client.ApproveNeedsListsAsync(new ApproveNeedsListsRequest
        {
            NeedsLists = { At(first), At(submittedByTheApprover), At(stale, version: 7), At(last) },
            Notes = "approved at the morning meeting",
        }, Callers.SeniorDirector);

        Assert.Equal(
            [
                (first, true, NeedsListStatus.Approved, ""),
                (submittedByTheApprover, false, NeedsListStatus.Unspecified, "PERMISSION_DENIED"),
                (stale, false, NeedsListStatus.Unspecified, "ABORTED"),
                (last, true, NeedsListStatus.Approved, ""),
            ],
            reply.Outcomes.Select(outcome => (outcome.NeedsListId, outcome.Ok, outcome.Status, outcome.ErrorName)));
        Assert.Equal((int)StatusCode.PermissionDenied, reply.Outcomes[1].ErrorCode);
        Assert.NotEmpty(reply.Outcomes[1].ErrorMessage);
        Assert.Equal([2, 2], new[] { reply.Outcomes[0].Version, reply.Outcomes[3].Version });
        Assert.Equal(
            ["APPROVED", "PENDING_APPROVAL", "UNDER_REVIEW", "APPROVED"],
            await Task.WhenAll(new[] { first, submittedByTheApprover, stale, last }.Select(StatusAsync)));
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(first, "APPROVED"));
        Assert.Equal(1, await fixture.Lists.AuditCountAsync(last, "APPROVED"));
        Assert.Equal(0, await AuditRowsAsync(submittedByTheApprover));
        Assert.Equal(0, await AuditRowsAsync(stale));
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_first_answer_and_changes_nothing()
    {
        var ready = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");
        var tooLow = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");
        var request = new ApproveNeedsListsRequest { NeedsLists = { At(ready), At(tooLow, version: 3) }, RequestId = "batch-retry-1" };
        var first = await Client.ApproveNeedsListsAsync(request, Callers.SeniorDirector);
        // Now the second list could be approved at version 1, but a retry must not decide anything anew.
        var retried = await Client.ApproveNeedsListsAsync(request, Callers.SeniorDirector);

        Assert.Equal(first, retried);
        Assert.Equal((true, false), (first.Outcomes[0].Ok, first.Outcomes[1].Ok));
        Assert.Equal(1, await AuditRowsAsync(ready));
        Assert.Equal("PENDING_APPROVAL", await StatusAsync(tooLow));
    }

    [Fact]
    public async Task A_batch_rejection_and_a_batch_return_apply_their_reason_to_every_list()
    {
        var rejected = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");
        var returned = await fixture.Lists.NeedsListAsync("UNDER_REVIEW");
        var officerTries = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");

        var rejection = await Client.RejectNeedsListsAsync(
            new RejectNeedsListsRequest { NeedsLists = { At(rejected) }, Reason = "duplicate of a plan" }, Callers.SeniorDirector);
        var giveBack = await Client.ReturnNeedsListsAsync(
            new ReturnNeedsListsRequest { NeedsLists = { At(returned) }, Reason = "recount the water" }, Callers.SeniorDirector);
        var byOfficer = await Client.RejectNeedsListsAsync(
            new RejectNeedsListsRequest { NeedsLists = { At(officerTries) }, Reason = "no" }, Callers.Officer);

        Assert.Equal((true, NeedsListStatus.Rejected), (rejection.Outcomes[0].Ok, rejection.Outcomes[0].Status));
        Assert.Equal((true, NeedsListStatus.Returned), (giveBack.Outcomes[0].Ok, giveBack.Outcomes[0].Status));
        Assert.Equal("PERMISSION_DENIED", byOfficer.Outcomes.Single().ErrorName);
        Assert.Equal(
            ["duplicate of a plan", "recount the water"],
            await fixture.QueryAsync<string>(
                "select notes_text from needs_list_audit where needs_list_id = any(@ids) order by audit_id",
                new { ids = new[] { rejected, returned } }));
        Assert.Equal("PENDING_APPROVAL", await StatusAsync(officerTries));
    }

    [Fact]
    public async Task An_empty_batch_a_repeated_list_a_missing_reason_and_an_oversized_batch_are_invalid_argument()
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");

        await GrpcAssert.FailsOnField("needs_lists", () =>
            Client.ApproveNeedsListsAsync(new ApproveNeedsListsRequest(), Callers.SeniorDirector).ResponseAsync);
        await GrpcAssert.FailsOnField("needs_lists[1].needs_list_id", () => Client.ApproveNeedsListsAsync(
            new ApproveNeedsListsRequest { NeedsLists = { At(id), At(id) } }, Callers.SeniorDirector).ResponseAsync);
        await GrpcAssert.FailsOnField("needs_lists[0].expected_version", () => Client.ApproveNeedsListsAsync(
            new ApproveNeedsListsRequest { NeedsLists = { At(id, version: 0) } }, Callers.SeniorDirector).ResponseAsync);
        await GrpcAssert.FailsOnField("reason", () => Client.ReturnNeedsListsAsync(
            new ReturnNeedsListsRequest { NeedsLists = { At(id) } }, Callers.SeniorDirector).ResponseAsync);
        await GrpcAssert.FailsOnField("needs_lists", () => Client.RejectNeedsListsAsync(new RejectNeedsListsRequest
        {
            NeedsLists = { Enumerable.Range(1, 101).Select(n => At(n)) }, Reason = "too many",
        }, Callers.SeniorDirector).ResponseAsync);

        Assert.Equal("PENDING_APPROVAL", await StatusAsync(id));
    }

    [Fact]
    public async Task Over_http_a_batch_approval_answers_each_outcome_and_bad_input_is_400()
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");
        var token = Infrastructure.ReplenishmentServerFactory.Token(Callers.SeniorDirectorUser, "SENIOR_DIRECTOR");
        using var http = fixture.Factory.CreateClient();

        var reply = await HttpJsonReply.SendAsync(http, HttpMethod.Post, "/api/v1/replenishment/needs-lists:batch-approve",
            $$"""{"needs_lists":[{"needs_list_id":{{id}},"expected_version":1}],"request_id":"http-batch-1"}""", token);
        var empty = await HttpJsonReply.SendAsync(http, HttpMethod.Post, "/api/v1/replenishment/needs-lists:batch-reject",
            """{"needs_lists":[],"reason":"x"}""", token);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var outcome = Assert.Single(reply.Json.GetProperty("outcomes").EnumerateArray());
        Assert.True(outcome.GetProperty("ok").GetBoolean());
        Assert.Equal("NEEDS_LIST_STATUS_APPROVED", outcome.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Contains("needs_lists", empty.Body);
    }
}
