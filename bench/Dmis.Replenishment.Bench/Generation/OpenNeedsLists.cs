using Dmis.Replenishment.Bench.Measurement;
using Dmis.Replenishment.V1;
using Grpc.Core;

namespace Dmis.Replenishment.Bench.Generation;

/// <summary>What the open lists hold: how many were submitted, their lines, and their horizon-B draws.</summary>
public sealed record OpenListsReport(int Lists, int Lines, NewPathCounts Counts);

/// <summary>
/// Open needs lists that hold pledges and horizon-A allocations, made through the service itself: a list
/// generated and submitted (PENDING_APPROVAL) at each of the given warehouses. A calculation at any
/// other warehouse of the event then sees only what those lists left of each pledge and source, so the
/// "drawn by open lists" parts of the pledge and source reads have rows to read. A warehouse with no gap
/// stores no list and is skipped.
/// </summary>
public sealed class OpenNeedsLists(NeedsListService.NeedsListServiceClient client, Metadata headers)
{
    public async Task<OpenListsReport> SubmitAsync(int eventId, IEnumerable<int> warehouseIds, CancellationToken cancellationToken)
    {
        var lines = new List<NeedsListLine>();
        var lists = 0;
        foreach (var warehouseId in warehouseIds)
        {
            var draft = await client.GenerateNeedsListAsync(
                new GenerateNeedsListRequest { EventId = eventId, WarehouseId = warehouseId, Notes = "benchmark: holds pledges" },
                headers,
                cancellationToken: cancellationToken);
            if (draft.GenerateOutcome != GenerateOutcome.Created)
            {
                continue;
            }

            var submitted = await client.SubmitNeedsListAsync(
                new SubmitNeedsListRequest { NeedsListId = draft.NeedsListId, AcknowledgeStaleData = true, ExpectedVersion = draft.Version },
                headers,
                cancellationToken: cancellationToken);
            lines.AddRange(submitted.Lines);
            lists++;
        }

        return new OpenListsReport(lists, lines.Count, NewPathCounts.Of(lines));
    }
}
