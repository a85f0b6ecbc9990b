using Dmis.Replenishment.Domain.Procurement;

namespace Dmis.Replenishment.Domain.Tests.Procurement;

public class ProcurementWordsTests
{
    [Fact]
    public void Procurement_statuses_are_the_schema_list()
    {
        Assert.Equal(
            ["DRAFT", "PENDING_APPROVAL", "APPROVED", "REJECTED", "ORDERED", "SHIPPED", "PARTIAL_RECEIVED", "RECEIVED", "CANCELLED"],
            ProcurementStatusWords.All);
        Assert.Equal(ProcurementStatus.PartialReceived, ProcurementStatusWords.Parse("partial_received"));
    }

    [Fact]
    public void Procurement_methods_are_the_schema_list()
    {
        Assert.Equal(
            ["EMERGENCY_DIRECT", "SINGLE_SOURCE", "RFQ", "RESTRICTED_BIDDING", "OPEN_TENDER", "FRAMEWORK"],
            ProcurementMethodWords.All);
        Assert.Equal(ProcurementMethod.Rfq, ProcurementMethodWords.Parse("RFQ"));
    }

    [Fact]
    public void Approval_tiers_are_the_schema_list()
    {
        Assert.Equal(["TIER_1", "TIER_2", "TIER_3", "EMERGENCY"], ApprovalTierWords.All);
        Assert.Equal("TIER_2", ApprovalTier.Tier2.ToWord());
    }

    [Fact]
    public void Line_statuses_and_horizons_are_the_schema_lists()
    {
        Assert.Equal(["PENDING", "PARTIAL", "RECEIVED", "CANCELLED"], ProcurementLineStatusWords.All);
        Assert.Equal(["A", "B", "C"], LeadTimeHorizonWords.All);
    }

    [Fact]
    public void An_unknown_method_word_is_refused()
    {
        Assert.False(ProcurementMethodWords.TryParse("AUCTION", out _));
        Assert.Throws<FormatException>(() => ProcurementMethodWords.Parse("AUCTION"));
    }
}
