using Dmis.Replenishment.Domain.Freshness;

namespace Dmis.Replenishment.Domain.Tests;

public class FreshnessTests
{
    private static readonly DateTime AsOf = TestData.AsOf;

    [Theory]
    [InlineData(0, FreshnessLevel.High)]
    [InlineData(119, FreshnessLevel.High)]
    [InlineData(120, FreshnessLevel.Medium)]
    [InlineData(359, FreshnessLevel.Medium)]
    [InlineData(360, FreshnessLevel.Low)]
    [InlineData(10_000, FreshnessLevel.Low)]
    public void Freshness_is_high_under_the_fresh_threshold_medium_under_the_stale_threshold_else_low(int minutesOld, FreshnessLevel expected)
    {
        var assessment = FreshnessRules.Assess(AsOf.AddMinutes(-minutesOld), AsOf, 2, 6);

        Assert.Equal(expected, assessment.Level);
    }

    [Fact]
    public void Age_exactly_at_the_fresh_threshold_is_medium()
    {
        Assert.Equal(FreshnessLevel.Medium, FreshnessRules.Assess(AsOf.AddHours(-2), AsOf, TestData.Surge).Level);
    }

    [Fact]
    public void Age_exactly_at_the_stale_threshold_is_low()
    {
        Assert.Equal(FreshnessLevel.Low, FreshnessRules.Assess(AsOf.AddHours(-6), AsOf, TestData.Surge).Level);
    }

    [Fact]
    public void A_second_under_the_fresh_threshold_is_still_high()
    {
        var assessment = FreshnessRules.Assess(AsOf.AddHours(-2).AddSeconds(1), AsOf, 2, 6);

        Assert.Equal(FreshnessLevel.High, assessment.Level);
        Assert.Equal(2.00m, assessment.AgeHours);
    }

    [Fact]
    public void Never_synced_is_unknown_on_dashboards_and_low_for_calculations()
    {
        var assessment = FreshnessRules.Assess(null, AsOf, 2, 6);

        Assert.Equal(FreshnessLevel.Unknown, assessment.Level);
        Assert.Equal(FreshnessLevel.Low, assessment.CalculationLevel);
        Assert.Null(assessment.AgeHours);
        Assert.True(assessment.NeverSynced);
    }

    [Fact]
    public void Age_is_in_hours_rounded_to_two_places()
    {
        Assert.Equal(7.5m, FreshnessRules.Assess(AsOf.AddMinutes(-450), AsOf, 2, 6).AgeHours);
        Assert.Equal(1.01m, FreshnessRules.Assess(AsOf.AddSeconds(-3618), AsOf, 2, 6).AgeHours);
    }

    [Fact]
    public void A_sync_stamped_after_as_of_counts_as_age_zero()
    {
        var assessment = FreshnessRules.Assess(AsOf.AddMinutes(5), AsOf, 2, 6);

        Assert.Equal(FreshnessLevel.High, assessment.Level);
        Assert.Equal(0m, assessment.AgeHours);
    }

    [Fact]
    public void Overall_freshness_is_the_worst_level_with_never_synced_counting_as_low()
    {
        Assert.Equal(FreshnessLevel.Medium, FreshnessRules.Worst([FreshnessLevel.High, FreshnessLevel.Medium]));
        Assert.Equal(FreshnessLevel.Low, FreshnessRules.Worst([FreshnessLevel.High, FreshnessLevel.Unknown]));
        Assert.Equal(FreshnessLevel.Unknown, FreshnessRules.Worst([]));
    }

    [Theory]
    [InlineData(FreshnessLevel.High, "HIGH")]
    [InlineData(FreshnessLevel.Medium, "MEDIUM")]
    [InlineData(FreshnessLevel.Low, "LOW")]
    [InlineData(FreshnessLevel.Unknown, "UNKNOWN")]
    public void Freshness_levels_are_written_and_read_as_words(FreshnessLevel level, string word)
    {
        Assert.Equal(word, level.ToWord());
        Assert.Equal(level, FreshnessLevelWords.Parse(word));
    }
}
