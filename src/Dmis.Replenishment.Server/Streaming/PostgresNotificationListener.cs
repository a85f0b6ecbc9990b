using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Server.Options;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dmis.Replenishment.Server.Streaming;

/// <summary>
/// Holds one LISTEN connection per instance and hands every notification to its channel, so
/// a change committed through any instance reaches the subscribers of every instance.
/// Reconnects when the database goes away.
/// </summary>
public sealed partial class PostgresNotificationListener(
    IOptions<DatabaseOptions> options,
    IEnumerable<INotificationChannel> channels,
    ILogger<PostgresNotificationListener> logger) : BackgroundService
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, INotificationChannel> channelsByName = channels.ToDictionary(c => c.Name);
    private NpgsqlConnection? connection;

    public bool IsListening => connection?.State == System.Data.ConnectionState.Open;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Listen before the server accepts calls, so that no subscriber misses a change made right after it subscribed.
        try
        {
            connection = await ConnectAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            LogConnectFailed(exception);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                connection ??= await ConnectAsync(stoppingToken);
                await connection.WaitAsync(stoppingToken);
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

    private async Task<NpgsqlConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(DmisDataSource.WithUtc(options.Value.DirectOrMain))
        {
            KeepAlive = 15,
            Pooling = false,
        };
        var opened = new NpgsqlConnection(builder.ConnectionString);
        await opened.OpenAsync(cancellationToken);
        opened.Notification += (_, notification) => Dispatch(notification.Channel, notification.Payload);
        foreach (var name in channelsByName.Keys)
        {
            await using var listen = new NpgsqlCommand($"LISTEN {name}", opened);
            await listen.ExecuteNonQueryAsync(cancellationToken);
        }

        LogListening(string.Join(", ", channelsByName.Keys));
        return opened;
    }

    private void Dispatch(string channel, string payload)
    {
        try
        {
            channelsByName[channel].Dispatch(payload);
        }
        catch (Exception exception) when (exception is FormatException or System.Text.Json.JsonException or KeyNotFoundException)
        {
            LogBadPayload(exception, channel, payload);
        }
    }

    private async Task DropConnectionAsync()
    {
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable notification on {Channel}: {Payload}")]
    private partial void LogBadPayload(Exception exception, string channel, string payload);
}
