using System.Globalization;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// SPEC 5 approval tiers by total value in JMD, limits inclusive:
/// <list type="bullet">
/// <item>up to 3,000,000: TIER_1, Logistics Manager, SINGLE_SOURCE or RFQ;</item>
/// <item>up to 15,000,000: TIER_2, Senior Director, RESTRICTED_BIDDING;</item>
/// <item>above: TIER_3, Director General, OPEN_TENDER;</item>
/// <item>EMERGENCY_DIRECT, in SURGE only: EMERGENCY, Senior Director (Director General above 15,000,000);</item>
/// <item>FRAMEWORK in any value tier (the framework agreement was competed already), only with an
/// active framework supplier whose contract has not expired; approved as its value tier.</item>
/// </list>
/// A method is allowed only in its own tier (a lower-value purchase may not use a higher
/// tier's method, and the reverse). Any chosen supplier must be active.
/// </summary>
public static class ProcurementTierRules
{
    public const decimal Tier1Limit = 3_000_000m;
    public const decimal Tier2Limit = 15_000_000m;

    /// <summary>The value tier: TIER_1 up to and including 3,000,000, TIER_2 up to and including 15,000,000, else TIER_3.</summary>
    public static ApprovalTier TierForValue(decimal totalValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalValue);
        return totalValue <= Tier1Limit ? ApprovalTier.Tier1
            : totalValue <= Tier2Limit ? ApprovalTier.Tier2
            : ApprovalTier.Tier3;
    }

    /// <summary>The lowest role that approves a procurement of <paramref name="tier"/> and value.</summary>
    public static Role ApproverFor(ApprovalTier tier, decimal totalValue) => tier switch
    {
        ApprovalTier.Tier1 => Role.LogisticsManager,
        ApprovalTier.Tier2 => Role.SeniorDirector,
        ApprovalTier.Tier3 => Role.DirectorGeneral,
        ApprovalTier.Emergency => totalValue > Tier2Limit ? Role.DirectorGeneral : Role.SeniorDirector,
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown approval tier."),
    };

    /// <summary>The competitive methods of a tier (FRAMEWORK is allowed in every value tier besides these).</summary>
    public static IReadOnlyList<ProcurementMethod> MethodsFor(ApprovalTier tier) => tier switch
    {
        ApprovalTier.Tier1 => [ProcurementMethod.SingleSource, ProcurementMethod.Rfq],
        ApprovalTier.Tier2 => [ProcurementMethod.RestrictedBidding],
        ApprovalTier.Tier3 => [ProcurementMethod.OpenTender],
        ApprovalTier.Emergency => [ProcurementMethod.EmergencyDirect],
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown approval tier."),
    };

    /// <summary>
    /// The tier and approver for a procurement, or a <see cref="PreconditionFailedException"/> when
    /// the method does not fit: EMERGENCY_DIRECT outside SURGE, FRAMEWORK without a current
    /// framework supplier, an inactive supplier, or a method of another tier.
    /// Run it at submit (store the tier) and again at approval (contracts expire, phases change).
    /// </summary>
    /// <param name="supplier">The chosen supplier; null when none is set yet.</param>
    /// <param name="today">The UTC date the contract must still be valid on.</param>
    public static ProcurementApprovalRequirement Determine(
        decimal totalValue, ProcurementMethod method, EventPhase phase, SupplierStanding? supplier, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalValue);
        if (supplier is { IsActive: false })
        {
            throw new PreconditionFailedException($"supplier {supplier.SupplierCode} is inactive; choose an active supplier");
        }

        switch (method)
        {
            case ProcurementMethod.EmergencyDirect:
                if (phase != EventPhase.Surge)
                {
                    throw new PreconditionFailedException(
                        $"method EMERGENCY_DIRECT is only allowed while the event is in SURGE (it is in {phase.ToWord()})");
                }

                return new(ApprovalTier.Emergency, ApproverFor(ApprovalTier.Emergency, totalValue));

            case ProcurementMethod.Framework:
                EnsureCurrentFramework(supplier, today);
                var frameworkTier = TierForValue(totalValue);
                return new(frameworkTier, ApproverFor(frameworkTier, totalValue));

            default:
                var tier = TierForValue(totalValue);
                if (!MethodsFor(tier).Contains(method))
                {
                    throw new PreconditionFailedException(
                        $"method {method.ToWord()} is not allowed for {tier.ToWord()} " +
                        $"(allowed: {string.Join(", ", MethodsFor(tier).Select(m => m.ToWord()))}; " +
                        $"or FRAMEWORK with a current framework supplier{(phase == EventPhase.Surge ? "; or EMERGENCY_DIRECT in SURGE" : string.Empty)}); " +
                        $"the total is {totalValue.ToString("#,0.00", CultureInfo.InvariantCulture)} JMD");
                }

                return new(tier, ApproverFor(tier, totalValue));
        }
    }

    private static void EnsureCurrentFramework(SupplierStanding? supplier, DateOnly today)
    {
        if (supplier is null)
        {
            throw new PreconditionFailedException("method FRAMEWORK needs a framework supplier; no supplier is set");
        }

        if (!supplier.IsFrameworkSupplier)
        {
            throw new PreconditionFailedException(
                $"supplier {supplier.SupplierCode} is not a framework supplier; method FRAMEWORK needs one");
        }

        if (supplier.FrameworkExpiryDate is not { } expiry)
        {
            throw new PreconditionFailedException(
                $"supplier {supplier.SupplierCode} has no framework contract expiry date; method FRAMEWORK needs a current contract");
        }

        if (expiry < today)
        {
            var contract = string.IsNullOrWhiteSpace(supplier.FrameworkContractNo) ? "framework contract" : $"framework contract {supplier.FrameworkContractNo}";
            throw new PreconditionFailedException(
                $"supplier {supplier.SupplierCode}'s {contract} expired on {expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; method FRAMEWORK needs a current contract");
        }
    }
}
