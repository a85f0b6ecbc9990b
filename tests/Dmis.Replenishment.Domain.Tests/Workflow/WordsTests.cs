using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class WordsTests
{
    [Theory]
    [InlineData(NeedsListStatus.Draft, "DRAFT")]
    [InlineData(NeedsListStatus.PendingApproval, "PENDING_APPROVAL")]
    [InlineData(NeedsListStatus.UnderReview, "UNDER_REVIEW")]
    [InlineData(NeedsListStatus.Approved, "APPROVED")]
    [InlineData(NeedsListStatus.Rejected, "REJECTED")]
    [InlineData(NeedsListStatus.Returned, "RETURNED")]
    [InlineData(NeedsListStatus.InProgress, "IN_PROGRESS")]
    [InlineData(NeedsListStatus.Fulfilled, "FULFILLED")]
    [InlineData(NeedsListStatus.Cancelled, "CANCELLED")]
    [InlineData(NeedsListStatus.Superseded, "SUPERSEDED")]
    public void Needs_list_statuses_are_written_and_read_as_the_database_words(NeedsListStatus status, string word)
    {
        Assert.Equal(word, status.ToWord());
        Assert.Equal(status, NeedsListStatusWords.Parse(word));
        Assert.Equal(status, NeedsListStatusWords.Parse($" {word.ToLowerInvariant()} "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("OPEN")]
    public void An_unknown_status_word_is_refused(string? word)
    {
        Assert.False(NeedsListStatusWords.TryParse(word, out _));
        Assert.Throws<FormatException>(() => NeedsListStatusWords.Parse(word));
    }

    [Fact]
    public void Adjustment_reasons_are_the_schema_list()
    {
        Assert.Equal(
            ["DEMAND_ADJUSTED", "PARTIAL_COVERAGE", "PRIORITY_CHANGE", "BUDGET_CONSTRAINT", "SUPPLIER_LIMIT", "OTHER"],
            AdjustmentReasonWords.All);
        Assert.Equal(AdjustmentReason.SupplierLimit, AdjustmentReasonWords.Parse("supplier_limit"));
    }

    [Fact]
    public void Fulfilment_statuses_are_the_schema_list()
    {
        Assert.Equal(["PENDING", "PARTIAL", "FULFILLED", "CANCELLED"], FulfillmentStatusWords.All);
        Assert.Equal(FulfillmentStatus.Partial, FulfillmentStatusWords.Parse("PARTIAL"));
    }

    [Fact]
    public void Audit_action_words_are_the_schema_list()
    {
        Assert.Equal(
            ["CREATED", "SUBMITTED", "APPROVED", "REJECTED", "RETURNED", "QUANTITY_ADJUSTED", "STATUS_CHANGED",
             "HORIZON_CHANGED", "SUPERSEDED", "CANCELLED", "FULFILLED", "COMMENT_ADDED"],
            NeedsListAuditActions.All);
    }

    [Fact]
    public void Every_action_writes_an_audit_action_of_the_schema_list()
    {
        Assert.All(Enum.GetValues<NeedsListAction>(), action => Assert.Contains(NeedsListAuditActions.For(action), NeedsListAuditActions.All));
        Assert.Equal("QUANTITY_ADJUSTED", NeedsListAuditActions.For(NeedsListAction.Adjust));
        Assert.Equal("STATUS_CHANGED", NeedsListAuditActions.For(NeedsListAction.StartReview));
    }
}
