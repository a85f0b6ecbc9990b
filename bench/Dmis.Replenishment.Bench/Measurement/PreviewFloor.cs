using System.Diagnostics;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain.Planning;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.Server.Application.Planning;
using Npgsql;

namespace Dmis.Replenishment.Bench.Measurement;

/// <summary>
/// The SQL floor of a preview (or of a network plan): the exact statements the server runs for it, captured from the
/// server's own data path (<see cref="CalculationInputLoader"/>, or <see cref="EventPlanLoader"/>, -> <c>CalculationReader</c>, run
/// in this process against the same database with the same request), then replayed with plain
/// Npgsql: same command texts, same parameters (cloned), same connection pool settings, rows read
/// and discarded. No gRPC, no Dapper mapping, no calculation.
/// <para>Also measures the in-process path (loader + Domain calculator, no gRPC): the difference
/// between it and the floor is mapping and calculation, between the service and it gRPC and
/// protobuf.</para>
/// </summary>
public sealed class PreviewFloor : IAsyncDisposable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly IReadOnlyList<CapturedCommand> statements;
    private readonly Calculation calculate;

    /// <summary>The server's calculation without gRPC: load (Dapper mapping) + Domain; returns the lines it made.</summary>
    public delegate Task<int> Calculation(NpgsqlConnection connection, NpgsqlDataSource sideConnections, CancellationToken cancellationToken);

    private PreviewFloor(NpgsqlDataSource dataSource, IReadOnlyList<CapturedCommand> statements, Calculation calculate)
    {
        this.dataSource = dataSource;
        this.statements = statements;
        this.calculate = calculate;
    }

    /// <summary>Commands (round trips) of one preview.</summary>
    public int RoundTrips => statements.Count;

    /// <summary>Round trips one after another: those on the calculation's own connection.</summary>
    public int SequentialRoundTrips => statements.Count(statement => statement.BesideCommand is null);

    /// <summary>SQL statements of one preview (a round trip may carry several).</summary>
    public int Statements => statements.Sum(statement => statement.Sql.Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Count(part => part.Trim().Length > 0));

    /// <summary>A short name per round trip: the first line of its command text.</summary>
    public IReadOnlyList<string> RoundTripNames => statements
        .Select(statement => statement.Sql.TrimStart().Split('\n')[0].Trim())
        .Select(line => line.Length > 60 ? line[..60] : line)
        .ToList();

    /// <summary>A preview's floor.</summary>
    public static Task<PreviewFloor> CaptureAsync(string connectionString, CalculationRequest request, CancellationToken cancellationToken) =>
        CaptureAsync(
            connectionString,
            async (connection, side, token) =>
                // As the server does: the loader's evaluation of every item is reused, not repeated.
                (await CalculationInputLoader.LoadAsync(connection, null, side, request, token)).Calculate().Lines.Count,
            cancellationToken);

    /// <summary>A network plan's floor.</summary>
    public static Task<PreviewFloor> CaptureAsync(string connectionString, PlanRequest request, CancellationToken cancellationToken) =>
        CaptureAsync(
            connectionString,
            async (connection, side, token) =>
                NetworkPlanner.Plan((await EventPlanLoader.LoadAsync(connection, null, side, request, token)).Targets).Totals.Lines,
            cancellationToken);

    private static async Task<PreviewFloor> CaptureAsync(string connectionString, Calculation calculate, CancellationToken cancellationToken)
    {
        var captured = new List<(Activity Activity, int Backend, string Sql, NpgsqlParameter[] Parameters)>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);

        await using (var capturing = DmisDataSource.Create(connectionString, builder => builder.ConfigureTracing(tracing =>
            tracing.ConfigureCommandEnrichmentCallback((activity, command) =>
            {
                lock (captured)
                {
                    captured.Add((activity, command.Connection!.ProcessID, command.CommandText,
                        command.Parameters.Select(parameter => parameter.Clone()).ToArray()));
                }
            }))))
        {
            await using var connection = await capturing.OpenConnectionAsync(cancellationToken);
            await calculate(connection, capturing, cancellationToken);
        }

        if (captured.Count == 0)
        {
            throw new InvalidOperationException("no statement was captured from the loader (Npgsql tracing hook)");
        }

        // The calculation's own connection runs the first command; a command on another one ran beside the
        // own connection's command that had started last when it started.
        var ordered = captured.OrderBy(command => command.Activity.StartTimeUtc).ToList();
        var ownBackend = ordered[0].Backend;
        var statements = new List<CapturedCommand>();
        var lastOwn = 0;
        foreach (var command in ordered)
        {
            var beside = command.Backend == ownBackend ? (int?)null : lastOwn;
            if (beside is null)
            {
                lastOwn = statements.Count;
            }

            statements.Add(new CapturedCommand(command.Sql, command.Parameters, beside));
        }

        return new PreviewFloor(DmisDataSource.Create(connectionString), statements, calculate);
    }

    /// <summary>
    /// One replay of every captured command as the server ran them: the calculation's own commands one
    /// after another on one pooled connection, each other command on a connection of its own, started
    /// with the own command it ran beside. Elapsed ms, in total and per command.
    /// </summary>
    public async Task<(double Total, double[] PerRoundTrip)> ReplayAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var perRoundTrip = new double[statements.Count];
        var besides = new List<Task>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var i = 0; i < statements.Count; i++)
        {
            if (statements[i].BesideCommand is not null)
            {
                continue;
            }

            for (var j = i + 1; j < statements.Count; j++)
            {
                if (statements[j].BesideCommand == i)
                {
                    besides.Add(ReplayOnOwnConnectionAsync(j, perRoundTrip, cancellationToken));
                }
            }

            await ReplayAsync(connection, i, perRoundTrip, cancellationToken);
        }

        await Task.WhenAll(besides);
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, perRoundTrip);
    }

    /// <summary>The server's calculation without gRPC: load (Dapper mapping) + Domain; elapsed ms and lines.</summary>
    public async Task<(double Milliseconds, int Lines)> InProcessAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var lines = await calculate(connection, dataSource, cancellationToken);
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, lines);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    private async Task ReplayOnOwnConnectionAsync(int index, double[] perRoundTrip, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ReplayAsync(connection, index, perRoundTrip, cancellationToken);
    }

    private async Task ReplayAsync(NpgsqlConnection connection, int index, double[] perRoundTrip, CancellationToken cancellationToken)
    {
        var (sql, parameters, _) = statements[index];
        var roundTripStart = Stopwatch.GetTimestamp();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter.Clone());
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
            }
        }
        while (await reader.NextResultAsync(cancellationToken));
        perRoundTrip[index] = Stopwatch.GetElapsedTime(roundTripStart).TotalMilliseconds;
    }

    /// <summary>One command of the captured preview; BesideCommand: the index of the own command it ran beside (null: an own command).</summary>
    private sealed record CapturedCommand(string Sql, NpgsqlParameter[] Parameters, int? BesideCommand);
}
