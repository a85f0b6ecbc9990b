using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.V1;

namespace Dmis.Replenishment.Server.Streaming;

/// <summary>Phase changes from event_phase_history (written by the trigger log_event_phase_change).</summary>
public sealed class PhaseChangeSource(PhaseHistoryJournal journal) : IStreamSource<PhaseChange>
{
    public long IdOf(PhaseChange message) => message.HistoryId;

    public Task<long> LatestIdAsync(CancellationToken cancellationToken) => journal.LatestIdAsync(cancellationToken);

    public async Task<IReadOnlyList<PhaseChange>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        [.. (await journal.ReadAfterAsync(afterId, limit, cancellationToken)).Select(row => row.ToProto())];

    public Task<DateTime?> RecordedAtAsync(long id, CancellationToken cancellationToken) => journal.RecordedAtAsync(id, cancellationToken);
}
