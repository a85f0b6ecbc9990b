namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// A PostgreSQL NOTIFY channel this instance listens to. A notification only says "there is more":
/// the channel reads what is new from its table, so whatever was committed while the listener was
/// away is read too.
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    /// <summary>Publishes what was committed since the last call (the first call only takes the current position).</summary>
    Task CatchUpAsync(CancellationToken cancellationToken);
}
