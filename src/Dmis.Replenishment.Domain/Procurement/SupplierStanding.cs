namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>What the procurement rules need to know about the chosen supplier (a <c>supplier</c> row).</summary>
public sealed record SupplierStanding(
    string SupplierCode,
    bool IsActive,
    bool IsFrameworkSupplier,
    string? FrameworkContractNo,
    DateOnly? FrameworkExpiryDate)
{
    /// <summary>
    /// A framework contract is current through its expiry date (expiry &gt;= today); a framework
    /// supplier without an expiry date has no usable contract.
    /// </summary>
    public bool HasCurrentFramework(DateOnly today) =>
        IsActive && IsFrameworkSupplier && FrameworkExpiryDate is { } expiry && expiry >= today;
}
