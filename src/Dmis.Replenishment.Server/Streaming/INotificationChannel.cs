namespace Dmis.Replenishment.Server.Streaming;

/// <summary>A PostgreSQL NOTIFY channel this instance listens to, and what to do with its payloads.</summary>
public interface INotificationChannel
{
    string Name { get; }

    void Dispatch(string payload);
}
