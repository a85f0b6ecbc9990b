using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.Workflow;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.V1;

namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// Needs-list events (status changes, reminders, escalations), raised with pg_notify in the
/// transaction of the change and published to this instance's WatchNeedsListEvents subscribers. The
/// list counts as just written here too, whichever instance changed it: its reads go to the primary
/// until the standby has the change.
/// </summary>
public sealed class NeedsListEventChannel(NotificationHub<NeedsListEvent> hub, RecentNeedsListWrites recentWrites) : INotificationChannel
{
    public string Name => NeedsListEventNotice.ChannelName;

    public void Dispatch(string payload)
    {
        var notice = NeedsListEventNotice.Parse(payload);
        recentWrites.Record(notice.NeedsListId);
        hub.Publish(notice.ToProto());
    }
}
