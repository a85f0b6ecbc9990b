using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Procurement;

namespace Dmis.Replenishment.Domain.Tests.Procurement;

public class ProcurementLinesTests
{
    [Theory]
    [InlineData("10.00", "2.50", "25.00")]
    [InlineData("3.33", "3.33", "11.09")]
    [InlineData("0.05", "0.10", "0.01")]
    [InlineData("0.01", "0.49", "0.00")]
    [InlineData("1200.00", "0.00", "0.00")]
    public void A_line_total_is_quantity_times_price_rounded_half_away_from_zero(string qty, string price, string total)
    {
        var lineTotal = ProcurementLines.LineTotal(Parse(qty), Parse(price));

        Assert.Equal(total, lineTotal.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_total_is_the_sum_of_the_priced_line_totals()
    {
        ProcurementLineInput[] lines = [new(1, 10m, 2.5m), new(2, 3.33m, 3.33m), new(3, 5m, null)];

        Assert.Equal(36.09m, ProcurementLines.Total(lines));
        Assert.Null(ProcurementLines.LineTotal(5m, null));
    }

    [Fact]
    public void Valid_lines_have_no_violations()
    {
        Assert.Empty(ProcurementLines.Validate([new(1, 0.01m, 0m), new(2, 100m, 2500.75m), new(3, 5m, null)]));
    }

    [Theory]
    [InlineData("0", "1.00", "items[0].ordered_qty")]
    [InlineData("-1", "1.00", "items[0].ordered_qty")]
    [InlineData("1.005", "1.00", "items[0].ordered_qty")]
    [InlineData("1.00", "-0.01", "items[0].unit_price")]
    [InlineData("1.00", "0.001", "items[0].unit_price")]
    [InlineData("1.00", "10000000000.00", "items[0].unit_price")]
    [InlineData("9999999999999.99", "9999999999.99", "items[0].unit_price")]
    public void A_bad_quantity_or_price_is_named_by_its_field(string qty, string price, string field)
    {
        var violations = ProcurementLines.Validate([new(7, Parse(qty), Parse(price))]);

        Assert.Equal(field, Assert.Single(violations).Field);
    }

    [Fact]
    public void A_total_too_large_to_store_is_refused_on_the_list()
    {
        var violations = ProcurementLines.Validate([new(1, 9_000_000_000_000m, 1m), new(2, 9_000_000_000_000m, 1m)], "lines");

        Assert.Equal("lines", Assert.Single(violations).Field);
    }

    [Fact]
    public void An_item_may_appear_once()
    {
        var error = Assert.Throws<DomainValidationException>(
            () => ProcurementLines.EnsureValid([new(7, 1m, 1m), new(7, 2m, 1m)], "lines"));

        Assert.Equal("lines[1].item_id", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void A_procurement_is_submitted_only_with_lines_that_all_have_a_price()
    {
        var none = Assert.Throws<PreconditionFailedException>(() => ProcurementLines.EnsureReadyToSubmit("PR-1-20250901-001", []));
        var unpriced = Assert.Throws<PreconditionFailedException>(
            () => ProcurementLines.EnsureReadyToSubmit("PR-1-20250901-001", [new(7, 1m, 1m), new(8, 1m, null), new(9, 1m, null)]));

        Assert.Contains("has no lines", none.Message);
        Assert.Equal("procurement PR-1-20250901-001 cannot be submitted: items 8, 9 have no unit price", unpriced.Message);
        ProcurementLines.EnsureReadyToSubmit("PR-1-20250901-001", [new(7, 1m, 0m)]);
    }

    private static decimal Parse(string value) => decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
