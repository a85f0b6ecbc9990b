using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Workflow.WorkflowFixture;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// Warehouse authority (SPEC 4) on every mutating RPC it covers: officers and managers act only for the
/// warehouses their token names (here: warehouse 1, or only warehouse 5); senior directors and above act
/// for every warehouse. A refusal is PERMISSION_DENIED naming the warehouse; an allowed call may still
/// fail for its own reasons (no horizon split to transfer, ...), but never on authority.
/// </summary>
public sealed class WarehouseAuthorityTests(WorkflowFixture fixture) : IClassFixture<WorkflowFixture>
{
    public static readonly string[] Rpcs =
        ["GenerateNeedsList", "AdjustNeedsListLine", "SubmitNeedsList", "RecordWarehouseSync", "CreateTransfersFromNeedsList", "CreateProcurementFromNeedsList"];

    public static TheoryData<string, string, bool, bool> Matrix()
    {
        var data = new TheoryData<string, string, bool, bool>();
        foreach (var rpc in Rpcs)
        {
            foreach (var (role, national) in new[] { ("LOGISTICS_OFFICER", false), ("LOGISTICS_MANAGER", false), ("SENIOR_DIRECTOR", true), ("DIRECTOR_GENERAL", true) })
            {
                data.Add(rpc, role, true, true);
                data.Add(rpc, role, false, national);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_caller_acts_for_a_warehouse_its_token_names_or_nationally_from_senior_director_up(
        string rpc, string role, bool tokenNamesTheWarehouse, bool allowed)
    {
        var caller = ReplenishmentServerFactory.Bearer(ReplenishmentServerFactory.TokenFor(
            $"wa-{role[..5]}", tokenNamesTheWarehouse ? [FreshWarehouse] : [OtherFreshWarehouse], role));

        var call = await CallAsync(rpc, caller);

        if (allowed)
        {
            Assert.True(call is not { StatusCode: StatusCode.PermissionDenied }, $"{rpc} as {role}: {call?.Status.Detail}");
        }
        else
        {
            Assert.True(call is { StatusCode: StatusCode.PermissionDenied }, $"{rpc} as {role}: {call?.StatusCode} {call?.Status.Detail}");
            Assert.Contains($"warehouse {FreshWarehouse}", call!.Status.Detail);
        }
    }

    [Fact]
    public async Task A_token_naming_no_warehouse_lets_an_officer_read_but_not_generate()
    {
        var caller = ReplenishmentServerFactory.Bearer(ReplenishmentServerFactory.TokenFor("nowhere", [], "LOGISTICS_OFFICER"));
        var id = await fixture.Lists.NeedsListAsync("DRAFT");

        await new NeedsListService.NeedsListServiceClient(fixture.Factory.CreateChannel())
            .GetNeedsListAsync(new GetNeedsListRequest { NeedsListId = id }, caller);
        var refused = await CallAsync("GenerateNeedsList", caller);

        Assert.Equal(StatusCode.PermissionDenied, refused?.StatusCode);
        Assert.Contains("names no warehouse", refused!.Status.Detail);
    }

    [Fact]
    public async Task A_keycloak_token_gives_roles_in_realm_access_and_warehouses_as_a_json_array_string()
    {
        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = ReplenishmentServerFactory.Auth.Issuer,
            Audience = ReplenishmentServerFactory.Auth.Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            Claims = new Dictionary<string, object>
            {
                ["preferred_username"] = "kc-officer",
                ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "offline_access", "LOGISTICS_OFFICER" } },
                ["warehouse_ids"] = "[6, \"1\"]",
            },
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(
                Dmis.Replenishment.Server.Auth.LocalTokenIssuer.KeyFrom(ReplenishmentServerFactory.SigningKey),
                Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha256),
        });

        var call = await CallAsync("SubmitNeedsList", ReplenishmentServerFactory.Bearer(token));

        Assert.Null(call);
    }

    /// <summary>The call's failure, or null when it succeeded.</summary>
    private async Task<RpcException?> CallAsync(string rpc, Metadata caller)
    {
        var lists = new NeedsListService.NeedsListServiceClient(fixture.Factory.CreateChannel());
        var procurement = new ProcurementService.ProcurementServiceClient(fixture.Factory.CreateChannel());
        var requestId = Guid.NewGuid().ToString("N");
        try
        {
            switch (rpc)
            {
                case "GenerateNeedsList":
                    await lists.GenerateNeedsListAsync(new GenerateNeedsListRequest { EventId = Surge, WarehouseId = FreshWarehouse, RequestId = requestId }, caller);
                    break;
                case "AdjustNeedsListLine":
                    await lists.AdjustNeedsListLineAsync(new AdjustNeedsListLineRequest
                    {
                        NeedsListId = await fixture.Lists.NeedsListAsync("DRAFT"), ItemId = Water, AdjustedQty = new() { Value = "5" },
                        Reason = AdjustmentReason.DemandAdjusted, ExpectedVersion = 1, RequestId = requestId,
                    }, caller);
                    break;
                case "SubmitNeedsList":
                    await lists.SubmitNeedsListAsync(new SubmitNeedsListRequest
                    {
                        NeedsListId = await fixture.Lists.NeedsListAsync("DRAFT"), ExpectedVersion = 1, RequestId = requestId,
                    }, caller);
                    break;
                case "RecordWarehouseSync":
                    await lists.RecordWarehouseSyncAsync(new RecordWarehouseSyncRequest
                    {
                        WarehouseId = FreshWarehouse, Status = SyncStatus.Success, SyncType = SyncType.Manual, RequestId = requestId,
                    }, caller);
                    break;
                case "CreateTransfersFromNeedsList":
                    await procurement.CreateTransfersFromNeedsListAsync(new CreateTransfersFromNeedsListRequest
                    {
                        NeedsListId = await fixture.Lists.NeedsListAsync("APPROVED"), RequestId = requestId,
                    }, caller);
                    break;
                case "CreateProcurementFromNeedsList":
                    await procurement.CreateProcurementFromNeedsListAsync(new CreateProcurementFromNeedsListRequest
                    {
                        NeedsListId = await fixture.Lists.NeedsListAsync("APPROVED"), Method = ProcurementMethod.EmergencyDirect, RequestId = requestId,
                    }, caller);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(rpc), rpc, null);
            }

            return null;
        }
        catch (RpcException exception)
        {
            return exception;
        }
    }
}
