using System.Diagnostics;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Npgsql;

namespace Dmis.Replenishment.Bench.Measurement;

/// <summary>
/// The SQL floor of a preview: the exact statements the server runs for it, captured from the
/// server's own data path (<see cref="CalculationInputLoader"/> -> <c>CalculationReader</c>, run
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
    private readonly IReadOnlyList<(string Sql, NpgsqlParameter[] Parameters)> statements;
    private readonly CalculationRequest request;

    private PreviewFloor(NpgsqlDataSource dataSource, IReadOnlyList<(string, NpgsqlParameter[])> statements, CalculationRequest request)
    {
        this.dataSource = dataSource;
        this.statements = statements;
        this.request = request;
    }

    /// <summary>Commands (round trips) of one preview.</summary>
    public int RoundTrips => statements.Count;

    /// <summary>SQL statements of one preview (a round trip may carry several).</summary>
    public int Statements => statements.Sum(statement => statement.Sql.Split(';', StringSplitOptions.RemoveEmptyEntries)
        .Count(part => part.Trim().Length > 0));

    /// <summary>A short name per round trip: the first line of its command text.</summary>
    public IReadOnlyList<string> RoundTripNames => statements
        .Select(statement => statement.Sql.TrimStart().Split('\n')[0].Trim())
        .Select(line => line.Length > 60 ? line[..60] : line)
        .ToList();

    public static async Task<PreviewFloor> CaptureAsync(string connectionString, CalculationRequest request, CancellationToken cancellationToken)
    {
        var captured = new List<(string, NpgsqlParameter[])>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
        };
        ActivitySource.AddActivityListener(listener);

        await using (var capturing = DmisDataSource.Create(connectionString, builder => builder.ConfigureTracing(tracing =>
            tracing.ConfigureCommandFilter(command =>
            {
                lock (captured)
                {
                    captured.Add((command.CommandText, command.Parameters.Select(parameter => parameter.Clone()).ToArray()));
                }

                return true;
            }))))
        {
            await using var connection = await capturing.OpenConnectionAsync(cancellationToken);
            await CalculationInputLoader.LoadAsync(connection, null, request, cancellationToken);
        }

        if (captured.Count == 0)
        {
            throw new InvalidOperationException("no statement was captured from CalculationInputLoader (Npgsql tracing hook)");
        }

        return new PreviewFloor(DmisDataSource.Create(connectionString), captured, request);
    }

    /// <summary>One replay of every captured statement on one pooled connection; elapsed ms, in total and per round trip.</summary>
    public async Task<(double Total, double[] PerRoundTrip)> ReplayAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var perRoundTrip = new double[statements.Count];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        for (var i = 0; i < statements.Count; i++)
        {
            var (sql, parameters) = statements[i];
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
            perRoundTrip[i] = Stopwatch.GetElapsedTime(roundTripStart).TotalMilliseconds;
        }

        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, perRoundTrip);
    }

    /// <summary>The server's preview without gRPC: load (3 round trips, Dapper mapping) + Domain calculation; elapsed ms and lines.</summary>
    public async Task<(double Milliseconds, int Lines)> InProcessAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var loaded = await CalculationInputLoader.LoadAsync(connection, null, request, cancellationToken);
        var result = NeedsListCalculator.Calculate(loaded.Input);
        return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, result.Lines.Count);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
