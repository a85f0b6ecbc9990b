using Dmis.Replenishment.Data.Workflow;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.V1;

namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// Needs-list events (status changes, reminders, escalations), raised with pg_notify in the
/// transaction of the change and published to this instance's WatchNeedsListEvents subscribers.
/// </summary>
public sealed class NeedsListEventChannel(NotificationHub<NeedsListEvent> hub) : INotificationChannel
{
    public string Name => NeedsListEventNotice.ChannelName;

    public void Dispatch(string payload) => hub.Publish(NeedsListEventNotice.Parse(payload).ToProto());
}
