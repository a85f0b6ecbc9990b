using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class SubmitRulesTests
{
    [Fact]
    public void Submit_with_fresh_data_needs_no_acknowledgement()
    {
        Assert.Null(SubmitRules.EnsureFreshEnoughOrAcknowledged(FreshnessLevel.High, 0.5m, "Kingston Hub", acknowledged: false));
    }

    [Theory]
    [InlineData(FreshnessLevel.Medium, 3.5, "Data for Kingston Hub is 3.5 hours old")]
    [InlineData(FreshnessLevel.Low, 7.25, "Data for Kingston Hub is 7.25 hours old")]
    [InlineData(FreshnessLevel.Low, 12.00, "Data for Kingston Hub is 12 hours old")]
    public void Submit_without_acknowledgement_fails_when_data_is_stale(FreshnessLevel level, double age, string sentence)
    {
        var error = Assert.Throws<PreconditionFailedException>(
            () => SubmitRules.EnsureFreshEnoughOrAcknowledged(level, (decimal)age, "Kingston Hub", acknowledged: false));

        Assert.StartsWith(sentence, error.Message);
    }

    [Fact]
    public void Submit_without_acknowledgement_fails_when_the_warehouse_never_synced()
    {
        var error = Assert.Throws<PreconditionFailedException>(
            () => SubmitRules.EnsureFreshEnoughOrAcknowledged(new FreshnessAssessment(FreshnessLevel.Unknown, null), "Montego Bay", false));

        Assert.StartsWith("Data for Montego Bay has never been synced", error.Message);
    }

    [Fact]
    public void An_acknowledged_submit_on_stale_data_passes_and_returns_the_sentence_to_audit()
    {
        var note = SubmitRules.EnsureFreshEnoughOrAcknowledged(FreshnessLevel.Low, 7.5m, "Kingston Hub", acknowledged: true);

        Assert.Equal("Data for Kingston Hub is 7.5 hours old; acknowledged at submit", note);
    }
}
