using System.Text.RegularExpressions;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// Supplier master-data rules (SPEC 5 "codes upper case, unique"; the supplier table):
/// the code is trimmed and upper-cased, then must match <c>^[A-Z0-9_-]{2,20}$</c>; name required,
/// at most 120; contact 80, phone 20, email 100 (with an @), address 255, parish exactly 2
/// characters; country id &gt; 0; default lead time &gt; 0 days (14 when not given). A framework
/// supplier needs a contract number (at most 50) and an expiry date; a supplier that is not one
/// may carry neither. An expiry date in the past is accepted (history); FRAMEWORK procurements
/// check it. Uniqueness of the code is the database's job (ALREADY_EXISTS).
/// </summary>
public static partial class SupplierValidation
{
    public const int DefaultLeadTimeDays = 14;

    /// <param name="fieldPrefix">Prefix of the field names: the requests nest the supplier in "supplier".</param>
    public static SupplierDetails Validate(SupplierInput input, string fieldPrefix = "supplier")
    {
        var violations = new List<FieldViolation>();
        string Field(string name) => string.IsNullOrEmpty(fieldPrefix) ? name : $"{fieldPrefix}.{name}";

        var code = Clean(input.SupplierCode)?.ToUpperInvariant();
        if (code is null)
        {
            violations.Add(new(Field("supplier_code"), "is required"));
        }
        else if (!CodePattern().IsMatch(code))
        {
            violations.Add(new(Field("supplier_code"),
                "must be 2 to 20 letters, digits, '_' or '-' (stored upper case)"));
        }

        var name = Clean(input.SupplierName);
        if (name is null)
        {
            violations.Add(new(Field("supplier_name"), "is required"));
        }

        MaxLength(violations, Field("supplier_name"), name, 120);
        var contact = Clean(input.ContactName);
        MaxLength(violations, Field("contact_name"), contact, 80);
        var phone = Clean(input.PhoneNo);
        MaxLength(violations, Field("phone_no"), phone, 20);
        var email = Clean(input.Email);
        if (email is not null && !email.Contains('@', StringComparison.Ordinal))
        {
            violations.Add(new(Field("email"), "must be an e-mail address"));
        }

        MaxLength(violations, Field("email"), email, 100);
        var address = Clean(input.Address);
        MaxLength(violations, Field("address"), address, 255);
        var parish = Clean(input.ParishCode)?.ToUpperInvariant();
        if (parish is { Length: not 2 })
        {
            violations.Add(new(Field("parish_code"), "must be exactly 2 characters"));
        }

        if (input.CountryId is <= 0)
        {
            violations.Add(new(Field("country_id"), "must be a country id greater than 0"));
        }

        if (input.DefaultLeadTimeDays is <= 0)
        {
            violations.Add(new(Field("default_lead_time_days"), "must be greater than 0"));
        }

        var contractNo = Clean(input.FrameworkContractNo);
        if (input.IsFrameworkSupplier)
        {
            if (contractNo is null)
            {
                violations.Add(new(Field("framework_contract_no"), "is required for a framework supplier"));
            }

            MaxLength(violations, Field("framework_contract_no"), contractNo, 50);
            if (input.FrameworkExpiryDate is null)
            {
                violations.Add(new(Field("framework_expiry_date"), "is required for a framework supplier"));
            }
        }
        else
        {
            if (contractNo is not null)
            {
                violations.Add(new(Field("framework_contract_no"), "must be empty unless is_framework_supplier is true"));
            }

            if (input.FrameworkExpiryDate is not null)
            {
                violations.Add(new(Field("framework_expiry_date"), "must be empty unless is_framework_supplier is true"));
            }
        }

        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        return new(
            code!, name!, contact, phone, email, address, parish, input.CountryId,
            input.DefaultLeadTimeDays ?? DefaultLeadTimeDays, input.IsFrameworkSupplier, contractNo,
            input.FrameworkExpiryDate, input.IsActive);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void MaxLength(List<FieldViolation> violations, string field, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            violations.Add(new(field, $"must be at most {max} characters (got {length})"));
        }
    }

    [GeneratedRegex("^[A-Z0-9_-]{2,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
