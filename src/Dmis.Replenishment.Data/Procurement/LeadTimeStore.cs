using Dapper;
using Dmis.Replenishment.Data.Infrastructure;
using Npgsql;

namespace Dmis.Replenishment.Data.Procurement;

/// <summary>A <c>lead_time_config</c> row.</summary>
public sealed class LeadTimeRow
{
    public int ConfigId { get; init; }
    public string Horizon { get; init; } = "";
    public int? FromWarehouseId { get; init; }
    public int? ToWarehouseId { get; init; }
    public int? SupplierId { get; init; }
    public int LeadTimeHours { get; init; }
    public bool IsDefault { get; init; }
    public DateOnly EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }
    public int VersionNbr { get; init; }
}

/// <summary>The columns an upsert writes (validated); a null effective_from means today.</summary>
public sealed record LeadTimeValues(
    string Horizon,
    int? FromWarehouseId,
    int? ToWarehouseId,
    int? SupplierId,
    int LeadTimeHours,
    bool IsDefault,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo);

/// <summary>Lead times: reads on their own connection, writes inside the caller's transaction.</summary>
public sealed class LeadTimeStore(ReadConnections reads)
{
    private const string Select =
        """
        select config_id, horizon, from_warehouse_id, to_warehouse_id, supplier_id, lead_time_hours, is_default,
               effective_from, effective_to, version_nbr
          from lead_time_config
        """;

    /// <summary>By id after <paramref name="afterId"/>; <paramref name="horizon"/> null for every horizon.</summary>
    public async Task<IReadOnlyList<LeadTimeRow>> ListAsync(string? horizon, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LeadTimeRow>(new CommandDefinition(
            $"""
            {Select}
             where config_id > @afterId and (@horizon::text is null or horizon = @horizon)
             order by config_id
             limit @limit
            """,
            new { horizon, afterId, limit },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public static Task<LeadTimeRow?> FindAsync(DbScope scope, int configId, CancellationToken cancellationToken) =>
        scope.Connection.QuerySingleOrDefaultAsync<LeadTimeRow>(new CommandDefinition(
            $"{Select} where config_id = @configId for update",
            new { configId },
            scope.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>The default row of a horizon other than <paramref name="exceptId"/>, if any.</summary>
    public static Task<int?> OtherDefaultAsync(DbScope scope, string horizon, int exceptId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "select config_id from lead_time_config where horizon = @horizon and is_default and config_id <> @exceptId",
            new { horizon, exceptId },
            scope.Transaction,
            cancellationToken: cancellationToken));

    public static async Task<LeadTimeRow> InsertAsync(
        DbScope scope, LeadTimeValues values, string actor, DateTime now, CancellationToken cancellationToken)
    {
        var id = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into lead_time_config (horizon, from_warehouse_id, to_warehouse_id, supplier_id, lead_time_hours, is_default,
                                          effective_from, effective_to, create_by_id, create_dtime, update_by_id, update_dtime)
            values (@Horizon, @FromWarehouseId, @ToWarehouseId, @SupplierId, @LeadTimeHours, @IsDefault,
                    coalesce(@EffectiveFrom, @now::date), @EffectiveTo, @actor, @now, @actor, @now)
            returning config_id
            """,
            new
            {
                values.Horizon, values.FromWarehouseId, values.ToWarehouseId, values.SupplierId, values.LeadTimeHours,
                values.IsDefault, values.EffectiveFrom, values.EffectiveTo, actor, now,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return (await FindAsync(scope, id, cancellationToken))!;
    }

    /// <summary>Null when the version moved on meanwhile.</summary>
    public static async Task<LeadTimeRow?> UpdateAsync(
        DbScope scope, int configId, LeadTimeValues values, int expectedVersion, string actor, DateTime now,
        CancellationToken cancellationToken)
    {
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            update lead_time_config
               set horizon = @Horizon, from_warehouse_id = @FromWarehouseId, to_warehouse_id = @ToWarehouseId,
                   supplier_id = @SupplierId, lead_time_hours = @LeadTimeHours, is_default = @IsDefault,
                   effective_from = coalesce(@EffectiveFrom, effective_from), effective_to = @EffectiveTo,
                   update_by_id = @actor, update_dtime = @now, version_nbr = version_nbr + 1
             where config_id = @configId and version_nbr = @expectedVersion
            """,
            new
            {
                values.Horizon, values.FromWarehouseId, values.ToWarehouseId, values.SupplierId, values.LeadTimeHours,
                values.IsDefault, values.EffectiveFrom, values.EffectiveTo, actor, now, configId, expectedVersion,
            },
            scope.Transaction,
            cancellationToken: cancellationToken));
        return updated == 0 ? null : await FindAsync(scope, configId, cancellationToken);
    }
}
