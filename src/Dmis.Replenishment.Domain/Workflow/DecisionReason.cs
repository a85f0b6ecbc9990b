namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// The reason given for rejecting, returning or cancelling (varchar(255) columns
/// rejection_reason and returned_reason). Trimmed before it is measured and stored.
/// </summary>
public static class DecisionReason
{
    public const int MaxLength = 255;

    /// <summary>Reject and return: required, at most 255 characters; the trimmed reason.</summary>
    public static string Required(string? reason, string field = "reason")
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainValidationException(field, "is required: say why");
        }

        return CheckLength(reason.Trim(), field);
    }

    /// <summary>Optional reasons (cancelling a needs list): null when blank, else at most 255 characters.</summary>
    public static string? Optional(string? reason, string field = "reason") =>
        string.IsNullOrWhiteSpace(reason) ? null : CheckLength(reason.Trim(), field);

    private static string CheckLength(string reason, string field) =>
        reason.Length <= MaxLength
            ? reason
            : throw new DomainValidationException(field, $"must be at most {MaxLength} characters (got {reason.Length})");
}
