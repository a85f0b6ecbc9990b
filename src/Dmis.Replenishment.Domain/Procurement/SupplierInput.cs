namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// A supplier as a caller sends it (create or full update). Blank strings mean "not given";
/// the API's 0 for country or lead time should arrive as null.
/// </summary>
public sealed record SupplierInput(
    string? SupplierCode,
    string? SupplierName,
    string? ContactName = null,
    string? PhoneNo = null,
    string? Email = null,
    string? Address = null,
    string? ParishCode = null,
    int? CountryId = null,
    int? DefaultLeadTimeDays = null,
    bool IsFrameworkSupplier = false,
    string? FrameworkContractNo = null,
    DateOnly? FrameworkExpiryDate = null,
    bool IsActive = true);

/// <summary>
/// A supplier after <see cref="SupplierValidation.Validate"/>: trimmed, code upper case, blanks as
/// null, default lead time filled in. Ready for the <c>supplier</c> row (status A/I from <see cref="IsActive"/>).
/// </summary>
public sealed record SupplierDetails(
    string SupplierCode,
    string SupplierName,
    string? ContactName,
    string? PhoneNo,
    string? Email,
    string? Address,
    string? ParishCode,
    int? CountryId,
    int DefaultLeadTimeDays,
    bool IsFrameworkSupplier,
    string? FrameworkContractNo,
    DateOnly? FrameworkExpiryDate,
    bool IsActive)
{
    public string StatusCode => IsActive ? "A" : "I";
}
