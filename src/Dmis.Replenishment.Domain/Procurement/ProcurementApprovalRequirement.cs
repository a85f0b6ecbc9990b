using Dmis.Replenishment.Domain.Access;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// The outcome of the tier rules for a procurement: its tier (stored in
/// approval_threshold_tier) and the lowest role that may approve or reject it.
/// </summary>
public sealed record ProcurementApprovalRequirement(ApprovalTier Tier, Role ApproverRole);
