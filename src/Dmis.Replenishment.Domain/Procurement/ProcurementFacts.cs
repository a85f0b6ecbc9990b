namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// What the permission rules need to know about a stored procurement. <see cref="Requirement"/>
/// comes from <see cref="ProcurementTierRules.Determine"/> (or the stored tier and value through
/// <see cref="ProcurementTierRules.ApproverFor"/>); null while a draft has no tier yet.
/// </summary>
public sealed record ProcurementFacts(
    string ProcurementNo,
    ProcurementStatus Status,
    string CreatedBy,
    IReadOnlyList<string> Submitters,
    ProcurementApprovalRequirement? Requirement);
