using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Procurement;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Tests.Workflow;

public class NeedsListNumberTests
{
    private static readonly DateOnly Day = new(2025, 9, 1);

    [Theory]
    [InlineData(12, 3, 1, "NL-12-3-20250901-001")]
    [InlineData(12, 3, 42, "NL-12-3-20250901-042")]
    [InlineData(12, 3, 1234, "NL-12-3-20250901-1234")]
    public void A_needs_list_number_carries_event_warehouse_day_and_a_padded_sequence(int eventId, int warehouseId, int seq, string expected)
    {
        Assert.Equal(expected, NeedsListNumber.Format(eventId, warehouseId, Day, seq));
    }

    [Fact]
    public void The_prefix_is_the_number_without_its_sequence()
    {
        var prefix = NeedsListNumber.Prefix(12, 3, Day);

        Assert.Equal("NL-12-3-20250901-", prefix);
        Assert.Equal(7, DocumentNumber.SequenceOf(NeedsListNumber.Format(12, 3, Day, 7), prefix));
        Assert.Null(DocumentNumber.SequenceOf("NL-12-4-20250901-007", prefix));
    }

    [Fact]
    public void The_longest_number_that_fits_has_thirty_characters()
    {
        Assert.Equal(30, NeedsListNumber.Format(123456, 1234567, Day, 1).Length);
    }

    [Fact]
    public void A_number_longer_than_thirty_characters_is_refused()
    {
        var error = Assert.Throws<PreconditionFailedException>(() => NeedsListNumber.Format(int.MaxValue, int.MaxValue, Day, 1));

        Assert.Contains("at most 30 fit", error.Message);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    public void Ids_and_sequence_start_at_one(int eventId, int warehouseId, int seq)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NeedsListNumber.Format(eventId, warehouseId, Day, seq));
    }

    [Fact]
    public void A_procurement_number_carries_event_day_and_a_padded_sequence()
    {
        Assert.Equal("PR-12-20250901-003", ProcurementNumber.Format(12, Day, 3));
        Assert.Equal("PR-12-20250901-", ProcurementNumber.Prefix(12, Day));
    }
}
