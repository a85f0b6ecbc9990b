using Dapper;
using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.NeedsLists;
using Npgsql;

namespace Dmis.Replenishment.Data.Calculation;

/// <summary>A configured horizon-A route lead time, effective at the calculation moment.</summary>
public sealed record RouteLeadTimeRow(int FromWarehouseId, int ToWarehouseId, int LeadTimeHours);

/// <summary>
/// What a network plan needs before it reads stock: the event, every warehouse (status included, so an
/// asked inactive one is named), the routes' lead times, the active phase configurations and the
/// default lead times. Event null: not found.
/// </summary>
public sealed record NetworkContext(
    CalculationEvent? Event,
    IReadOnlyList<SourceWarehouse> Warehouses,
    IReadOnlyList<RouteLeadTimeRow> Routes,
    IReadOnlyList<PhaseConfigRow> PhaseConfigs,
    IReadOnlyList<DefaultLeadTime> DefaultLeadTimes);

/// <summary>An item's labels at one warehouse.</summary>
public sealed record PositionLabel(int WarehouseId, int ItemId, string ItemCode, string ItemName, string UomCode, string Criticality);

/// <summary>The network plan's reads: every target warehouse at once, never a query per warehouse.</summary>
public static partial class CalculationReader
{
    /// <summary>The network's context (see <see cref="NetworkContext"/>). One round trip.</summary>
    public static async Task<NetworkContext> LoadNetworkContextAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int eventId, DateTime asOf, CancellationToken cancellationToken)
    {
        const string sql =
            $"""
            {EventSql};

            select warehouse_id, warehouse_name, last_sync_dtime, status_code = 'A' as is_active, min_stock_threshold
              from warehouse
             order by warehouse_id;

            select distinct on (from_warehouse_id, to_warehouse_id) from_warehouse_id, to_warehouse_id, lead_time_hours
              from lead_time_config
             where horizon = 'A' and not is_default
               and from_warehouse_id is not null and to_warehouse_id is not null
               and effective_from <= @asOf::date
               and (effective_to is null or effective_to >= @asOf::date)
             order by from_warehouse_id, to_warehouse_id, effective_from desc, config_id desc;

            {PhaseConfigsSql};

            {DefaultLeadTimesSql};
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql, new { eventId, asOf = Unspecified(asOf) }, transaction, cancellationToken: cancellationToken));
        var calculationEvent = await grid.ReadSingleOrDefaultAsync<CalculationEvent>();
        var warehouses = (await grid.ReadAsync<SourceWarehouse>()).AsList();
        var routes = (await grid.ReadAsync<RouteLeadTimeRow>()).AsList();
        var configs = (await grid.ReadAsync<PhaseConfigRow>()).AsList();
        var leadTimes = (await grid.ReadAsync<DefaultLeadTime>()).AsList();
        return new NetworkContext(calculationEvent, warehouses, routes, configs, leadTimes);
    }

    /// <summary>
    /// As <see cref="LoadTargetItemsAsync"/> for several warehouses at once (no labels, no inbound), ordered
    /// by warehouse, then item. One round trip.
    /// </summary>
    public static Task<IReadOnlyList<WarehouseItem>> LoadTargetsItemsAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int eventId,
        IReadOnlyCollection<int> warehouseIds,
        DemandWindow window,
        CancellationToken cancellationToken) =>
        WarehouseItemsAsync(connection, transaction, eventId, warehouseIds, ItemSelection.All, window, withLabels: false, cancellationToken);

    /// <summary>
    /// As <see cref="LoadItemDetailsAsync"/> for the gap positions of several warehouses: the items' unit
    /// values, and each position's labels (the unit is the warehouse's). One round trip.
    /// </summary>
    public static async Task<IReadOnlyDictionary<int, ItemDetails>> LoadPositionDetailsAsync(
        NpgsqlConnection connection,
        IReadOnlyList<(int WarehouseId, int ItemId)> positions,
        CancellationToken cancellationToken)
    {
        const string sql =
            $"""
            {UnitValuesSql};

            select p.warehouse_id, i.item_id, i.item_code, i.item_name,
                   coalesce(inv.uom_code, i.default_uom_code) as uom_code,
                   coalesce(i.criticality_level, 'NORMAL') as criticality
              from unnest(@warehouseIds, @itemIds) as p(warehouse_id, item_id)
              join item i on i.item_id = p.item_id
              left join inventory inv on inv.inventory_id = p.warehouse_id and inv.item_id = p.item_id;
            """;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            sql,
            new
            {
                fulfilmentItemIds = positions.Select(p => p.ItemId).Distinct().ToArray(),
                warehouseIds = positions.Select(p => p.WarehouseId).ToArray(),
                itemIds = positions.Select(p => p.ItemId).ToArray(),
            },
            cancellationToken: cancellationToken));
        var unitValues = (await grid.ReadAsync<(int ItemId, decimal UnitValue)>())
            .ToDictionary(row => row.ItemId, row => row.UnitValue);
        var labels = await grid.ReadAsync<PositionLabel>();
        return labels
            .GroupBy(row => row.WarehouseId)
            .ToDictionary(
                group => group.Key,
                group => new ItemDetails(
                    unitValues,
                    group.ToDictionary(row => row.ItemId, row => new ItemLabel(row.ItemId, row.ItemCode, row.ItemName, row.UomCode, row.Criticality))));
    }
}
