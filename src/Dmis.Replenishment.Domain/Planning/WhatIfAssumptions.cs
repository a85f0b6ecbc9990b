using Dmis.Replenishment.Domain.NeedsLists;

namespace Dmis.Replenishment.Domain.Planning;

/// <summary>An item's own demand multiplier: replaces the overall one for that item.</summary>
public sealed record ItemDemandMultiplier(int ItemId, decimal Multiplier);

/// <summary>A route's horizon-A lead time as if it were <see cref="LeadTimeHours"/>.</summary>
public sealed record RouteLeadTime(int FromWarehouseId, int ToWarehouseId, int LeadTimeHours);

/// <summary>
/// SPEC 9, what-if: a calculation under changed assumptions, applied to its input before any rule runs.
/// <list type="bullet">
/// <item>Demand x factor: every demand figure of the item (fulfilled in the window, before the last
/// dispatch, the baseline burn rate), at the target and at the sources (so their own need, and with it
/// their floor, grows too). An item's own multiplier replaces the overall one.</item>
/// <item>Offline warehouses are cut off: they give nothing and receive no transfer. Their own lines
/// still count (their people still need the goods), covered by pledges and procurement only.</item>
/// <item>A route's lead time replaces the configured one (or the horizon-A default) for that route.</item>
/// </list>
/// </summary>
public sealed record WhatIfAssumptions
{
    public const decimal MaxMultiplier = 10m;

    /// <summary>A year: longer is no transfer worth planning.</summary>
    public const int MaxLeadTimeHours = 8760;

    public static readonly WhatIfAssumptions None = new();

    public decimal DemandMultiplier { get; init; } = 1m;

    public IReadOnlyList<ItemDemandMultiplier> ItemMultipliers { get; init; } = [];

    public IReadOnlyList<int> OfflineWarehouseIds { get; init; } = [];

    public IReadOnlyList<RouteLeadTime> RouteLeadTimes { get; init; } = [];

    /// <summary>True when any assumption changes the calculation.</summary>
    public bool IsWhatIf =>
        DemandMultiplier != 1m || ItemMultipliers.Count > 0 || OfflineWarehouseIds.Count > 0 || RouteLeadTimes.Count > 0;

    /// <summary>Ranges and duplicates, each violation named as the request field (under <paramref name="prefix"/>); empty when valid.</summary>
    public IReadOnlyList<FieldViolation> Validate(string prefix)
    {
        var violations = new List<FieldViolation>();
        CheckMultiplier(violations, $"{prefix}.demand_multiplier", DemandMultiplier);

        var items = new HashSet<int>();
        for (var i = 0; i < ItemMultipliers.Count; i++)
        {
            var (itemId, multiplier) = ItemMultipliers[i];
            var path = $"{prefix}.item_demand_multipliers[{i}]";
            if (itemId <= 0)
            {
                violations.Add(new($"{path}.item_id", "must be a positive id"));
            }
            else if (!items.Add(itemId))
            {
                violations.Add(new($"{path}.item_id", $"item {itemId} is listed more than once"));
            }

            CheckMultiplier(violations, $"{path}.multiplier", multiplier);
        }

        var offline = new HashSet<int>();
        for (var i = 0; i < OfflineWarehouseIds.Count; i++)
        {
            var id = OfflineWarehouseIds[i];
            if (id <= 0)
            {
                violations.Add(new($"{prefix}.offline_warehouse_ids[{i}]", "must be a positive id"));
            }
            else if (!offline.Add(id))
            {
                violations.Add(new($"{prefix}.offline_warehouse_ids[{i}]", $"warehouse {id} is listed more than once"));
            }
        }

        var routes = new HashSet<(int, int)>();
        for (var i = 0; i < RouteLeadTimes.Count; i++)
        {
            var (from, to, hours) = RouteLeadTimes[i];
            var path = $"{prefix}.route_lead_times[{i}]";
            if (from <= 0)
            {
                violations.Add(new($"{path}.from_warehouse_id", "must be a positive id"));
            }

            if (to <= 0)
            {
                violations.Add(new($"{path}.to_warehouse_id", "must be a positive id"));
            }
            else if (to == from)
            {
                violations.Add(new($"{path}.to_warehouse_id", "must differ from from_warehouse_id: a warehouse is never its own source"));
            }
            else if (from > 0 && !routes.Add((from, to)))
            {
                violations.Add(new(path, $"the route {from} -> {to} is listed more than once"));
            }

            if (hours is <= 0 or > MaxLeadTimeHours)
            {
                violations.Add(new($"{path}.lead_time_hours", $"must be from 1 to {MaxLeadTimeHours}"));
            }
        }

        return violations;
    }

    /// <summary>The demand multiplier of <paramref name="itemId"/>: its own, else the overall one.</summary>
    public decimal MultiplierFor(int itemId)
    {
        foreach (var item in ItemMultipliers)
        {
            if (item.ItemId == itemId)
            {
                return item.Multiplier;
            }
        }

        return DemandMultiplier;
    }

    public bool IsOffline(int warehouseId) => OfflineWarehouseIds.Contains(warehouseId);

    /// <summary>
    /// The target's side of <paramref name="input"/> under these assumptions: its items' demand scaled, its
    /// sources without the offline ones (none at all when the target is offline), route lead times replaced.
    /// </summary>
    public CalculationInput ForTarget(CalculationInput input)
    {
        if (!IsWhatIf)
        {
            return input;
        }

        var targetId = input.Warehouse.WarehouseId;
        var sources = IsOffline(targetId)
            ? []
            : input.Sources
                .Where(source => !IsOffline(source.WarehouseId))
                .Select(source => RouteOverride(source.WarehouseId, targetId) is { } hours ? source with { RouteLeadTimeHours = hours } : source)
                .ToList();
        return input with { Items = input.Items.Select(Scaled).ToList(), Sources = sources };
    }

    /// <summary>The sources' stock with their own demand scaled like the target's.</summary>
    public IReadOnlyList<SourceItemStock> ForSupply(IReadOnlyList<SourceItemStock> stock) =>
        !IsWhatIf ? stock : stock.Select(row => row with { FulfilledQtyInWindow = row.FulfilledQtyInWindow * MultiplierFor(row.ItemId) }).ToList();

    private ItemInput Scaled(ItemInput item)
    {
        var factor = MultiplierFor(item.ItemId);
        return factor == 1m
            ? item
            : item with
            {
                FulfilledQtyInWindow = item.FulfilledQtyInWindow * factor,
                FulfilledQtyBeforeLastDispatch = item.FulfilledQtyBeforeLastDispatch * factor,
                BaselineBurnRate = item.BaselineBurnRate * factor,
            };
    }

    private int? RouteOverride(int fromWarehouseId, int toWarehouseId)
    {
        foreach (var route in RouteLeadTimes)
        {
            if (route.FromWarehouseId == fromWarehouseId && route.ToWarehouseId == toWarehouseId)
            {
                return route.LeadTimeHours;
            }
        }

        return null;
    }

    private static void CheckMultiplier(List<FieldViolation> violations, string field, decimal multiplier)
    {
        if (multiplier is <= 0m or > MaxMultiplier)
        {
            violations.Add(new(field, $"must be greater than 0 and at most {MaxMultiplier}"));
        }
        else if (multiplier.Scale > 4 && multiplier != Math.Round(multiplier, 4))
        {
            violations.Add(new(field, "must have at most 4 decimal places"));
        }
    }
}
