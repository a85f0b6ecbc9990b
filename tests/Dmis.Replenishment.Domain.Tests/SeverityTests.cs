using Dmis.Replenishment.Domain.Calculation;

namespace Dmis.Replenishment.Domain.Tests;

public class SeverityTests
{
    public static TheoryData<decimal?, SeverityLevel> Cases => new()
    {
        { 0m, SeverityLevel.Critical },
        { 7.99m, SeverityLevel.Critical },
        { 8m, SeverityLevel.Warning },
        { 23.99m, SeverityLevel.Warning },
        { 24m, SeverityLevel.Watch },
        { 71.99m, SeverityLevel.Watch },
        { 72m, SeverityLevel.Ok },
        { 500m, SeverityLevel.Ok },
        { null, SeverityLevel.Ok },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Severity_is_critical_under_8_hours_warning_under_24_watch_under_72_else_ok(decimal? hours, SeverityLevel expected)
    {
        Assert.Equal(expected, SeverityRules.Classify(hours));
    }

    [Fact]
    public void Exactly_8_hours_is_a_warning_because_critical_is_strictly_under_8()
    {
        Assert.Equal(SeverityLevel.Warning, SeverityRules.Classify(8.00m));
    }

    [Fact]
    public void Exactly_24_hours_is_watch()
    {
        Assert.Equal(SeverityLevel.Watch, SeverityRules.Classify(24.00m));
    }

    [Fact]
    public void Exactly_72_hours_is_ok()
    {
        Assert.Equal(SeverityLevel.Ok, SeverityRules.Classify(72.00m));
    }

    [Fact]
    public void No_demand_is_ok()
    {
        Assert.Equal(SeverityLevel.Ok, SeverityRules.Classify(null));
    }

    [Theory]
    [InlineData(SeverityLevel.Critical, "CRITICAL")]
    [InlineData(SeverityLevel.Warning, "WARNING")]
    [InlineData(SeverityLevel.Watch, "WATCH")]
    [InlineData(SeverityLevel.Ok, "OK")]
    public void Severities_are_written_and_read_as_the_database_words(SeverityLevel severity, string word)
    {
        Assert.Equal(word, severity.ToWord());
        Assert.Equal(severity, SeverityLevelWords.Parse(word));
    }
}
