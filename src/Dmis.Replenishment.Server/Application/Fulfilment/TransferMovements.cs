using Dmis.Replenishment.Data.Fulfilment;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.Inventory;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Fulfilment;
using static Dmis.Replenishment.Server.Application.EventPhases.EventPhaseOperations;

namespace Dmis.Replenishment.Server.Application.Fulfilment;

/// <summary>
/// DispatchTransfer and ReceiveTransfer (SPEC 4 and 5): what the DMIS main application does with a
/// legacy transfer, for sites without it. Dispatch (P -> D) takes the lines out of their source batches
/// and the source's inventory; receive (D -> C) puts them into the destination's inventory as new
/// batches (same batch number, expiry and unit value) and completes the needs list when this was its
/// last outstanding receipt. Officers and above, with authority over the source (dispatch) or the
/// destination (receive).
/// </summary>
public sealed class TransferMovements(NeedsListCompletion completion, TimeProvider time)
{
    public async Task<StoredTransfer> DispatchAsync(
        DbScope scope, Caller caller, int transferId, int expectedVersion, CancellationToken cancellationToken)
    {
        var (stored, next) = await StartAsync(scope, caller, transferId, TransferStep.Dispatch, expectedVersion, cancellationToken);
        TransferMovement.EnsureStockToDispatch(
            transferId,
            stored.Lines.Select(line => new DispatchLine(line.ItemId, line.BatchId, line.ItemQty, line.BatchUsableQty, line.BatchReservedQty)));

        var now = time.Now();
        await StockStore.StockOutAsync(
            scope, [.. stored.Lines.Select(line => new StockOutLine(stored.Header.FrInventoryId, line.ItemId, line.BatchId, line.ItemQty))],
            caller.UserId, now, cancellationToken);
        await TransferMovementStore.MoveAsync(
            scope, transferId, next.ToWord(), dispatched: true, caller.UserId, now, cancellationToken);
        return (await TransferMovementStore.LockAsync(scope, transferId, cancellationToken))!;
    }

    public async Task<StoredTransfer> ReceiveAsync(
        DbScope scope, Caller caller, int transferId, int expectedVersion, CancellationToken cancellationToken)
    {
        var (stored, next) = await StartAsync(scope, caller, transferId, TransferStep.Receive, expectedVersion, cancellationToken);

        var now = time.Now();
        await StockStore.StockInAsync(
            scope, stored.Header.ToInventoryId,
            [.. stored.Lines.Select(line => new StockInLine(line.ItemId, line.ItemQty, line.UomCode, line.AvgUnitValue, line.BatchNo, line.ExpiryDate))],
            caller.UserId, now, cancellationToken);
        await TransferMovementStore.MoveAsync(
            scope, transferId, next.ToWord(), dispatched: false, caller.UserId, now, cancellationToken);
        if (stored.Header.NeedsListId is { } needsListId)
        {
            await completion.CompleteIfFulfilledAsync(scope, needsListId, caller.UserId, $"last receipt: transfer {transferId}", cancellationToken);
        }

        return (await TransferMovementStore.LockAsync(scope, transferId, cancellationToken))!;
    }

    /// <summary>Input, role, the transfer (locked), authority over the warehouse the step acts for, state, version; the next status.</summary>
    private static async Task<(StoredTransfer Stored, TransferStatus Next)> StartAsync(
        DbScope scope, Caller caller, int transferId, TransferStep step, int expectedVersion, CancellationToken cancellationToken)
    {
        EnsurePositive(transferId, "transfer_id");
        var verb = step == TransferStep.Dispatch ? "dispatch" : "receive";
        Permissions.EnsureAtLeast(caller, Role.LogisticsOfficer, $"{verb} transfers");
        var stored = await TransferMovementStore.LockAsync(scope, transferId, cancellationToken)
            ?? throw new NotFoundException("transfer", transferId);
        var warehouseId = step == TransferStep.Dispatch ? stored.Header.FrInventoryId : stored.Header.ToInventoryId;
        WarehouseAuthority.EnsureMayActFor(caller, warehouseId, $"{verb} transfer {transferId}");
        var next = TransferMovement.Next(transferId, TransferStatusWords.Parse(stored.Header.StatusCode), step);
        EnsureVersion("transfer", transferId, expectedVersion, stored.Header.VersionNbr);
        return (stored, next);
    }
}
