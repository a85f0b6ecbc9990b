using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class DecisionReasonTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Reject_and_return_need_a_reason(string? reason)
    {
        var error = Assert.Throws<DomainValidationException>(() => DecisionReason.Required(reason));

        Assert.Equal("reason", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_reason_is_trimmed_and_may_have_255_characters_but_not_256()
    {
        Assert.Equal("quantities too high", DecisionReason.Required("  quantities too high "));
        Assert.Equal(255, DecisionReason.Required(new string('r', 255)).Length);
        Assert.Throws<DomainValidationException>(() => DecisionReason.Required(new string('r', 256)));
    }

    [Fact]
    public void An_optional_reason_may_be_left_out_but_not_be_too_long()
    {
        Assert.Null(DecisionReason.Optional(" "));
        Assert.Throws<DomainValidationException>(() => DecisionReason.Optional(new string('r', 256)));
    }
}
