using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class LineAdjustmentTests
{
    [Fact]
    public void A_valid_adjustment_is_kept_with_two_decimals_and_trimmed_notes()
    {
        var adjustment = LineAdjustment.Validate(1200.5m, "budget_constraint", "  only half funded  ");

        Assert.Equal(new LineAdjustment(1200.50m, AdjustmentReason.BudgetConstraint, "only half funded"), adjustment);
        Assert.Equal("1200.50", adjustment.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Zero_is_a_valid_adjusted_quantity()
    {
        Assert.Equal(0m, LineAdjustment.Validate(0m, "PRIORITY_CHANGE", null).Quantity);
    }

    [Fact]
    public void Notes_are_optional_unless_the_reason_is_other()
    {
        Assert.Null(LineAdjustment.Validate(5m, "DEMAND_ADJUSTED", "   ").Notes);
    }

    [Theory]
    [InlineData(-0.01, "adjusted_qty", "must not be negative")]
    [InlineData(10.125, "adjusted_qty", "must have at most 2 decimal places")]
    [InlineData(10000000000000, "adjusted_qty", "must be at most 9999999999999.99")]
    public void A_bad_quantity_is_refused(double quantity, string field, string description)
    {
        var error = Assert.Throws<DomainValidationException>(() => LineAdjustment.Validate((decimal)quantity, "OTHER", "note"));

        var violation = Assert.Single(error.Violations);
        Assert.Equal(field, violation.Field);
        Assert.Equal(description, violation.Description);
    }

    [Fact]
    public void Trailing_zeros_do_not_count_as_decimal_places()
    {
        Assert.Equal(10.12m, LineAdjustment.Validate(10.120m, "OTHER", "note").Quantity);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    [InlineData("TOO_EXPENSIVE")]
    public void A_missing_or_unknown_reason_is_refused(string? reason)
    {
        var error = Assert.Throws<DomainValidationException>(() => LineAdjustment.Validate(1m, reason, null));

        Assert.Equal("reason", Assert.Single(error.Violations).Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Other_without_notes_is_refused(string? notes)
    {
        var error = Assert.Throws<DomainValidationException>(() => LineAdjustment.Validate(1m, "OTHER", notes));

        var violation = Assert.Single(error.Violations);
        Assert.Equal("notes", violation.Field);
        Assert.Equal("is required when the reason is OTHER", violation.Description);
    }

    [Fact]
    public void Notes_of_256_characters_are_refused_and_255_accepted()
    {
        Assert.Equal(255, LineAdjustment.Validate(1m, "OTHER", new string('n', 255)).Notes!.Length);

        var error = Assert.Throws<DomainValidationException>(() => LineAdjustment.Validate(1m, "OTHER", new string('n', 256)));

        Assert.Equal("notes", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void Every_broken_rule_is_reported_at_once()
    {
        var error = Assert.Throws<DomainValidationException>(() => LineAdjustment.Validate(-1.001m, "NOPE", new string('n', 300)));

        Assert.Equal(["adjusted_qty", "reason", "notes"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void The_api_enum_form_follows_the_same_rules()
    {
        Assert.Throws<DomainValidationException>(() => LineAdjustment.Validate(1m, (AdjustmentReason?)null, null));
        Assert.Throws<DomainValidationException>(() => LineAdjustment.Validate(1m, AdjustmentReason.Other, null));
        Assert.Equal(AdjustmentReason.SupplierLimit, LineAdjustment.Validate(1m, AdjustmentReason.SupplierLimit, null).Reason);
    }
}
