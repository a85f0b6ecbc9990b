using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// Line arithmetic and checks: line_total = ordered_qty x unit_price rounded to 2 places (half
/// away from zero); total_value = the sum of the line totals. ordered_qty &gt; 0 and unit_price
/// &gt;= 0, each with at most 2 decimals and within its column (NUMERIC(15,2), NUMERIC(12,2)).
/// </summary>
public static class ProcurementLines
{
    public static readonly decimal MaxUnitPrice = DecimalRules.NumericMax(12, 2);

    public static decimal LineTotal(decimal orderedQty, decimal unitPrice) => Rounding.Quantity(orderedQty * unitPrice);

    /// <summary>Null while the line has no price.</summary>
    public static decimal? LineTotal(decimal orderedQty, decimal? unitPrice) =>
        unitPrice is { } price ? LineTotal(orderedQty, price) : null;

    /// <summary>The sum of the priced lines' totals (2 places).</summary>
    public static decimal Total(IEnumerable<ProcurementLineInput> lines) =>
        Rounding.Quantity(lines.Sum(line => LineTotal(line.OrderedQty, line.UnitPrice) ?? 0m));

    /// <summary>
    /// Every broken rule, under <c>{listField}[i].item_id</c>, <c>.ordered_qty</c>, <c>.unit_price</c>
    /// (and <c>{listField}</c> for a total too large to store). Empty when valid.
    /// </summary>
    public static IReadOnlyList<FieldViolation> Validate(IReadOnlyList<ProcurementLineInput> lines, string listField = "items")
    {
        var violations = new List<FieldViolation>();
        var seen = new HashSet<int>();
        var total = 0m;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var field = $"{listField}[{i}]";
            if (line.ItemId <= 0)
            {
                violations.Add(new($"{field}.item_id", "is required"));
            }
            else if (!seen.Add(line.ItemId))
            {
                violations.Add(new($"{field}.item_id", $"item {line.ItemId} is listed more than once"));
            }

            var before = violations.Count;
            DecimalRules.CheckQuantity(violations, $"{field}.ordered_qty", line.OrderedQty, 0m, minimumExclusive: true);
            if (line.UnitPrice is { } price)
            {
                DecimalRules.CheckQuantity(violations, $"{field}.unit_price", price, 0m, minimumExclusive: false, MaxUnitPrice);
            }

            if (violations.Count == before && LineTotal(line.OrderedQty, line.UnitPrice) is { } lineTotal)
            {
                if (lineTotal > DecimalRules.MaxQuantity)
                {
                    violations.Add(new($"{field}.unit_price", $"makes the line total {lineTotal}, above the largest storable {DecimalRules.MaxQuantity}"));
                }
                else
                {
                    total += lineTotal;
                }
            }
        }

        if (total > DecimalRules.MaxQuantity)
        {
            violations.Add(new(listField, $"the total value {total} is above the largest storable {DecimalRules.MaxQuantity}"));
        }

        return violations;
    }

    /// <summary><see cref="Validate"/>, throwing a <see cref="DomainValidationException"/> when anything is wrong.</summary>
    public static void EnsureValid(IReadOnlyList<ProcurementLineInput> lines, string listField = "items")
    {
        var violations = Validate(lines, listField);
        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }
    }

    /// <summary>
    /// A procurement goes for approval only with at least one line and every line priced, so the
    /// tier is decided on the full value (FAILED_PRECONDITION otherwise).
    /// </summary>
    public static void EnsureReadyToSubmit(string procurementNo, IReadOnlyList<ProcurementLineInput> lines)
    {
        if (lines.Count == 0)
        {
            throw new PreconditionFailedException($"procurement {procurementNo} has no lines; add at least one before submitting");
        }

        var unpriced = lines.Where(line => line.UnitPrice is null).Select(line => line.ItemId).ToList();
        if (unpriced.Count > 0)
        {
            throw new PreconditionFailedException(
                $"procurement {procurementNo} cannot be submitted: item{(unpriced.Count == 1 ? string.Empty : "s")} " +
                $"{string.Join(", ", unpriced)} {(unpriced.Count == 1 ? "has" : "have")} no unit price");
        }
    }
}
