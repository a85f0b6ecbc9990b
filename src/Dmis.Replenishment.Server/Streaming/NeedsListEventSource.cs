using Dmis.Replenishment.Data.Workflow;
using Dmis.Replenishment.Domain.Workflow;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.V1;

namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// Needs-list events from the audit trail: every audited status change (whoever wrote it), reminders
/// and escalations.
/// </summary>
public sealed class NeedsListEventSource(NeedsListEventJournal journal) : IStreamSource<NeedsListEvent>
{
    public long IdOf(NeedsListEvent message) => message.AuditId;

    public Task<long> LatestIdAsync(CancellationToken cancellationToken) => journal.LatestIdAsync(cancellationToken);

    public async Task<IReadOnlyList<NeedsListEvent>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        [.. (await journal.ReadAfterAsync(
            afterId, limit, NeedsListAuditActions.Submitted, NeedsListAuditActions.EscalatedReasonCode, cancellationToken))
            .Select(row => row.ToProto())];

    public Task<DateTime?> RecordedAtAsync(long id, CancellationToken cancellationToken) => journal.RecordedAtAsync(id, cancellationToken);
}
