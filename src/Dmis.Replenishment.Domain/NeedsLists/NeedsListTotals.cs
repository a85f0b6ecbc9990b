using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.NeedsLists;

/// <summary>
/// A list's header totals once lines are adjusted. Each line counts with its effective quantity,
/// the quantity that will be asked for (<see cref="LineFulfilment.TargetQty"/>: the adjusted quantity
/// where set, else the calculated gap). So total_gap_qty is the sum of effective quantities and
/// total_estimated_value the sum of effective quantity x unit value over the lines whose unit value
/// is known (null when none is), each line rounded to 2 places as the calculation does. The lines'
/// own gap_qty and estimated value stay as calculated: they are the calculation's record.
/// </summary>
public static class NeedsListTotals
{
    public sealed record Line(decimal GapQty, decimal? AdjustedQty, decimal? UnitValue);

    public sealed record Totals(decimal GapQty, decimal? EstimatedValue);

    public static Totals Of(IEnumerable<Line> lines)
    {
        var gap = 0m;
        decimal? value = null;
        foreach (var line in lines)
        {
            var effective = LineFulfilment.TargetQty(line.GapQty, line.AdjustedQty);
            gap += effective;
            if (line.UnitValue is { } unitValue)
            {
                value = (value ?? 0m) + Rounding.Quantity(effective * unitValue);
            }
        }

        return new Totals(Rounding.Quantity(gap), value is { } total ? Rounding.Quantity(total) : null);
    }
}
