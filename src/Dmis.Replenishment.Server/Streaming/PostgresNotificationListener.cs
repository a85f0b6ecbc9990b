using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Server.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// Holds one LISTEN connection per instance; a notification makes its channel read and publish what is
/// new, so a change committed through any instance reaches the subscribers of every instance. After a
/// reconnect every channel catches up from the last id it published: nothing committed while the
/// connection was down is lost.
/// </summary>
public sealed partial class PostgresNotificationListener(
    IOptions<DatabaseOptions> options,
    IEnumerable<INotificationChannel> channels,
    ILogger<PostgresNotificationListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, INotificationChannel> channelsByName = channels.ToDictionary(c => c.Name);
    private readonly HashSet<string> woken = [];
    private NpgsqlConnection? connection;
    private volatile bool listening;

    /// <summary>Connected, listening and caught up: live changes reach this instance's subscribers.</summary>
    public bool IsListening => listening;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Listen before the server accepts calls, so that no subscriber misses a change made right after it subscribed.
        try
        {
            await ConnectAndCatchUpAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            LogConnectFailed(exception);
            await DropConnectionAsync();
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (connection is null)
                {
                    await ConnectAndCatchUpAsync(stoppingToken);
                }

                await connection!.WaitAsync(stoppingToken);
                await CatchUpAsync(TakeWoken(), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or IOException)
            {
                LogConnectFailed(exception);
                await DropConnectionAsync();
                await Task.Delay(ReconnectDelay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await DropConnectionAsync();
    }

    /// <summary>LISTEN first, then read: a change committed in between is both notified and read, and published once.</summary>
    private async Task ConnectAndCatchUpAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(DmisDataSource.WithUtc(options.Value.DirectOrMain))
        {
            KeepAlive = 15,
            Pooling = false,
        };
        connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        connection.Notification += (_, notification) => Wake(notification.Channel);
        foreach (var name in channelsByName.Keys)
        {
            await using var listen = new NpgsqlCommand($"LISTEN {name}", connection);
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        TakeWoken();
        await CatchUpAsync(channelsByName.Keys, cancellationToken);
        listening = true;
        LogListening(string.Join(", ", channelsByName.Keys));
    }

    private async Task CatchUpAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            await channelsByName[name].CatchUpAsync(cancellationToken);
        }
    }

    private void Wake(string channel)
    {
        lock (woken)
        {
            if (channelsByName.ContainsKey(channel))
            {
                woken.Add(channel);
            }
        }
    }

    private List<string> TakeWoken()
    {
        lock (woken)
        {
            var names = woken.ToList();
            woken.Clear();
            return names;
        }
    }

    private async Task DropConnectionAsync()
    {
        listening = false;
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for database notifications on {Channels}")]
    private partial void LogListening(string channels);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification listener lost the database; reconnecting")]
    private partial void LogConnectFailed(Exception exception);
}
