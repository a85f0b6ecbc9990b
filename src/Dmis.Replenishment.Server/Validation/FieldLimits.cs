namespace Dmis.Replenishment.Server.Validation;

/// <summary>
/// The longest text each request field may carry: what its database column holds (see the README's
/// "Limits of every input"). Fields not named here get <see cref="DefaultMaxLength"/>; the domain's
/// own checks (supplier fields, notes, ...) may be stricter.
/// </summary>
public static class FieldLimits
{
    public const int DefaultMaxLength = 2000;

    /// <summary>Repeated fields (ids, lines, statuses) carry at most this many entries, unless named below.</summary>
    public const int MaxRepeated = 1000;

    private static readonly Dictionary<string, int> MaxEntriesByField = new(StringComparer.Ordinal)
    {
        [Domain.Batches.DecisionBatch.Field] = Domain.Batches.DecisionBatch.MaxMembers, // lists decided in one batch call
    };

    private static readonly Dictionary<string, int> MaxLengthByField = new(StringComparer.Ordinal)
    {
        ["request_id"] = 100,
        ["page_token"] = 200,
        ["value"] = 40, // Decimal.value: a number as text
        ["reason"] = 255,
        ["notes"] = 500,
        ["error_message"] = 2000,
        ["po_number"] = 50,
        ["supplier_code"] = 20,
        ["supplier_name"] = 120,
        ["contact_name"] = 80,
        ["phone_no"] = 20,
        ["email"] = 100,
        ["address"] = 255,
        ["parish_code"] = 2,
        ["framework_contract_no"] = 50,
    };

    public static int MaxEntries(string fieldName) =>
        MaxEntriesByField.TryGetValue(fieldName, out var max) ? max : MaxRepeated;

    public static int MaxLength(string fieldName) =>
        MaxLengthByField.TryGetValue(fieldName, out var max) ? max : DefaultMaxLength;
}
