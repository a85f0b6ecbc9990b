using Dmis.Replenishment.Data.Audit;
using Dmis.Replenishment.Data.Procurement;
using Dmis.Replenishment.Server.Application;
using Dmis.Replenishment.Server.Application.Fulfilment;
using Dmis.Replenishment.Server.Application.Procurement;
using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using DomainAction = Dmis.Replenishment.Domain.Procurement.ProcurementAction;

namespace Dmis.Replenishment.Server.Grpc;

/// <summary>Procurement, transfers, suppliers, lead times, and the audit of their changes. RPCs not overridden yet answer UNIMPLEMENTED.</summary>
[Authorize]
public sealed class ProcurementGrpcService(
    ProcurementOperations operations,
    TransferOperations transfers,
    TransferMovements movements,
    ProcurementStore procurements,
    SupplierOperations supplierOperations,
    SupplierStore suppliers,
    LeadTimeStore leadTimes,
    ChangeAuditJournal changeAudit,
    MutationRunner mutations,
    PageTokens pageTokens) : ProcurementService.ProcurementServiceBase
{
    public override Task<Procurement> CreateProcurementFromNeedsList(CreateProcurementFromNeedsListRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var method = request.Method.ToDomain("method");
        var prices = request.Prices.ToDomain("prices");
        return mutations.RunAsync(nameof(CreateProcurementFromNeedsList), caller, request.RequestId, request, async scope =>
            (await operations.CreateFromNeedsListAsync(
                scope, caller, request.NeedsListId, request.SupplierId == 0 ? null : request.SupplierId, method, prices,
                request.Notes, request.ExpectedVersion, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override Task<CreateTransfersFromNeedsListResponse> CreateTransfersFromNeedsList(
        CreateTransfersFromNeedsListRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        return mutations.RunAsync(nameof(CreateTransfersFromNeedsList), caller, request.RequestId, request, async scope =>
            new CreateTransfersFromNeedsListResponse
            {
                Transfers =
                {
                    (await transfers.CreateFromNeedsListAsync(
                        scope, caller, request.NeedsListId, request.ExpectedVersion, context.CancellationToken))
                        .Select(transfer => transfer.ToProto()),
                },
            },
            context.CancellationToken);
    }

    public override async Task<Procurement> GetProcurement(GetProcurementRequest request, ServerCallContext context) =>
        (await operations.GetAsync(request.ProcurementId, context.CancellationToken)).ToProto();

    public override async Task<ListProcurementsResponse> ListProcurements(ListProcurementsRequest request, ServerCallContext context)
    {
        var paging = pageTokens.Open(request, request.PageSize, request.PageToken, keyCount: 1);
        var filter = new ProcurementFilter(
            request.EventId, request.NeedsListId, request.TargetWarehouseId,
            [.. request.Statuses.Select((status, i) => status.ToWord($"statuses[{i}]"))]);
        var rows = await procurements.ListAsync(
            filter, paging.AfterKey(0, whenFirstPage: long.MaxValue), paging.FetchLimit, context.CancellationToken);
        var (page, next) = paging.Cut(rows, row => [row.Header.ProcurementId]);
        return new ListProcurementsResponse { Procurements = { page.Select(row => row.ToProto()) }, NextPageToken = next };
    }

    public override Task<Procurement> UpdateProcurementDraft(UpdateProcurementDraftRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var changes = new DraftChanges(
            request.SupplierId == 0 ? null : request.SupplierId,
            request.Method.ToDomain("method"),
            request.Lines.ToDomain("lines"),
            [.. request.RemoveItemIds],
            request.Notes);
        return mutations.RunAsync(nameof(UpdateProcurementDraft), caller, request.RequestId, request, async scope =>
            (await operations.UpdateDraftAsync(
                scope, caller, request.ProcurementId, changes, request.ExpectedVersion, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override Task<Procurement> SubmitProcurement(ProcurementActionRequest request, ServerCallContext context) =>
        DecideAsync(nameof(SubmitProcurement), DomainAction.Submit, request, context);

    public override Task<Procurement> ApproveProcurement(ProcurementActionRequest request, ServerCallContext context) =>
        DecideAsync(nameof(ApproveProcurement), DomainAction.Approve, request, context);

    public override Task<Procurement> RejectProcurement(ProcurementActionRequest request, ServerCallContext context) =>
        DecideAsync(nameof(RejectProcurement), DomainAction.Reject, request, context);

    public override Task<Procurement> CancelProcurement(ProcurementActionRequest request, ServerCallContext context) =>
        DecideAsync(nameof(CancelProcurement), DomainAction.Cancel, request, context);

    public override Task<Procurement> MarkOrdered(MarkOrderedRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        return mutations.RunAsync(nameof(MarkOrdered), caller, request.RequestId, request, async scope =>
            (await operations.MarkOrderedAsync(
                scope, caller, request.ProcurementId, request.PoNumber, request.ExpectedVersion, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override Task<Procurement> MarkShipped(MarkShippedRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var arrival = request.ExpectedArrival?.ToDatabaseUtc();
        return mutations.RunAsync(nameof(MarkShipped), caller, request.RequestId, request, async scope =>
            (await operations.MarkShippedAsync(
                scope, caller, request.ProcurementId, arrival, request.ExpectedVersion, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override Task<Procurement> ReceiveProcurementItems(ReceiveProcurementItemsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var receipts = request.Items.ToDomain();
        return mutations.RunAsync(nameof(ReceiveProcurementItems), caller, request.RequestId, request, async scope =>
            (await operations.ReceiveAsync(
                scope, caller, request.ProcurementId, receipts, request.ExpectedVersion, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override Task<V1.Transfer> DispatchTransfer(DispatchTransferRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        return mutations.RunAsync(nameof(DispatchTransfer), caller, request.RequestId, request, async scope =>
            (await movements.DispatchAsync(scope, caller, request.TransferId, request.ExpectedVersion, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override Task<V1.Transfer> ReceiveTransfer(ReceiveTransferRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        return mutations.RunAsync(nameof(ReceiveTransfer), caller, request.RequestId, request, async scope =>
            (await movements.ReceiveAsync(scope, caller, request.TransferId, request.ExpectedVersion, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    private Task<Procurement> DecideAsync(string operation, DomainAction action, ProcurementActionRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        return mutations.RunAsync(operation, caller, request.RequestId, request, async scope =>
            (await operations.DecideAsync(
                scope, caller, request.ProcurementId, action, request.Reason, request.ExpectedVersion, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override Task<Supplier> CreateSupplier(CreateSupplierRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        // proto3 cannot tell an unset is_active from false: a new supplier starts active (deactivate with UpdateSupplier).
        var input = request.Supplier.ToDomain() with { IsActive = true };
        return mutations.RunAsync(nameof(CreateSupplier), caller, request.RequestId, request, async scope =>
            (await supplierOperations.CreateSupplierAsync(scope, caller, input, request.Reason, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override Task<Supplier> UpdateSupplier(UpdateSupplierRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var input = request.Supplier.ToDomain();
        return mutations.RunAsync(nameof(UpdateSupplier), caller, request.RequestId, request, async scope =>
            (await supplierOperations.UpdateSupplierAsync(
                scope, caller, request.SupplierId, input, request.ExpectedVersion, request.Reason, context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override async Task<Supplier> GetSupplier(GetSupplierRequest request, ServerCallContext context) =>
        (await supplierOperations.GetSupplierAsync(request.SupplierId, context.CancellationToken)).ToProto();

    public override async Task<ListSuppliersResponse> ListSuppliers(ListSuppliersRequest request, ServerCallContext context)
    {
        var paging = pageTokens.Open(request, request.PageSize, request.PageToken, keyCount: 1);
        var rows = await suppliers.ListAsync(
            request.ActiveOnly, request.FrameworkOnly, paging.AfterKey(0, whenFirstPage: 0), paging.FetchLimit, context.CancellationToken);
        var (page, next) = paging.Cut(rows, row => [row.SupplierId]);
        return new ListSuppliersResponse { Suppliers = { page.Select(row => row.ToProto()) }, NextPageToken = next };
    }

    public override async Task<ListLeadTimesResponse> ListLeadTimes(ListLeadTimesRequest request, ServerCallContext context)
    {
        var horizon = request.Horizon.ToDomain("horizon");
        var paging = pageTokens.Open(request, request.PageSize, request.PageToken, keyCount: 1);
        var rows = await leadTimes.ListAsync(
            horizon is { } value ? Domain.Procurement.LeadTimeHorizonWords.ToWord(value) : null,
            paging.AfterKey(0, whenFirstPage: 0), paging.FetchLimit, context.CancellationToken);
        var (page, next) = paging.Cut(rows, row => [row.ConfigId]);
        return new ListLeadTimesResponse { LeadTimes = { page.Select(row => row.ToProto()) }, NextPageToken = next };
    }

    public override Task<LeadTime> UpsertLeadTime(UpsertLeadTimeRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var input = request.LeadTime.ToDomain();
        return mutations.RunAsync(nameof(UpsertLeadTime), caller, request.RequestId, request, async scope =>
            (await supplierOperations.UpsertLeadTimeAsync(
                scope, caller, request.LeadTime.ConfigId, input, request.ExpectedVersion, request.Reason, context.CancellationToken))
                .ToProto(),
            context.CancellationToken);
    }

    public override async Task<ListChangeAuditResponse> ListChangeAudit(ListChangeAuditRequest request, ServerCallContext context)
    {
        var filter = request.ToDomain();
        var paging = pageTokens.Open(request, request.PageSize, request.PageToken, keyCount: 1);
        var rows = await changeAudit.ListAsync(filter, paging.AfterKey(0, whenFirstPage: 0), paging.FetchLimit, context.CancellationToken);
        var (page, next) = paging.Cut(rows, row => [row.AuditId]);
        return new ListChangeAuditResponse { Entries = { page.Select(row => row.ToProto()) }, NextPageToken = next };
    }
}
