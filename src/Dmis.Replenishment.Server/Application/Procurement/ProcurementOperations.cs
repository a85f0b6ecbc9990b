using Dmis.Replenishment.Data.Audit;
using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Data.Fulfilment;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Data.Procurement;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Audit;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Procurement;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Application.Fulfilment;
using static Dmis.Replenishment.Server.Application.EventPhases.EventPhaseOperations;

namespace Dmis.Replenishment.Server.Application.Procurement;

/// <summary>A unit price (and, for drafts, a new quantity) a caller sends for an item.</summary>
public sealed record PriceInput(int ItemId, decimal? UnitPrice, decimal? OrderedQty);

/// <summary>UpdateProcurementDraft's changes; nulls keep what is stored.</summary>
public sealed record DraftChanges(
    int? SupplierId, ProcurementMethod? Method, IReadOnlyList<PriceInput> Lines, IReadOnlyList<int> RemoveItemIds, string? Notes);

/// <summary>
/// Procurement use cases (SPEC 5): every rule comes from Domain.Procurement / Domain.Workflow; this class
/// loads and locks rows, applies the rules in order (input, state, permission, version) and writes.
/// </summary>
public sealed class ProcurementOperations(ProcurementStore procurements, NeedsListCompletion completion, TimeProvider time)
{
    public async Task<StoredProcurement> GetAsync(int procurementId, CancellationToken cancellationToken)
    {
        EnsurePositive(procurementId, "procurement_id");
        return await procurements.GetAsync(procurementId, cancellationToken) ?? throw new NotFoundException("procurement", procurementId);
    }

    /// <summary>
    /// A DRAFT procurement of the horizon-C quantities of an APPROVED or IN_PROGRESS list still not
    /// ordered by another open procurement of it. Each line's quantity is its horizon C, cut to what the
    /// adjusted quantity leaves after horizons A and B. Price: the request's, else the item's estimated
    /// unit value. The list moves to IN_PROGRESS (first downstream action) when it is still at
    /// <paramref name="expectedVersion"/> (0: no check).
    /// </summary>
    public async Task<StoredProcurement> CreateFromNeedsListAsync(
        DbScope scope, Caller caller, int needsListId, int? supplierId, ProcurementMethod? method,
        IReadOnlyList<PriceInput> prices, string? notes, int expectedVersion, CancellationToken cancellationToken)
    {
        EnsurePositive(needsListId, "needs_list_id");
        if (expectedVersion < 0)
        {
            throw new DomainValidationException("expected_version", "must be the version you read, or 0 for no check");
        }

        if (method is null)
        {
            throw new DomainValidationException("method", "is required: how the goods are bought");
        }

        var priceByItem = IndexPrices(prices, "prices");
        ProcurementAuthorization.EnsureCanCreate(caller);
        if (supplierId is { } chosen)
        {
            _ = await FindSupplierAsync(scope, chosen, "supplier_id", cancellationToken);
        }

        var list = await NeedsListRepository.LoadForUpdateAsync(scope, needsListId, cancellationToken);
        var now = time.Now();
        var start = list.StartFulfilment(caller, DownstreamWork.Procurement, expectedVersion, now);

        // Each line's horizon C as the list holds it (its adjusted split where adjusted), less what is already ordered.
        var heldC = list.Lines.ToDictionary(line => line.LineId, line => line.Held.HorizonCQty);
        var lines = await NeedsListFulfilmentStore.LinesAsync(scope, needsListId, 0, cancellationToken);
        var open = lines
            .Select(line => (line, qty: Rounding.Quantity(heldC.GetValueOrDefault(line.NeedsListItemId) - line.ProcuredQty)))
            .Where(pair => pair.qty > 0m)
            .ToList();
        if (open.Count == 0)
        {
            throw new PreconditionFailedException(
                $"needs list {list.Number} has no horizon C quantity left to procure");
        }

        var violations = new List<FieldViolation>();
        foreach (var itemId in priceByItem.Keys.Where(id => open.All(pair => pair.line.ItemId != id)))
        {
            violations.Add(new($"prices[item_id={itemId}]", $"item {itemId} has no horizon C quantity to procure on needs list {list.Number}"));
        }

        var values = new List<ProcurementLineValues>();
        foreach (var (line, qty) in open)
        {
            var price = priceByItem.TryGetValue(line.ItemId, out var given) && given.UnitPrice is { } p ? p : line.EstimatedUnitValue;
            if (price is null)
            {
                violations.Add(new($"prices[item_id={line.ItemId}].unit_price",
                    $"item {line.ItemId} has no estimated unit value; send its unit price"));
                continue;
            }

            values.Add(new(line.ItemId, line.NeedsListItemId, qty, price, ProcurementLines.LineTotal(qty, price.Value), line.UomCode));
        }

        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        ProcurementLines.EnsureValid([.. values.Select(v => new ProcurementLineInput(v.ItemId, v.OrderedQty, v.UnitPrice))], "lines");

        var today = DateOnly.FromDateTime(now);
        var prefix = ProcurementNumber.Prefix(list.EventId, today);
        var numbers = await ProcurementStore.LockNumbersAsync(scope, list.EventId, prefix, cancellationToken);
        var seq = numbers.Select(n => DocumentNumber.SequenceOf(n, prefix) ?? 0).DefaultIfEmpty(0).Max() + 1;
        var header = new ProcurementHeaderRow
        {
            ProcurementNo = ProcurementNumber.Format(list.EventId, today, seq),
            NeedsListId = needsListId,
            EventId = list.EventId,
            TargetWarehouseId = list.WarehouseId,
            SupplierId = supplierId,
            ProcurementMethod = method.Value.ToWord(),
            TotalValue = Rounding.Quantity(values.Sum(v => v.LineTotal ?? 0m)),
            NotesText = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
        };
        var id = await ProcurementStore.InsertAsync(scope, header, values, caller.UserId, now, cancellationToken);
        await ChangeAuditJournal.AppendAsync(
            scope, ChangeAuditJournal.Creating(AuditedEntity.Procurement, id), ChangeAction.Created, header.NotesText, caller.UserId, now,
            cancellationToken);

        await NeedsListRepository.SaveAsync(scope, start, cancellationToken);

        return (await ProcurementStore.GetAsync(scope.Connection, scope.Transaction, id, false, cancellationToken))!;
    }

    public async Task<StoredProcurement> UpdateDraftAsync(
        DbScope scope, Caller caller, int procurementId, DraftChanges changes, int expectedVersion, CancellationToken cancellationToken)
    {
        EnsurePositive(procurementId, "procurement_id");
        var linePrices = IndexPrices(changes.Lines, "lines");
        var stored = await LockAsync(scope, procurementId, cancellationToken);
        var audit = await ChangeAuditJournal.BeforeAsync(scope, AuditedEntity.Procurement, procurementId, cancellationToken);
        var header = stored.Header;
        Transition(stored, caller, ProcurementAction.UpdateDraft, expectedVersion);

        var violations = new List<FieldViolation>();
        var onProcurement = stored.Lines.ToDictionary(line => line.ItemId);
        var index = 0;
        foreach (var line in changes.Lines)
        {
            if (!onProcurement.ContainsKey(line.ItemId))
            {
                violations.Add(new($"lines[{index}].item_id", $"item {line.ItemId} is not on procurement {header.ProcurementNo}"));
            }

            index++;
        }

        for (var i = 0; i < changes.RemoveItemIds.Count; i++)
        {
            if (!onProcurement.ContainsKey(changes.RemoveItemIds[i]))
            {
                violations.Add(new($"remove_item_ids[{i}]", $"item {changes.RemoveItemIds[i]} is not on procurement {header.ProcurementNo}"));
            }
        }

        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        var kept = stored.Lines.Where(line => !changes.RemoveItemIds.Contains(line.ItemId)).ToList();
        var inputs = kept.Select(line => linePrices.TryGetValue(line.ItemId, out var change)
                ? new ProcurementLineInput(line.ItemId, change.OrderedQty ?? line.OrderedQty, change.UnitPrice ?? line.UnitPrice)
                : new ProcurementLineInput(line.ItemId, line.OrderedQty, line.UnitPrice))
            .ToList();
        ProcurementLines.EnsureValid(inputs, "lines");

        if (changes.SupplierId is { } supplierId)
        {
            _ = await FindSupplierAsync(scope, supplierId, "supplier_id", cancellationToken);
            header.SupplierId = supplierId;
        }

        if (changes.Method is { } method)
        {
            header.ProcurementMethod = method.ToWord();
        }

        if (!string.IsNullOrWhiteSpace(changes.Notes))
        {
            header.NotesText = changes.Notes.Trim();
        }

        var byItem = kept.ToDictionary(line => line.ItemId);
        var values = inputs.Select(input => new ProcurementLineValues(
            input.ItemId, byItem[input.ItemId].NeedsListItemId, input.OrderedQty, input.UnitPrice,
            ProcurementLines.LineTotal(input.OrderedQty, input.UnitPrice), byItem[input.ItemId].UomCode)).ToList();
        header.TotalValue = ProcurementLines.Total(inputs);
        await ProcurementStore.SaveLinesAsync(scope, procurementId, values, changes.RemoveItemIds, caller.UserId, time.Now(), cancellationToken);
        return await SaveAsync(scope, header, expectedVersion, caller, audit, ProcurementAction.UpdateDraft, changes.Notes, cancellationToken);
    }

    /// <summary>Submit, approve, reject or cancel (reject and cancel need a reason).</summary>
    public async Task<StoredProcurement> DecideAsync(
        DbScope scope, Caller caller, int procurementId, ProcurementAction action, string? reason, int expectedVersion,
        CancellationToken cancellationToken)
    {
        EnsurePositive(procurementId, "procurement_id");
        var why = action is ProcurementAction.Reject or ProcurementAction.Cancel
            ? DecisionReason.Required(reason)
            : DecisionReason.Optional(reason);
        var stored = await LockAsync(scope, procurementId, cancellationToken);
        var audit = await ChangeAuditJournal.BeforeAsync(scope, AuditedEntity.Procurement, procurementId, cancellationToken);
        var header = stored.Header;
        var now = time.Now();

        switch (action)
        {
            case ProcurementAction.Submit:
            {
                var next = Transition(stored, caller, action, expectedVersion);
                ProcurementLines.EnsureReadyToSubmit(header.ProcurementNo, Inputs(stored));
                var requirement = await RequirementAsync(scope, header, cancellationToken);
                header.StatusCode = next.ToWord();
                header.ApprovalThresholdTier = requirement.Tier.ToWord();
                header.SubmittedBy = caller.UserId;
                header.SubmittedAt = now;
                break;
            }

            case ProcurementAction.Approve:
            {
                var next = ProcurementStateMachine.Next(StatusOf(header), action, header.ProcurementNo);
                // Again at approval: contracts expire and phases change while a procurement waits.
                var requirement = await RequirementAsync(scope, header, cancellationToken);
                ProcurementAuthorization.EnsureAllowed(caller, action, Facts(stored, requirement));
                EnsureVersion("procurement", header.ProcurementId, expectedVersion, header.VersionNbr);
                header.StatusCode = next.ToWord();
                header.ApprovalThresholdTier = requirement.Tier.ToWord();
                header.ApprovedBy = caller.UserId;
                header.ApprovedAt = now;
                break;
            }

            case ProcurementAction.Reject:
            case ProcurementAction.Cancel:
            {
                var next = Transition(stored, caller, action, expectedVersion);
                header.StatusCode = next.ToWord();
                header.StatusReason = why;
                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Not a decision.");
        }

        return await SaveAsync(scope, header, expectedVersion, caller, audit, action, why, cancellationToken);
    }

    public async Task<StoredProcurement> MarkOrderedAsync(
        DbScope scope, Caller caller, int procurementId, string poNumber, int expectedVersion, CancellationToken cancellationToken)
    {
        EnsurePositive(procurementId, "procurement_id");
        var po = ProcurementOrdering.PoNumber(poNumber);
        var stored = await LockAsync(scope, procurementId, cancellationToken);
        var audit = await ChangeAuditJournal.BeforeAsync(scope, AuditedEntity.Procurement, procurementId, cancellationToken);
        var next = Transition(stored, caller, ProcurementAction.MarkOrdered, expectedVersion);
        ProcurementOrdering.EnsureSupplierChosen(stored.Header.ProcurementNo, stored.Header.SupplierId);
        stored.Header.StatusCode = next.ToWord();
        stored.Header.PoNumber = po;
        return await SaveAsync(scope, stored.Header, expectedVersion, caller, audit, ProcurementAction.MarkOrdered, null, cancellationToken);
    }

    public async Task<StoredProcurement> MarkShippedAsync(
        DbScope scope, Caller caller, int procurementId, DateTime? expectedArrival, int expectedVersion, CancellationToken cancellationToken)
    {
        EnsurePositive(procurementId, "procurement_id");
        var arrival = ProcurementOrdering.ExpectedArrival(expectedArrival);
        var stored = await LockAsync(scope, procurementId, cancellationToken);
        var audit = await ChangeAuditJournal.BeforeAsync(scope, AuditedEntity.Procurement, procurementId, cancellationToken);
        var next = Transition(stored, caller, ProcurementAction.MarkShipped, expectedVersion);
        stored.Header.StatusCode = next.ToWord();
        stored.Header.ShippedAt = time.Now();
        stored.Header.ExpectedArrival = arrival;
        return await SaveAsync(scope, stored.Header, expectedVersion, caller, audit, ProcurementAction.MarkShipped, null, cancellationToken);
    }

    /// <summary>
    /// A receipt closes the loop in the caller's transaction: the lines' received quantities and
    /// statuses, the header (PARTIAL_RECEIVED / RECEIVED), stock posted to the target warehouse
    /// (inventory + one batch per line), the linked needs-list lines' fulfilment (audited), and the
    /// list FULFILLED (audited) once every line is fulfilled.
    /// </summary>
    public async Task<StoredProcurement> ReceiveAsync(
        DbScope scope, Caller caller, int procurementId, IReadOnlyList<ReceiptQuantity> receipts, int expectedVersion,
        CancellationToken cancellationToken)
    {
        EnsurePositive(procurementId, "procurement_id");
        var stored = await LockAsync(scope, procurementId, cancellationToken);
        var audit = await ChangeAuditJournal.BeforeAsync(scope, AuditedEntity.Procurement, procurementId, cancellationToken);
        var header = stored.Header;
        var result = ProcurementReceiving.Receive(
            header.ProcurementNo,
            StatusOf(header),
            [.. stored.Lines.Select(line => new ReceivingLine(
                line.ItemId, line.OrderedQty, line.ReceivedQty, ProcurementLineStatusWords.Parse(line.StatusCode)))],
            receipts);
        var receipt = result.IsComplete ? ProcurementAction.ReceiveAll : ProcurementAction.ReceivePart;
        ProcurementAuthorization.EnsureAllowed(caller, receipt, Facts(stored, null));
        WarehouseAuthority.EnsureMayActFor(caller, header.TargetWarehouseId, $"receive procurement {header.ProcurementNo}");
        EnsureVersion("procurement", header.ProcurementId, expectedVersion, header.VersionNbr);

        var byItem = stored.Lines.ToDictionary(line => line.ItemId);
        await ProcurementStore.PostReceiptAsync(
            scope, procurementId, header.ProcurementNo, header.TargetWarehouseId,
            [.. result.Lines.Select(line => new ReceivedLineValues(line.ItemId, line.ReceivedTotal, line.Status.ToWord()))],
            [.. result.Lines.Select(line => (line.ItemId, line.ReceivedNow, byItem[line.ItemId].UomCode, byItem[line.ItemId].UnitPrice ?? 0m))],
            caller.UserId,
            time.Now(),
            cancellationToken);

        header.StatusCode = result.NewStatus.ToWord();
        header.ReceivedAt = time.Now();
        header.ReceivedBy = caller.UserId;
        var saved = await SaveAsync(scope, header, expectedVersion, caller, audit, receipt, null, cancellationToken);

        if (header.NeedsListId is { } needsListId)
        {
            await FulfilNeedsListAsync(scope, caller, needsListId, header.ProcurementNo, result, byItem, cancellationToken);
        }

        return saved;
    }

    /// <summary>The receipt's quantities against the lines of the procurement's needs list (load -> decide -> save).</summary>
    private async Task FulfilNeedsListAsync(
        DbScope scope, Caller caller, int needsListId, string procurementNo, ReceivingResult result,
        IReadOnlyDictionary<int, ProcurementLineRow> procurementLines, CancellationToken cancellationToken)
    {
        var list = await NeedsListRepository.LoadForUpdateAsync(scope, needsListId, cancellationToken);
        var receivedByLine = result.Lines
            .Where(line => procurementLines[line.ItemId].NeedsListItemId is not null)
            .GroupBy(line => procurementLines[line.ItemId].NeedsListItemId!.Value)
            .ToDictionary(group => group.Key, group => group.Sum(line => line.ReceivedNow));
        var change = list.RecordFulfilment(receivedByLine, $"procurement {procurementNo}", caller.UserId, time.Now());
        await NeedsListRepository.SaveAsync(scope, change, cancellationToken);

        await completion.CompleteIfFulfilledAsync(scope, needsListId, caller.UserId, $"last receipt on procurement {procurementNo}", cancellationToken);
    }

    private static Dictionary<int, PriceInput> IndexPrices(IReadOnlyList<PriceInput> prices, string field)
    {
        var violations = new List<FieldViolation>();
        var byItem = new Dictionary<int, PriceInput>();
        for (var i = 0; i < prices.Count; i++)
        {
            if (prices[i].ItemId <= 0)
            {
                violations.Add(new($"{field}[{i}].item_id", "is required"));
            }
            else if (!byItem.TryAdd(prices[i].ItemId, prices[i]))
            {
                violations.Add(new($"{field}[{i}].item_id", $"item {prices[i].ItemId} is listed more than once"));
            }
        }

        return violations.Count > 0 ? throw new DomainValidationException(violations) : byItem;
    }

    private static async Task<SupplierRow> FindSupplierAsync(DbScope scope, int supplierId, string field, CancellationToken cancellationToken) =>
        await SupplierStore.FindAsync(scope.Connection, scope.Transaction, supplierId, forUpdate: false, cancellationToken)
        ?? throw new DomainValidationException(field, $"supplier {supplierId} does not exist");

    private static async Task<StoredProcurement> LockAsync(DbScope scope, int procurementId, CancellationToken cancellationToken) =>
        await ProcurementStore.GetAsync(scope.Connection, scope.Transaction, procurementId, forUpdate: true, cancellationToken)
        ?? throw new NotFoundException("procurement", procurementId);

    /// <summary>State machine, then permission (with the stored tier), then version; the next status.</summary>
    private static ProcurementStatus Transition(StoredProcurement stored, Caller caller, ProcurementAction action, int expectedVersion)
    {
        var header = stored.Header;
        var next = ProcurementStateMachine.Next(StatusOf(header), action, header.ProcurementNo);
        ProcurementAuthorization.EnsureAllowed(caller, action, Facts(stored, StoredRequirement(header)));
        EnsureVersion("procurement", header.ProcurementId, expectedVersion, header.VersionNbr);
        return next;
    }

    private async Task<ProcurementApprovalRequirement> RequirementAsync(
        DbScope scope, ProcurementHeaderRow header, CancellationToken cancellationToken)
    {
        var phase = (await EventStore.FindAsync(scope.Connection, scope.Transaction, header.EventId, cancellationToken))?.CurrentPhase
            ?? throw new NotFoundException("event", header.EventId);
        SupplierStanding? standing = null;
        if (header.SupplierId is { } supplierId
            && await SupplierStore.FindAsync(scope.Connection, scope.Transaction, supplierId, forUpdate: false, cancellationToken) is { } supplier)
        {
            standing = new SupplierStanding(
                supplier.SupplierCode, supplier.IsActive, supplier.IsFrameworkSupplier, supplier.FrameworkContractNo,
                supplier.FrameworkExpiryDate);
        }

        return ProcurementTierRules.Determine(
            header.TotalValue, ProcurementMethodWords.Parse(header.ProcurementMethod), EventPhaseWords.Parse(phase), standing,
            DateOnly.FromDateTime(time.Now()));
    }

    public static ProcurementApprovalRequirement? StoredRequirement(ProcurementHeaderRow header) =>
        ApprovalTierWords.TryParse(header.ApprovalThresholdTier, out var tier)
            ? new ProcurementApprovalRequirement(tier, ProcurementTierRules.ApproverFor(tier, header.TotalValue))
            : null;

    private static ProcurementFacts Facts(StoredProcurement stored, ProcurementApprovalRequirement? requirement) => new(
        stored.Header.ProcurementNo,
        StatusOf(stored.Header),
        stored.Header.CreateById,
        stored.Header.SubmittedBy is { } submitter ? [submitter] : [],
        requirement ?? StoredRequirement(stored.Header));

    private static ProcurementStatus StatusOf(ProcurementHeaderRow header) => ProcurementStatusWords.Parse(header.StatusCode);

    private static List<ProcurementLineInput> Inputs(StoredProcurement stored) =>
        [.. stored.Lines.Select(line => new ProcurementLineInput(line.ItemId, line.OrderedQty, line.UnitPrice))];

    /// <summary>Saves the header at <paramref name="expectedVersion"/> and audits the change against the row before it.</summary>
    private async Task<StoredProcurement> SaveAsync(
        DbScope scope, ProcurementHeaderRow header, int expectedVersion, Caller caller, PendingChange audit, ProcurementAction action,
        string? reason, CancellationToken cancellationToken)
    {
        var now = time.Now();
        if (!await ProcurementStore.SaveHeaderAsync(scope, header, expectedVersion, caller.UserId, now, cancellationToken))
        {
            throw new VersionConflictException("procurement", header.ProcurementId, expectedVersion, null);
        }

        await ChangeAuditJournal.AppendAsync(scope, audit, ChangeActionWords.Of(action), reason, caller.UserId, now, cancellationToken);

        return (await ProcurementStore.GetAsync(scope.Connection, scope.Transaction, header.ProcurementId, false, cancellationToken))!;
    }

}
