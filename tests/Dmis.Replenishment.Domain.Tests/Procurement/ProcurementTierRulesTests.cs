using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Procurement;

namespace Dmis.Replenishment.Domain.Tests.Procurement;

public class ProcurementTierRulesTests
{
    private static readonly DateOnly Today = new(2025, 9, 1);

    private static readonly SupplierStanding Framework =
        new("GRACE-KENNEDY", IsActive: true, IsFrameworkSupplier: true, "FW-2024-07", new DateOnly(2026, 3, 31));

    private static readonly SupplierStanding Ordinary =
        new("ACME", IsActive: true, IsFrameworkSupplier: false, null, null);

    [Theory]
    [InlineData("0.00", ApprovalTier.Tier1)]
    [InlineData("3000000.00", ApprovalTier.Tier1)]
    [InlineData("3000000.01", ApprovalTier.Tier2)]
    [InlineData("15000000.00", ApprovalTier.Tier2)]
    [InlineData("15000000.01", ApprovalTier.Tier3)]
    public void The_value_tier_limits_are_inclusive(string total, ApprovalTier expected)
    {
        Assert.Equal(expected, ProcurementTierRules.TierForValue(decimal.Parse(total, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("3000000.00", ProcurementMethod.SingleSource, ApprovalTier.Tier1, Role.LogisticsManager)]
    [InlineData("3000000.00", ProcurementMethod.Rfq, ApprovalTier.Tier1, Role.LogisticsManager)]
    [InlineData("3000000.01", ProcurementMethod.RestrictedBidding, ApprovalTier.Tier2, Role.SeniorDirector)]
    [InlineData("15000000.00", ProcurementMethod.RestrictedBidding, ApprovalTier.Tier2, Role.SeniorDirector)]
    [InlineData("15000000.01", ProcurementMethod.OpenTender, ApprovalTier.Tier3, Role.DirectorGeneral)]
    public void Each_tier_has_its_methods_and_approver(string total, ProcurementMethod method, ApprovalTier tier, Role approver)
    {
        var requirement = ProcurementTierRules.Determine(Parse(total), method, EventPhase.Baseline, Ordinary, Today);

        Assert.Equal(new ProcurementApprovalRequirement(tier, approver), requirement);
    }

    [Theory]
    [InlineData("1000000.00", ProcurementMethod.OpenTender, "method OPEN_TENDER is not allowed for TIER_1 (allowed: SINGLE_SOURCE, RFQ;")]
    [InlineData("3000000.01", ProcurementMethod.Rfq, "method RFQ is not allowed for TIER_2 (allowed: RESTRICTED_BIDDING;")]
    [InlineData("20000000.00", ProcurementMethod.RestrictedBidding, "method RESTRICTED_BIDDING is not allowed for TIER_3 (allowed: OPEN_TENDER;")]
    public void A_method_of_another_tier_is_refused_naming_method_and_tier(string total, ProcurementMethod method, string message)
    {
        var error = Assert.Throws<PreconditionFailedException>(
            () => ProcurementTierRules.Determine(Parse(total), method, EventPhase.Stabilized, Ordinary, Today));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void The_refusal_shows_the_total_value()
    {
        var error = Assert.Throws<PreconditionFailedException>(
            () => ProcurementTierRules.Determine(1_000_000m, ProcurementMethod.OpenTender, EventPhase.Baseline, Ordinary, Today));

        Assert.EndsWith("the total is 1,000,000.00 JMD", error.Message);
    }

    [Theory]
    [InlineData("500000.00", Role.SeniorDirector)]
    [InlineData("15000000.00", Role.SeniorDirector)]
    [InlineData("15000000.01", Role.DirectorGeneral)]
    public void In_surge_emergency_direct_is_the_emergency_tier_approved_by_a_senior_director_or_above_fifteen_million_the_director_general(
        string total, Role approver)
    {
        var requirement = ProcurementTierRules.Determine(Parse(total), ProcurementMethod.EmergencyDirect, EventPhase.Surge, Ordinary, Today);

        Assert.Equal(new ProcurementApprovalRequirement(ApprovalTier.Emergency, approver), requirement);
    }

    [Theory]
    [InlineData(EventPhase.Stabilized)]
    [InlineData(EventPhase.Baseline)]
    public void Emergency_direct_outside_surge_is_refused(EventPhase phase)
    {
        var error = Assert.Throws<PreconditionFailedException>(
            () => ProcurementTierRules.Determine(100m, ProcurementMethod.EmergencyDirect, phase, Ordinary, Today));

        Assert.Equal($"method EMERGENCY_DIRECT is only allowed while the event is in SURGE (it is in {phase.ToWord()})", error.Message);
    }

    [Fact]
    public void In_surge_the_ordinary_methods_still_follow_the_value_tiers()
    {
        Assert.Equal(
            new ProcurementApprovalRequirement(ApprovalTier.Tier2, Role.SeniorDirector),
            ProcurementTierRules.Determine(5_000_000m, ProcurementMethod.RestrictedBidding, EventPhase.Surge, Ordinary, Today));
    }

    [Theory]
    [InlineData("100.00", ApprovalTier.Tier1, Role.LogisticsManager)]
    [InlineData("5000000.00", ApprovalTier.Tier2, Role.SeniorDirector)]
    [InlineData("50000000.00", ApprovalTier.Tier3, Role.DirectorGeneral)]
    public void Framework_is_allowed_in_any_tier_with_a_current_framework_supplier(string total, ApprovalTier tier, Role approver)
    {
        var requirement = ProcurementTierRules.Determine(Parse(total), ProcurementMethod.Framework, EventPhase.Baseline, Framework, Today);

        Assert.Equal(new ProcurementApprovalRequirement(tier, approver), requirement);
    }

    [Fact]
    public void A_framework_contract_is_valid_through_its_expiry_date()
    {
        var expiresToday = Framework with { FrameworkExpiryDate = Today };

        ProcurementTierRules.Determine(100m, ProcurementMethod.Framework, EventPhase.Baseline, expiresToday, Today);
    }

    [Fact]
    public void Framework_with_an_expired_contract_is_refused()
    {
        var expired = Framework with { FrameworkExpiryDate = Today.AddDays(-1) };

        var error = Assert.Throws<PreconditionFailedException>(
            () => ProcurementTierRules.Determine(100m, ProcurementMethod.Framework, EventPhase.Baseline, expired, Today));

        Assert.Equal(
            "supplier GRACE-KENNEDY's framework contract FW-2024-07 expired on 2025-08-31; method FRAMEWORK needs a current contract",
            error.Message);
    }

    [Fact]
    public void Framework_with_a_supplier_that_is_not_a_framework_supplier_is_refused()
    {
        var error = Assert.Throws<PreconditionFailedException>(
            () => ProcurementTierRules.Determine(100m, ProcurementMethod.Framework, EventPhase.Baseline, Ordinary, Today));

        Assert.Contains("ACME is not a framework supplier", error.Message);
    }

    [Fact]
    public void Framework_without_a_supplier_or_expiry_date_is_refused()
    {
        Assert.Throws<PreconditionFailedException>(
            () => ProcurementTierRules.Determine(100m, ProcurementMethod.Framework, EventPhase.Baseline, null, Today));
        Assert.Throws<PreconditionFailedException>(
            () => ProcurementTierRules.Determine(100m, ProcurementMethod.Framework, EventPhase.Baseline, Framework with { FrameworkExpiryDate = null }, Today));
    }

    [Fact]
    public void An_inactive_supplier_is_refused_whatever_the_method()
    {
        var error = Assert.Throws<PreconditionFailedException>(
            () => ProcurementTierRules.Determine(100m, ProcurementMethod.Rfq, EventPhase.Baseline, Ordinary with { IsActive = false }, Today));

        Assert.Equal("supplier ACME is inactive; choose an active supplier", error.Message);
        Assert.False((Framework with { IsActive = false }).HasCurrentFramework(Today));
        Assert.True(Framework.HasCurrentFramework(Today));
    }

    [Theory]
    [InlineData(ApprovalTier.Tier1, "1.00", Role.LogisticsManager)]
    [InlineData(ApprovalTier.Tier2, "4000000.00", Role.SeniorDirector)]
    [InlineData(ApprovalTier.Tier3, "40000000.00", Role.DirectorGeneral)]
    [InlineData(ApprovalTier.Emergency, "15000000.00", Role.SeniorDirector)]
    [InlineData(ApprovalTier.Emergency, "15000000.01", Role.DirectorGeneral)]
    public void The_approver_of_a_stored_tier_can_be_read_back(ApprovalTier tier, string total, Role approver)
    {
        Assert.Equal(approver, ProcurementTierRules.ApproverFor(tier, Parse(total)));
    }

    private static decimal Parse(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
