using Dmis.Replenishment.Server.Application;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Dmis.Replenishment.Server.Grpc;

/// <summary>
/// Needs lists: stock status, data freshness, syncs, the calculation (preview and generate) and
/// stored lists. A thin adapter: map the request, call the use case, map the result.
/// RPCs not overridden here answer UNIMPLEMENTED (the generated base does).
/// </summary>
[Authorize]
public sealed class NeedsListGrpcService(
    NeedsListOperations needsLists,
    StockStatusOperations stock,
    MutationRunner mutations) : NeedsListService.NeedsListServiceBase
{
    public override async Task<GetStockStatusResponse> GetStockStatus(GetStockStatusRequest request, ServerCallContext context)
    {
        var paging = Paging.From(request.PageSize, request.PageToken, keyCount: 2);
        var after = paging.After.Count == 0 ? ((int, int)?)null : ((int)paging.After[0], (int)paging.After[1]);
        var result = await stock.GetStockStatusAsync(
            new StockStatusQuery(
                request.EventId, request.WarehouseId, request.ItemId, request.Severities.ToDomain("severities"),
                after, paging.FetchLimit),
            context.CancellationToken);
        var (page, next) = paging.Cut(result.Rows, row => [row.Warehouse.WarehouseId, row.Item.ItemId]);
        return new GetStockStatusResponse
        {
            Rows = { page.Select(row => row.ToProto()) },
            NextPageToken = next,
            Phase = result.Phase.ToProto(),
            AsOf = result.AsOf.ToTimestamp(),
            Counts = result.Counts.ToProto(),
            TotalRows = result.TotalRows,
        };
    }

    public override async Task<GetDataFreshnessResponse> GetDataFreshness(GetDataFreshnessRequest request, ServerCallContext context) =>
        (await stock.GetDataFreshnessAsync(request.EventId, request.WarehouseIds, context.CancellationToken)).ToProto();

    public override Task<WarehouseSync> RecordWarehouseSync(RecordWarehouseSyncRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var command = new SyncCommand(
            request.WarehouseId,
            request.Status.ToWord("status"),
            request.SyncType.ToWord("sync_type"),
            request.ItemsSynced,
            request.ErrorMessage,
            request.SyncTime?.ToDatabaseUtc());
        return mutations.RunAsync(nameof(RecordWarehouseSync), caller, request.RequestId, request, async scope =>
            (await stock.RecordWarehouseSyncAsync(scope, caller, command, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override async Task<NeedsListPreview> PreviewNeedsList(PreviewNeedsListRequest request, ServerCallContext context) =>
        (await needsLists.PreviewAsync(
            request.EventId,
            request.WarehouseId,
            request.Phase.ToDomainOrNull("phase"),
            request.AsOf?.ToDatabaseUtc(),
            context.CancellationToken)).ToProto();

    public override Task<NeedsList> GenerateNeedsList(GenerateNeedsListRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var command = new GenerateCommand(request.EventId, request.WarehouseId, request.Phase.ToDomainOrNull("phase"), request.Notes);
        return mutations.RunAsync(nameof(GenerateNeedsList), caller, request.RequestId, request, async scope =>
            (await needsLists.GenerateAsync(scope, caller, command, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override async Task<NeedsList> GetNeedsList(GetNeedsListRequest request, ServerCallContext context) =>
        (await needsLists.GetAsync(request.NeedsListId, context.CancellationToken)).ToProto();

    public override async Task<ListNeedsListsResponse> ListNeedsLists(ListNeedsListsRequest request, ServerCallContext context)
    {
        var paging = Paging.From(request.PageSize, request.PageToken, keyCount: 1);
        var rows = await needsLists.ListAsync(
            request.EventId,
            request.WarehouseId,
            request.Statuses.ToDomain("statuses"),
            paging.AfterKey(0, whenFirstPage: long.MaxValue),
            paging.FetchLimit,
            context.CancellationToken);
        var (page, next) = paging.Cut(rows, row => [row.NeedsListId]);
        return new ListNeedsListsResponse { NeedsLists = { page.Select(row => row.ToProto()) }, NextPageToken = next };
    }
}
