using Dmis.Replenishment.Data.Explanations;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Server.Application;
using Dmis.Replenishment.Server.Application.Batches;
using Dmis.Replenishment.Server.Application.Explanations;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.Server.Application.Planning;
using Dmis.Replenishment.Server.Application.Workflow;
using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.Server.Streaming;
using Dmis.Replenishment.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Dmis.Replenishment.Server.Grpc;

/// <summary>
/// Needs lists: stock status, data freshness, syncs, the calculation (preview and generate), stored
/// lists and their workflow (adjust, submit, review, decide, cancel, audit, events). A thin adapter:
/// map the request, call the use case, map the result.
/// RPCs not overridden here answer UNIMPLEMENTED (the generated base does).
/// </summary>
[Authorize]
public sealed class NeedsListGrpcService(
    NeedsListOperations needsLists,
    PlanEventReplenishment planning,
    GeneratePlannedNeedsLists plannedGeneration,
    StockStatusOperations stock,
    MutationRunner mutations,
    NeedsListWorkflow workflow,
    NeedsListBatchDecisions batches,
    ResumableWatch<NeedsListEvent> needsListEvents,
    PageTokens pageTokens,
    ExplainPreviewLine previewLines,
    ExplainStoredLine storedLines) : NeedsListService.NeedsListServiceBase
{
    public override async Task<GetStockStatusResponse> GetStockStatus(GetStockStatusRequest request, ServerCallContext context)
    {
        // The token: the last row's keys and the paging's moment (Unix seconds), so every page is calculated at the first one's.
        var paging = pageTokens.Open(request, request.PageSize, request.PageToken, keyCount: 3);
        var after = paging.After.Count == 0
            ? null
            : new StockStatusPosition((int)paging.After[0], (int)paging.After[1], UnixSeconds.ToMoment(paging.After[2], "page_token"));
        var result = await stock.GetStockStatusAsync(
            new StockStatusQuery(
                request.EventId, request.WarehouseId, request.ItemId, request.Severities.ToDomain("severities"),
                after, paging.FetchLimit),
            context.CancellationToken);
        var asOfSeconds = UnixSeconds.Of(result.AsOf);
        var (page, next) = paging.Cut(result.Rows, row => [row.Warehouse.WarehouseId, row.Item.ItemId, asOfSeconds]);
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
            request.Assumptions.ToDomain(),
            context.CancellationToken)).ToProto();

    public override async Task<EventReplenishmentPlan> PlanEventReplenishment(PlanEventReplenishmentRequest request, ServerCallContext context) =>
        (await planning.RunAsync(
            new PlanCommand(
                request.EventId,
                request.WarehouseIds,
                request.Phase.ToDomainOrNull("phase"),
                request.AsOf?.ToDatabaseUtc(),
                request.Assumptions.ToDomain()),
            context.CancellationToken)).ToProto();

    public override Task<GeneratePlannedNeedsListsResponse> GeneratePlannedNeedsLists(
        GeneratePlannedNeedsListsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var command = new GeneratePlannedCommand(
            request.EventId, request.WarehouseIds, request.Phase.ToDomainOrNull("phase"), request.Notes, request.Assumptions is not null);
        return mutations.RunAsync(nameof(GeneratePlannedNeedsLists), caller, request.RequestId, request, async scope =>
            (await plannedGeneration.RunAsync(scope, caller, command, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override Task<NeedsList> GenerateNeedsList(GenerateNeedsListRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var command = new GenerateCommand(
            request.EventId, request.WarehouseId, request.Phase.ToDomainOrNull("phase"), request.Notes, request.Assumptions is not null);
        return mutations.RunAsync(nameof(GenerateNeedsList), caller, request.RequestId, request, async scope =>
            (await needsLists.GenerateAsync(scope, caller, command, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override async Task<NeedsList> GetNeedsList(GetNeedsListRequest request, ServerCallContext context) =>
        (await needsLists.GetAsync(request.NeedsListId, context.CancellationToken)).ToProto();

    public override async Task<ListNeedsListsResponse> ListNeedsLists(ListNeedsListsRequest request, ServerCallContext context)
    {
        var paging = pageTokens.Open(request, request.PageSize, request.PageToken, keyCount: 1);
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

    public override Task<NeedsList> AdjustNeedsListLine(AdjustNeedsListLineRequest request, ServerCallContext context)
    {
        var command = new AdjustLineCommand(
            request.NeedsListId,
            request.ItemId,
            ProtoValues.ParseRequired(request.AdjustedQty, "adjusted_qty"),
            request.Reason.ToWord(),
            request.Notes,
            request.ExpectedVersion);
        return ChangeAsync(nameof(AdjustNeedsListLine), request, request.RequestId, context,
            (scope, caller, cancellationToken) => workflow.AdjustLineAsync(scope, caller, command, cancellationToken));
    }

    public override Task<NeedsList> SubmitNeedsList(SubmitNeedsListRequest request, ServerCallContext context)
    {
        var command = new SubmitCommand(request.NeedsListId, request.AcknowledgeStaleData, request.ExpectedVersion);
        return ChangeAsync(nameof(SubmitNeedsList), request, request.RequestId, context,
            (scope, caller, cancellationToken) => workflow.SubmitAsync(scope, caller, command, cancellationToken));
    }

    public override Task<NeedsList> StartReview(StartReviewRequest request, ServerCallContext context) =>
        ChangeAsync(nameof(StartReview), request, request.RequestId, context, (scope, caller, cancellationToken) =>
            workflow.StartReviewAsync(scope, caller, new DecisionCommand(request.NeedsListId, request.ExpectedVersion), cancellationToken));

    public override Task<NeedsList> ApproveNeedsList(ApproveNeedsListRequest request, ServerCallContext context) =>
        ChangeAsync(nameof(ApproveNeedsList), request, request.RequestId, context, (scope, caller, cancellationToken) =>
            workflow.ApproveAsync(scope, caller, new DecisionCommand(request.NeedsListId, request.ExpectedVersion, request.Notes), cancellationToken));

    public override Task<NeedsList> RejectNeedsList(RejectNeedsListRequest request, ServerCallContext context) =>
        ChangeAsync(nameof(RejectNeedsList), request, request.RequestId, context, (scope, caller, cancellationToken) =>
            workflow.RejectAsync(scope, caller, new DecisionCommand(request.NeedsListId, request.ExpectedVersion, request.Reason), cancellationToken));

    public override Task<NeedsList> ReturnNeedsList(ReturnNeedsListRequest request, ServerCallContext context) =>
        ChangeAsync(nameof(ReturnNeedsList), request, request.RequestId, context, (scope, caller, cancellationToken) =>
            workflow.ReturnAsync(scope, caller, new DecisionCommand(request.NeedsListId, request.ExpectedVersion, request.Reason), cancellationToken));

    public override Task<NeedsList> CancelNeedsList(CancelNeedsListRequest request, ServerCallContext context) =>
        ChangeAsync(nameof(CancelNeedsList), request, request.RequestId, context, (scope, caller, cancellationToken) =>
            workflow.CancelAsync(scope, caller, new DecisionCommand(request.NeedsListId, request.ExpectedVersion, request.Reason), cancellationToken));

    public override async Task<ListNeedsListAuditResponse> ListNeedsListAudit(ListNeedsListAuditRequest request, ServerCallContext context)
    {
        var paging = pageTokens.Open(request, request.PageSize, request.PageToken, keyCount: 1);
        var rows = await workflow.ListAuditAsync(
            request.NeedsListId, paging.AfterKey(0, whenFirstPage: 0), paging.FetchLimit, context.CancellationToken);
        var (page, next) = paging.Cut(rows, row => [row.AuditId]);
        return new ListNeedsListAuditResponse { Entries = { page.Select(row => row.ToProto()) }, NextPageToken = next };
    }

    public override async Task WatchNeedsListEvents(
        WatchNeedsListEventsRequest request, IServerStreamWriter<NeedsListEvent> responseStream, ServerCallContext context)
    {
        var (eventId, warehouseId) = (request.EventId, request.WarehouseId);
        NeedsListWorkflow.EnsureWatchFilter(eventId, warehouseId);
        await needsListEvents.WatchAsync(
            request.AfterAuditId, "after_audit_id",
            notice => (eventId == 0 || notice.EventId == eventId) && (warehouseId == 0 || notice.WarehouseId == warehouseId),
            responseStream, context);
    }

    public override Task<ApproveNeedsListsResponse> ApproveNeedsLists(ApproveNeedsListsRequest request, ServerCallContext context) =>
        BatchAsync(nameof(ApproveNeedsLists), request, request.RequestId, context,
            (members, caller, cancellationToken) => batches.ApproveAsync(members, caller, request.NeedsLists.ToDomain(), request.Notes, cancellationToken),
            outcomes => new ApproveNeedsListsResponse { Outcomes = { outcomes } });

    public override Task<RejectNeedsListsResponse> RejectNeedsLists(RejectNeedsListsRequest request, ServerCallContext context) =>
        BatchAsync(nameof(RejectNeedsLists), request, request.RequestId, context,
            (members, caller, cancellationToken) => batches.RejectAsync(members, caller, request.NeedsLists.ToDomain(), request.Reason, cancellationToken),
            outcomes => new RejectNeedsListsResponse { Outcomes = { outcomes } });

    public override Task<ReturnNeedsListsResponse> ReturnNeedsLists(ReturnNeedsListsRequest request, ServerCallContext context) =>
        BatchAsync(nameof(ReturnNeedsLists), request, request.RequestId, context,
            (members, caller, cancellationToken) => batches.ReturnAsync(members, caller, request.NeedsLists.ToDomain(), request.Reason, cancellationToken),
            outcomes => new ReturnNeedsListsResponse { Outcomes = { outcomes } });

    /// <summary>A batch decision: each list in its own transaction, the batch's answer kept for its request_id.</summary>
    private Task<TResponse> BatchAsync<TResponse>(
        string operation,
        IMessage request,
        string requestId,
        ServerCallContext context,
        Func<MemberTransactions, Caller, CancellationToken, Task<IReadOnlyList<BatchOutcome>>> decide,
        Func<IEnumerable<NeedsListDecisionOutcome>, TResponse> answer)
        where TResponse : IMessage<TResponse>, new()
    {
        var caller = context.GetCaller();
        return mutations.RunBatchAsync(operation, caller, requestId, request, async members =>
            answer((await decide(members, caller, context.CancellationToken)).ToProto()), context.CancellationToken);
    }

    public override async Task<LineExplanation> ExplainNeedsListLine(ExplainNeedsListLineRequest request, ServerCallContext context)
    {
        // The token: the moment explained (ticks, so later pages explain the first one's) and the last fulfilment line's keys.
        var paging = pageTokens.Open(request, request.PageSize, request.PageToken, keyCount: 4);
        var resumed = paging.After.Count > 0;
        var page = new FulfilmentPage(
            resumed ? new FulfilmentLinePosition(new DateTime(paging.After[1]), (int)paging.After[2], (int)paging.After[3]) : null,
            paging.FetchLimit);
        var explained = request.NeedsListId != 0 || request.NeedsListItemId != 0
            ? await storedLines.ExplainAsync(
                new StoredLineQuery(request.NeedsListId, request.NeedsListItemId, request.ItemId, PreviewFieldsOf(request)),
                page,
                context.CancellationToken)
            : await previewLines.ExplainAsync(
                new PreviewLineQuery(
                    request.EventId, request.WarehouseId, request.ItemId, request.Phase.ToDomainOrNull("phase"),
                    resumed ? new DateTime(paging.After[0]) : request.AsOf?.ToDatabaseUtc()),
                page,
                context.CancellationToken);
        var asOfTicks = explained.Context.AsOf.Ticks;
        var (lines, next) = paging.Cut(explained.FulfilmentLines, line => [asOfTicks, line.DispatchedAt.Ticks, line.ReliefpkgId, line.BatchId]);
        return explained.ToProto(lines, next);
    }

    private static IReadOnlyList<string> PreviewFieldsOf(ExplainNeedsListLineRequest request) =>
    [
        .. request.EventId != 0 ? ["event_id"] : Array.Empty<string>(),
        .. request.WarehouseId != 0 ? ["warehouse_id"] : Array.Empty<string>(),
        .. request.Phase != V1.EventPhase.Unspecified ? ["phase"] : Array.Empty<string>(),
        .. request.AsOf is not null ? ["as_of"] : Array.Empty<string>(),
    ];

    /// <summary>A workflow change in one transaction, with request_id idempotency, answered with the whole list.</summary>
    private Task<NeedsList> ChangeAsync(
        string operation,
        IMessage request,
        string requestId,
        ServerCallContext context,
        Func<DbScope, Caller, CancellationToken, Task<StoredNeedsList>> change)
    {
        var caller = context.GetCaller();
        return mutations.RunAsync(operation, caller, requestId, request, async scope =>
            (await change(scope, caller, context.CancellationToken)).ToProto(), context.CancellationToken);
    }
}
