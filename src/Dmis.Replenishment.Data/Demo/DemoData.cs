using Dapper;
using Npgsql;

namespace Dmis.Replenishment.Data.Demo;

/// <summary>
/// A small demo data set for the README's run command: a hurricane in SURGE, a few warehouses
/// and items with stock, recent fulfilments and confirmed inbound, so previews show real gaps.
/// Timestamps are relative to now, so the data is always "current".
/// </summary>
public static class DemoData
{
    private const string Resource = "Dmis.Replenishment.Data.Demo.demo_data.sql";

    /// <summary>Loads the set into a database without events; returns whether it did.</summary>
    public static async Task<bool> LoadIfEmptyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "lock table event in exclusive mode", transaction: transaction, cancellationToken: cancellationToken));
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from event)", transaction: transaction, cancellationToken: cancellationToken)))
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            ReadScript(), transaction: transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string ReadScript()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"embedded resource {Resource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
