namespace Dmis.Replenishment.Domain.NeedsLists;

/// <summary>
/// Checks a <see cref="CalculationInput"/> before it is calculated: phase parameters, lead
/// times, unique item ids, and no negative quantities. Empty when valid.
/// </summary>
public static class CalculationInputValidator
{
    /// <summary>Everything: <see cref="ValidateTarget"/> and <see cref="ValidateSupply"/>.</summary>
    public static IReadOnlyList<FieldViolation> Validate(CalculationInput input) =>
        [.. ValidateTarget(input), .. ValidateSupply(input)];

    /// <summary>What the target's statuses are computed from: parameters, lead times, items.</summary>
    public static IReadOnlyList<FieldViolation> ValidateTarget(CalculationInput input)
    {
        var violations = new List<FieldViolation>();
        AddPrefixed(violations, "parameters", input.Parameters.Validate());
        AddPrefixed(violations, "lead_times", input.LeadTimes.Validate());

        var seen = new HashSet<int>();
        for (var i = 0; i < input.Items.Count; i++)
        {
            var item = input.Items[i];
            if (!seen.Add(item.ItemId))
            {
                violations.Add(new($"items[{i}].item_id", $"item {item.ItemId} is listed more than once"));
            }

            NotNegative(violations, "items", i, "available_qty", item.AvailableQty);
            NotNegative(violations, "items", i, "reserved_qty", item.ReservedQty);
            NotNegative(violations, "items", i, "inbound_transfer_qty", item.InboundTransferQty);
            NotNegative(violations, "items", i, "inbound_donation_qty", item.InboundDonationQty);
            NotNegative(violations, "items", i, "inbound_procurement_qty", item.InboundProcurementQty);
            NotNegative(violations, "items", i, "fulfilled_qty_in_window", item.FulfilledQtyInWindow);
            NotNegative(violations, "items", i, "fulfilled_qty_before_last_dispatch", item.FulfilledQtyBeforeLastDispatch);
            NotNegative(violations, "items", i, "baseline_burn_rate", item.BaselineBurnRate);
            NotNegative(violations, "items", i, "min_stock_threshold", item.MinStockThreshold);
            if (item.UnitValue is { } unitValue)
            {
                NotNegative(violations, "items", i, "unit_value", unitValue);
            }
        }

        return violations;
    }

    /// <summary>What the waterfall draws on: <see cref="ValidateSources"/> and <see cref="ValidateStockAndPledges"/>.</summary>
    public static IReadOnlyList<FieldViolation> ValidateSupply(CalculationInput input) =>
        [.. ValidateSources(input), .. ValidateStockAndPledges(input)];

    /// <summary>The target's candidate source warehouses.</summary>
    public static IReadOnlyList<FieldViolation> ValidateSources(CalculationInput input)
    {
        var violations = new List<FieldViolation>();

        var seenSources = new HashSet<int>();
        for (var i = 0; i < input.Sources.Count; i++)
        {
            var source = input.Sources[i];
            if (!seenSources.Add(source.WarehouseId))
            {
                violations.Add(new($"sources[{i}].warehouse_id", $"warehouse {source.WarehouseId} is listed more than once"));
            }

            NotNegative(violations, "sources", i, "min_stock_threshold", source.MinStockThreshold);
            if (source.RouteLeadTimeHours is <= 0)
            {
                violations.Add(new($"sources[{i}].route_lead_time_hours", "must be greater than 0"));
            }
        }

        return violations;
    }

    /// <summary>The sources' stock and the pledges: in a network plan, one set shared by every target.</summary>
    public static IReadOnlyList<FieldViolation> ValidateStockAndPledges(CalculationInput input)
    {
        var violations = new List<FieldViolation>();

        for (var i = 0; i < input.SourceStock.Count; i++)
        {
            var stock = input.SourceStock[i];
            NotNegative(violations, "source_stock", i, "available_qty", stock.AvailableQty);
            NotNegative(violations, "source_stock", i, "reserved_qty", stock.ReservedQty);
            NotNegative(violations, "source_stock", i, "fulfilled_qty_in_window", stock.FulfilledQtyInWindow);
            NotNegative(violations, "source_stock", i, "allocated_open_qty", stock.AllocatedOpenQty);
        }

        var seenPledges = new HashSet<(int, int)>();
        for (var i = 0; i < input.Pledges.Count; i++)
        {
            var pledge = input.Pledges[i];
            if (!seenPledges.Add((pledge.DonationId, pledge.ItemId)))
            {
                violations.Add(new($"pledges[{i}]", $"donation {pledge.DonationId}, item {pledge.ItemId} is listed more than once"));
            }

            NotNegative(violations, "pledges", i, "pledged_qty", pledge.PledgedQty);
            NotNegative(violations, "pledges", i, "drawn_open_qty", pledge.DrawnOpenQty);
        }

        return violations;
    }

    private static void NotNegative(List<FieldViolation> violations, string list, int index, string field, decimal value)
    {
        if (value < 0m)
        {
            violations.Add(new($"{list}[{index}].{field}", "must not be negative"));
        }
    }

    private static void AddPrefixed(List<FieldViolation> violations, string prefix, IReadOnlyList<FieldViolation> found)
    {
        foreach (var violation in found)
        {
            violations.Add(violation with { Field = $"{prefix}.{violation.Field}" });
        }
    }
}
