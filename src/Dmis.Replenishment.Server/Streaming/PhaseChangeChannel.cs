using System.Globalization;
using System.Text.Json;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.V1;

namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// Phase changes, raised by the trigger function log_event_phase_change with pg_notify
/// and published to this instance's WatchPhaseChanges subscribers.
/// </summary>
public sealed class PhaseChangeChannel(NotificationHub<PhaseChange> hub) : INotificationChannel
{
    public const string ChannelName = "dmis_phase_changes";

    public string Name => ChannelName;

    public void Dispatch(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        hub.Publish(new PhaseChange
        {
            HistoryId = root.GetProperty("history_id").GetInt64(),
            EventId = root.GetProperty("event_id").GetInt32(),
            FromPhase = PhaseMapping.PhaseWordToProto(TextOf(root, "from_phase")),
            ToPhase = PhaseMapping.PhaseWordToProto(TextOf(root, "to_phase")),
            ChangedAt = DateTime.Parse(
                TextOf(root, "changed_at") ?? throw new FormatException("changed_at is missing"),
                CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).ToTimestamp(),
            ChangedBy = TextOf(root, "changed_by") ?? "",
            Reason = TextOf(root, "reason_text") ?? "",
        });
    }

    private static string? TextOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
