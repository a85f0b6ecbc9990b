namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// A validated change of a needs-list line's quantity (SPEC 4, Adjust): quantity &gt;= 0 with at
/// most 2 decimals, a reason from the schema's list, notes required for OTHER, notes at most
/// 255 characters. Notes are trimmed; blank notes become null.
/// </summary>
public sealed record LineAdjustment(decimal Quantity, AdjustmentReason Reason, string? Notes)
{
    public const int MaxNotesLength = 255;

    /// <summary>
    /// The adjustment, or a <see cref="DomainValidationException"/> listing every broken rule
    /// under the fields adjusted_qty, reason and notes.
    /// </summary>
    public static LineAdjustment Validate(decimal quantity, string? reasonWord, string? notes)
    {
        var violations = new List<FieldViolation>();
        DecimalRules.CheckQuantity(violations, "adjusted_qty", quantity, 0m, minimumExclusive: false);

        AdjustmentReason? reason = null;
        if (string.IsNullOrWhiteSpace(reasonWord))
        {
            violations.Add(new("reason", $"is required: one of {string.Join(", ", AdjustmentReasonWords.All)}"));
        }
        else if (AdjustmentReasonWords.TryParse(reasonWord, out var parsed))
        {
            reason = parsed;
        }
        else
        {
            violations.Add(new("reason",
                $"'{reasonWord.Trim()}' is not a reason: use one of {string.Join(", ", AdjustmentReasonWords.All)}"));
        }

        var trimmedNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        if (reason == AdjustmentReason.Other && trimmedNotes is null)
        {
            violations.Add(new("notes", "is required when the reason is OTHER"));
        }
        else if (trimmedNotes is { Length: > MaxNotesLength })
        {
            violations.Add(new("notes", $"must be at most {MaxNotesLength} characters (got {trimmedNotes.Length})"));
        }

        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        return new(Rounding.Quantity(quantity), reason!.Value, trimmedNotes);
    }

    /// <summary>
    /// Refuses (on adjusted_qty) an adjustment after which the list's total quantity or estimated value
    /// (quantity x unit value, summed) no longer fits its NUMERIC(15,2) column.
    /// </summary>
    public static void EnsureListTotalsFit(decimal totalQty, decimal? totalEstimatedValue)
    {
        if (totalQty > DecimalRules.MaxQuantity || (totalEstimatedValue ?? 0m) > DecimalRules.MaxQuantity)
        {
            throw new DomainValidationException("adjusted_qty",
                $"makes the list's total quantity {totalQty} or value {totalEstimatedValue} larger than the largest storable {DecimalRules.MaxQuantity}");
        }
    }

    /// <summary>The same checks for a reason already mapped from the API enum (null when unspecified).</summary>
    public static LineAdjustment Validate(decimal quantity, AdjustmentReason? reason, string? notes) =>
        Validate(quantity, reason?.ToWord(), notes);
}
