using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.NeedsLists;
using static Dmis.Replenishment.Domain.Tests.TestData;

namespace Dmis.Replenishment.Domain.Tests;

/// <summary>SPEC 3, line order: severity, time to stockout, the item's criticality, item id.</summary>
public class LineOrderTests
{
    [Fact]
    public void Lines_of_equal_urgency_are_ordered_by_criticality_then_item_id()
    {
        var input = Input(
            Item(1) with { Criticality = "LOW" },
            Item(2) with { Criticality = "HIGH" },
            Item(3) with { Criticality = "CRITICAL" },
            Item(4) with { Criticality = "NORMAL" },
            Item(5) with { Criticality = "HIGH" });

        var lines = NeedsListCalculator.Calculate(input).Lines;

        Assert.Equal([3, 2, 5, 4, 1], lines.Select(line => line.Item.ItemId));
    }

    [Fact]
    public void Severity_and_time_to_stockout_come_before_criticality()
    {
        var input = Input(
            Item(1, available: 400m) with { Criticality = "LOW" },      // 4 h: CRITICAL
            Item(2, available: 500m) with { Criticality = "CRITICAL" }, // 5 h: CRITICAL
            Item(3, available: 1_000m) with { Criticality = "CRITICAL" }); // 10 h: WARNING

        var lines = NeedsListCalculator.Calculate(input).Lines;

        Assert.Equal([1, 2, 3], lines.Select(line => line.Item.ItemId));
    }

    [Theory]
    [InlineData("CRITICAL", CriticalityLevel.Critical)]
    [InlineData(" high ", CriticalityLevel.High)]
    [InlineData("NORMAL", CriticalityLevel.Normal)]
    [InlineData("LOW", CriticalityLevel.Low)]
    [InlineData(null, CriticalityLevel.Normal)]
    [InlineData("URGENT", CriticalityLevel.Normal)]
    public void Criticality_words_are_read_with_normal_for_anything_unknown(string? word, CriticalityLevel level)
    {
        Assert.Equal(level, CriticalityLevelWords.ParseOrNormal(word));
    }

    [Fact]
    public void Evaluate_names_the_gap_items_and_complete_uses_its_statuses()
    {
        var input = Input(Item(1), Item(2, available: 20_000m), Item(3));

        var evaluation = NeedsListCalculator.Evaluate(input);
        var result = NeedsListCalculator.Complete(input, evaluation);

        Assert.Equal([1, 3], evaluation.GapItemIds);
        Assert.Same(evaluation.Items[0].Status, result.Lines[0].Status);
    }
}
