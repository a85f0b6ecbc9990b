namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// The table a stream is read from, as stream messages. Ids follow commit order (migration V12), so
/// reading "after id N" never skips a row that commits later.
/// </summary>
public interface IStreamSource<T>
{
    /// <summary>history_id, audit_id: what a client passes back to resume.</summary>
    long IdOf(T message);

    /// <summary>The largest id (0 when there is none).</summary>
    Task<long> LatestIdAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> messages after <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<T>> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>When the row with that id was recorded (UTC); null when there is none.</summary>
    Task<DateTime?> RecordedAtAsync(long id, CancellationToken cancellationToken);
}
