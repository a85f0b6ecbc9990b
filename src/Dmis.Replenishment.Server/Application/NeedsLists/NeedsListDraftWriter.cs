using Dmis.Replenishment.Data.Explanations;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Observability;

namespace Dmis.Replenishment.Server.Application.NeedsLists;

/// <summary>
/// Stores a calculated needs list as a generate does, in the caller's transaction: the open DRAFT or
/// RETURNED list of the same event and warehouse becomes SUPERSEDED by the new DRAFT (audited, linked);
/// with no line at all nothing new is stored and the open list is CANCELLED instead ("recalculated:
/// sufficient coverage", audited). Generates of one event and warehouse are serialised by an advisory
/// lock, so there is never more than one open draft and numbers are unique. GenerateNeedsList and
/// GeneratePlannedNeedsLists both store through here.
/// </summary>
public sealed class NeedsListDraftWriter(RecentNeedsListWrites recentWrites, ReplenishmentMetrics metrics)
{
    /// <summary>The audit note of a draft a generate retires for sufficient coverage.</summary>
    public const string SufficientCoverageReason = "Recalculated: sufficient coverage";

    /// <summary>
    /// Stores <paramref name="result"/> (calculated at its header's as_of) for its warehouse, with the
    /// <paramref name="evidence"/> its lines' explanations will need; returns the new list (null: sufficient
    /// coverage) and the lists retired.
    /// </summary>
    public async Task<(StoredNeedsList? Created, IReadOnlyList<SupersedableList> Retired)> StoreAsync(
        DbScope scope, Caller caller, int eventId, CalculationResult result, NewNeedsListEvidence evidence, string? notes,
        CancellationToken cancellationToken)
    {
        var asOf = result.Header.AsOf;
        var warehouseId = result.Header.Warehouse.WarehouseId;
        var date = DateOnly.FromDateTime(asOf);
        var prefix = NeedsListNumber.Prefix(eventId, warehouseId, date);
        var slot = await NeedsListStore.LockForGenerateAsync(
            scope, eventId, warehouseId, prefix,
            NeedsListStateMachine.AllowedFrom(NeedsListAction.Supersede).Select(status => status.ToWord()).ToList(),
            cancellationToken);
        foreach (var draft in slot.OpenDrafts)
        {
            recentWrites.Record(draft.NeedsListId);
        }

        if (result.Lines.Count == 0)
        {
            var cancelled = Retirement(slot.OpenDrafts, NeedsListAction.Cancel, SufficientCoverageReason, asOf);
            await NeedsListRepository.RetireAsync(scope, cancelled, supersededById: null, caller.UserId, cancellationToken);
            return (null, slot.OpenDrafts);
        }

        var seq = slot.NumbersOfTheDay.Select(number => DocumentNumber.SequenceOf(number, prefix) ?? 0).DefaultIfEmpty(0).Max() + 1;
        var number = NeedsListNumber.Format(eventId, warehouseId, date, seq);
        var trimmedNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        var stored = await NeedsListStore.InsertAsync(
            scope, slot.NewNeedsListId, NeedsListDrafts.From(number, eventId, result, trimmedNotes, slot.OpenDrafts) with { Evidence = evidence },
            Retirement(slot.OpenDrafts, NeedsListAction.Supersede, $"Superseded by {number}", asOf), caller.UserId,
            NeedsListAuditActions.EscalatedReasonCode, cancellationToken);
        recentWrites.Record(stored.Header.NeedsListId);
        metrics.NeedsListGenerated();
        return (stored, slot.OpenDrafts);
    }

    /// <summary>The open drafts leaving with <paramref name="action"/> (SUPERSEDED by the new list, or CANCELLED), audited with <paramref name="notes"/>.</summary>
    private static DraftRetirement Retirement(IReadOnlyList<SupersedableList> drafts, NeedsListAction action, string notes, DateTime at) =>
        new(
            [.. drafts.Select(draft => new RetiredList(
                draft.NeedsListId,
                draft.StatusCode,
                NeedsListStateMachine.Next(NeedsListStatusWords.Parse(draft.StatusCode), action, draft.NeedsListNo).ToWord()))],
            NeedsListAuditActions.For(action),
            notes,
            at);
}
