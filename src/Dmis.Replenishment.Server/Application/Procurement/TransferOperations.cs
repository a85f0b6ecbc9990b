using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Data.Procurement;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Horizons;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.NeedsLists;
using static Dmis.Replenishment.Server.Application.EventPhases.EventPhaseOperations;

namespace Dmis.Replenishment.Server.Application.Procurement;

/// <summary>A transfer as created: its id, source and lines.</summary>
public sealed record CreatedTransfer(int TransferId, int FromWarehouseId, int ToWarehouseId, int EventId, int NeedsListId, IReadOnlyList<TransferLineValues> Lines);

/// <summary>
/// CreateTransfersFromNeedsList (SPEC 5, horizon A): one legacy transfer (status P, needs_list_id set)
/// per source warehouse of the list's horizon-A split, lines taken from the source's available batches,
/// earliest expiry first. Before anything is written each (source, item) quantity is checked against
/// the source's transferable surplus now (Domain TransferableSurplus, with this list's own allocation
/// given back, as it is the allocation being used): FAILED_PRECONDITION when it is gone.
/// </summary>
public sealed class TransferOperations(TimeProvider time)
{
    /// <param name="expectedVersion">The list's version the caller read; 0: no check.</param>
    public async Task<IReadOnlyList<CreatedTransfer>> CreateFromNeedsListAsync(
        DbScope scope, Caller caller, int needsListId, int expectedVersion, CancellationToken cancellationToken)
    {
        var violations = new List<FieldViolation>();
        RequestRules.Positive(violations, needsListId, "needs_list_id");
        RequestRules.OptionalVersion(violations, expectedVersion);
        RequestRules.ThrowIfAny(violations);
        Permissions.EnsureAtLeast(caller, Role.LogisticsOfficer, "create transfers");
        var list = await NeedsListRepository.LoadForUpdateAsync(scope, needsListId, cancellationToken);
        var now = time.Now();
        var start = list.StartFulfilment(caller, DownstreamWork.Transfers, expectedVersion, now);
        if (await TransferStore.CountForNeedsListAsync(scope, needsListId, cancellationToken) > 0)
        {
            throw new PreconditionFailedException($"transfers were already created from needs list {list.Number}");
        }

        // What the list holds at each source: its adjusted split where adjusted, so a line cut to 0 moves nothing.
        var splits = list.Lines
            .SelectMany(line => line.Held.Sources.Select(source => new HorizonASplit(line.ItemId, source.WarehouseId, source.Qty)))
            .Where(split => split.Qty > 0m)
            .ToList();
        if (splits.Count == 0)
        {
            throw new PreconditionFailedException($"needs list {list.Number} has no horizon A quantity to transfer");
        }

        await EnsureSurplusAsync(scope, list, splits, now, cancellationToken);

        var batches = await TransferStore.BatchesAsync(
            scope, [.. splits.Select(s => s.SourceWarehouseId).Distinct()], [.. splits.Select(s => s.ItemId).Distinct()], cancellationToken);
        var transfers = new List<TransferValues>();
        foreach (var source in splits.GroupBy(s => s.SourceWarehouseId).OrderBy(source => source.Key))
        {
            var lines = new List<TransferLineValues>();
            foreach (var item in source.GroupBy(s => s.ItemId).OrderBy(item => item.Key))
            {
                var wanted = Rounding.Quantity(item.Sum(s => s.Qty));
                foreach (var batch in batches.Where(b => b.InventoryId == source.Key && b.ItemId == item.Key))
                {
                    // transfer_item.item_qty has 2 places: never take more than the batch holds.
                    var take = Math.Min(wanted, Math.Floor(batch.AvailableQty * 100m) / 100m) + 0.00m; // 2 places, as stored
                    if (take > 0m)
                    {
                        lines.Add(new(item.Key, batch.BatchId, take, batch.UomCode));
                        wanted -= take;
                    }

                    if (wanted <= 0m)
                    {
                        break;
                    }
                }

                if (wanted > 0m)
                {
                    throw new PreconditionFailedException(
                        $"warehouse {source.Key} has not enough available batches of item {item.Key} for needs list {list.Number} ({wanted} short)");
                }
            }

            transfers.Add(new(source.Key, lines));
        }

        var ids = await TransferStore.InsertAsync(
            scope, needsListId, list.Number, list.EventId, list.WarehouseId, transfers, caller.UserId, now, cancellationToken);
        await NeedsListRepository.SaveAsync(scope, start, cancellationToken);

        return [.. transfers.Select((t, i) => new CreatedTransfer(ids[i], t.FromWarehouseId, list.WarehouseId, list.EventId, needsListId, t.Lines))];
    }

    /// <summary>One (item, source) of the list's held horizon-A split.</summary>
    private sealed record HorizonASplit(int ItemId, int SourceWarehouseId, decimal Qty);

    private static async Task EnsureSurplusAsync(
        DbScope scope, NeedsListAggregate list, IReadOnlyList<HorizonASplit> splits, DateTime asOf, CancellationToken cancellationToken)
    {
        var context = await CalculationReader.LoadContextAsync(scope.Connection, scope.Transaction, list.EventId, list.WarehouseId, asOf, cancellationToken);
        var phase = EventPhaseWords.Parse(CalculationInputLoader.EnsureEventOpen(context.Event, list.EventId).CurrentPhase);
        var parameters = CalculationInputLoader.ParametersFor(list.EventId, phase, context.PhaseConfigs);
        var demandWindow = DemandWindow.Ending(asOf, parameters.DemandWindowHours);
        var sourceIds = splits.Select(s => s.SourceWarehouseId).Distinct().ToList();
        var itemIds = splits.Select(s => s.ItemId).Distinct().ToList();
        var sourceStock = await CalculationReader.LoadSourceStockAsync(
            scope.Connection, scope.Transaction, list.EventId, sourceIds, itemIds,
            NeedsListStateMachine.HoldingAllocations.Select(status => status.ToWord()).ToList(), demandWindow, cancellationToken);
        var items = (await CalculationReader.LoadTargetItemsAsync(
                scope.Connection, scope.Transaction, list.EventId, list.WarehouseId, demandWindow, cancellationToken))
            .ToDictionary(item => item.ItemId);

        foreach (var group in splits.GroupBy(s => (s.SourceWarehouseId, s.ItemId)))
        {
            var (sourceId, itemId) = group.Key;
            var wanted = group.Sum(s => s.Qty);
            var source = context.Sources.FirstOrDefault(s => s.WarehouseId == sourceId);
            var freshness = source is null ? FreshnessLevel.Unknown : FreshnessRules.Assess(source.LastSyncDtime, asOf, parameters).Level;
            if (source is null || !SourceEligibility.IsEligible(sourceId, list.WarehouseId, source.IsActive, freshness))
            {
                throw new PreconditionFailedException(
                    $"warehouse {sourceId} can no longer be a transfer source (inactive, or its data is {freshness.ToWord()}); recalculate the needs list");
            }

            var stock = sourceStock.FirstOrDefault(s => s.WarehouseId == sourceId && s.ItemId == itemId);
            var item = items.GetValueOrDefault(itemId);
            var minThreshold = TransferableSurplus.EffectiveMinimumThreshold(item?.MinStockThreshold ?? 0m, source.MinStockThreshold);
            // This list's own allocation is what is being used: give it back before comparing.
            var withoutThisList = (stock ?? new SourceItemStock { WarehouseId = sourceId, ItemId = itemId }) with
            {
                AllocatedOpenQty = Math.Max(0m, (stock?.AllocatedOpenQty ?? 0m) - wanted),
            };
            var transferable = TransferableSurplus.ForSource(
                withoutThisList, item ?? new ItemInput { ItemId = itemId }, minThreshold, freshness, parameters, asOf);
            if (transferable < wanted)
            {
                throw new PreconditionFailedException(
                    $"warehouse {sourceId} ({source.WarehouseName}) can now give only {Math.Max(0m, transferable)} of item {itemId}, " +
                    $"not the {wanted} needs list {list.Number} allocated; recalculate the needs list");
            }
        }
    }
}
