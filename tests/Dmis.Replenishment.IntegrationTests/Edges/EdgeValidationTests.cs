using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Workflow;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.Edges;

/// <summary>The input rules of the edge, one example each: text, numbers at their maximum, the token's user.</summary>
public sealed class EdgeValidationTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    private NeedsListService.NeedsListServiceClient Client => new(fixture.Factory.CreateChannel());

    [Fact]
    public async Task Text_with_a_nul_is_refused_naming_the_field()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");

        await GrpcAssert.FailsOnField("request_id", () => Client.SubmitNeedsListAsync(
            new SubmitNeedsListRequest { NeedsListId = id, ExpectedVersion = 1, RequestId = "a\0b" }, Callers.Officer).ResponseAsync);
    }

    /// <summary>gRPC clients encode an unpaired surrogate as U+FFFD; over JSON the transcoder's parser refuses the \ud800 escape.</summary>
    [Fact]
    public async Task Json_text_with_an_unpaired_surrogate_is_400_invalid_argument()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");
        using var client = fixture.Factory.CreateClient();

        var reply = await HttpJsonReply.SendAsync(client, HttpMethod.Post, $"/api/v1/replenishment/needs-lists/{id}:submit",
            """{"expected_version":1,"request_id":"x\ud800"}""", ReplenishmentServerFactory.Token(Callers.OfficerUser, "LOGISTICS_OFFICER"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(3, reply.Json.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task Text_longer_than_its_column_is_refused_naming_the_field()
    {
        var id = await fixture.Lists.NeedsListAsync("PENDING_APPROVAL");

        var refused = await GrpcAssert.FailsOnField("reason", () => Client.RejectNeedsListAsync(
            new RejectNeedsListRequest { NeedsListId = id, ExpectedVersion = 1, Reason = new string('r', 256) }, Callers.SeniorDirector).ResponseAsync);

        Assert.Contains("at most 255 characters", refused.Status.Detail);
    }

    [Fact]
    public async Task An_adjusted_quantity_at_the_advertised_maximum_is_stored_or_refused_never_overflowing()
    {
        var id = await fixture.Lists.NeedsListAsync("DRAFT");

        var adjust = () => Client.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
        {
            NeedsListId = id, ItemId = Water, AdjustedQty = new() { Value = "9999999999999.99" },
            Reason = AdjustmentReason.DemandAdjusted, ExpectedVersion = 1,
        }, Callers.Officer).ResponseAsync;

        await GrpcAssert.FailsOnField("adjusted_qty", adjust);
    }

    [Fact]
    public async Task A_token_whose_user_id_holds_a_nul_is_unauthenticated()
    {
        await GrpcAssert.FailsWith(StatusCode.Unauthenticated, () => Client.GetNeedsListAsync(
            new GetNeedsListRequest { NeedsListId = 1 }, Callers.As("bad\0user", "LOGISTICS_OFFICER")).ResponseAsync);
    }
}
