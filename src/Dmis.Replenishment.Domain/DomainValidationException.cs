namespace Dmis.Replenishment.Domain;

/// <summary>Input that breaks a domain rule (INVALID_ARGUMENT); carries every violation found, by field.</summary>
public sealed class DomainValidationException : Errors.DomainException
{
    public DomainValidationException(IReadOnlyList<FieldViolation> violations)
        : base(Describe(violations))
    {
        Violations = violations;
    }

    public DomainValidationException(string field, string description)
        : this([new FieldViolation(field, description)])
    {
    }

    public IReadOnlyList<FieldViolation> Violations { get; }

    private static string Describe(IReadOnlyList<FieldViolation> violations) =>
        violations.Count == 0
            ? "Invalid input."
            : string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}"));
}
