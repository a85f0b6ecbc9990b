using System.Diagnostics;
using Npgsql;

namespace Dmis.Replenishment.Bench.Generation;

/// <summary>
/// Bulk-load mode for a set of tables, the way pg_restore does it: their foreign keys and secondary
/// indexes (those backing no constraint) are dropped before the COPYs and recreated, under the same
/// names and definitions (<c>pg_get_constraintdef</c> / <c>pg_get_indexdef</c>), afterwards. A foreign
/// key added back is validated in one pass over the table instead of one lookup per row, and an index
/// is built once instead of maintained per row. Primary keys and CHECK constraints stay in place.
/// <see cref="RestoreAsync"/> verifies that the schema's constraints and indexes are exactly what they
/// were (a fingerprint over every definition in the schema).
/// </summary>
public sealed class DeferredSchema
{
    private readonly List<(string Table, string Name, string Definition)> foreignKeys;
    private readonly List<(string Name, string Definition)> indexes;
    private readonly string fingerprint;

    private DeferredSchema(
        List<(string Table, string Name, string Definition)> foreignKeys,
        List<(string Name, string Definition)> indexes,
        string fingerprint)
    {
        this.foreignKeys = foreignKeys;
        this.indexes = indexes;
        this.fingerprint = fingerprint;
    }

    public int ForeignKeyCount => foreignKeys.Count;

    public int IndexCount => indexes.Count;

    public static async Task<DeferredSchema> DropAsync(NpgsqlConnection connection, IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var names = tables.Select(table => "public." + table).ToArray();
        var foreignKeys = new List<(string, string, string)>();
        await using (var command = new NpgsqlCommand(
            """
            select c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
              from pg_constraint c
             where c.contype = 'f' and c.conrelid = any(@tables::regclass[])
             order by c.conrelid::regclass::text, c.conname
            """, connection))
        {
            command.Parameters.AddWithValue("tables", names);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                foreignKeys.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var indexes = new List<(string, string)>();
        await using (var command = new NpgsqlCommand(
            """
            select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
              from pg_index i
             where i.indrelid = any(@tables::regclass[])
               and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
             order by 1
            """, connection))
        {
            command.Parameters.AddWithValue("tables", names);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var fingerprint = await FingerprintAsync(connection, cancellationToken);
        foreach (var (table, name, _) in foreignKeys)
        {
            await ExecuteAsync(connection, $"alter table {table} drop constraint {Quote(name)}", cancellationToken);
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"drop index {name}", cancellationToken);
        }

        return new DeferredSchema(foreignKeys, indexes, fingerprint);
    }

    /// <summary>Rebuilds the indexes (on two connections: the machine has two cores), then adds the foreign keys back, validated.</summary>
    public async Task RestoreAsync(string connectionString, Action<string> log, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var queue = new Queue<(string Name, string Definition)>(indexes.OrderByDescending(index => IndexWeight(index.Definition)));
        async Task Worker()
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "set maintenance_work_mem = '256MB'", cancellationToken);
            while (true)
            {
                (string Name, string Definition) next;
                lock (queue)
                {
                    if (queue.Count == 0)
                    {
                        return;
                    }

                    next = queue.Dequeue();
                }

                await ExecuteAsync(connection, next.Definition, cancellationToken);
            }
        }

        await Task.WhenAll(Worker(), Worker());
        log($"  {indexes.Count} secondary indexes rebuilt in {stopwatch.Elapsed.TotalSeconds:0.0} s");

        stopwatch.Restart();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, "set work_mem = '128MB'", cancellationToken);
            foreach (var (table, name, definition) in foreignKeys)
            {
                await ExecuteAsync(connection, $"alter table {table} add constraint {Quote(name)} {definition}", cancellationToken);
            }

            log($"  {foreignKeys.Count} foreign keys added back and validated in {stopwatch.Elapsed.TotalSeconds:0.0} s");
            var after = await FingerprintAsync(connection, cancellationToken);
            if (after != fingerprint)
            {
                throw new InvalidOperationException("the schema's constraints and indexes differ from before the bulk load");
            }
        }
    }

    /// <summary>Every constraint and index definition of the public schema, hashed.</summary>
    private static async Task<string> FingerprintAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select md5(coalesce(string_agg(def, E'\n' order by def), ''))
              from (select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as def
                      from pg_constraint where connamespace = 'public'::regnamespace
                    union all
                    select pg_get_indexdef(indexrelid)
                      from pg_index i join pg_class c on c.oid = i.indexrelid
                     where c.relnamespace = 'public'::regnamespace) d
            """, connection);
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Build the indexes of the big tables first so the two workers finish together.</summary>
    private static int IndexWeight(string definition) =>
        definition.Contains("reliefpkg_item", StringComparison.Ordinal) ? 3
        : definition.Contains("inventory", StringComparison.Ordinal) || definition.Contains("itembatch", StringComparison.Ordinal) ? 2
        : 1;

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
