using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Domain.Tests;

public class PhaseTests
{
    [Theory]
    [InlineData(EventPhase.Surge, "SURGE")]
    [InlineData(EventPhase.Stabilized, "STABILIZED")]
    [InlineData(EventPhase.Baseline, "BASELINE")]
    public void Phases_are_written_and_read_as_the_database_words(EventPhase phase, string word)
    {
        Assert.Equal(word, phase.ToWord());
        Assert.Equal(phase, EventPhaseWords.Parse(word));
        Assert.Equal(phase, EventPhaseWords.Parse($" {word.ToLowerInvariant()} "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RECOVERY")]
    public void An_unknown_phase_word_is_refused(string? word)
    {
        Assert.False(EventPhaseWords.TryParse(word, out _));
        Assert.Throws<FormatException>(() => EventPhaseWords.Parse(word));
    }

    [Theory]
    [InlineData(EventPhase.Surge, 6, 72, 50)]
    [InlineData(EventPhase.Stabilized, 72, 168, 25)]
    [InlineData(EventPhase.Baseline, 720, 720, 10)]
    public void Default_parameters_follow_the_spec_for_each_phase(EventPhase phase, int demandWindow, int planningWindow, int bufferPct)
    {
        var parameters = PhaseParameters.DefaultFor(phase);

        Assert.Equal(new PhaseParameters(demandWindow, planningWindow, bufferPct, 1.25m, 2, 6), parameters);
        Assert.Empty(parameters.Validate());
    }

    public static TheoryData<PhaseParameters, string> InvalidParameters => new()
    {
        { new PhaseParameters(0, 72, 50m, 1.25m, 2, 6), "demand_window_hours" },
        { new PhaseParameters(6, -1, 50m, 1.25m, 2, 6), "planning_window_hours" },
        { new PhaseParameters(6, 72, -0.01m, 1.25m, 2, 6), "safety_buffer_pct" },
        { new PhaseParameters(6, 72, 100.01m, 1.25m, 2, 6), "safety_buffer_pct" },
        { new PhaseParameters(6, 72, 50m, 0.99m, 2, 6), "safety_factor" },
        { new PhaseParameters(6, 72, 50m, 1.25m, 0, 6), "freshness_threshold_hours" },
        { new PhaseParameters(6, 72, 50m, 1.25m, 2, 2), "stale_threshold_hours" },
        { new PhaseParameters(int.MaxValue, 72, 50m, 1.25m, 2, 6), "demand_window_hours" },
        { new PhaseParameters(6, 8761, 50m, 1.25m, 2, 6), "planning_window_hours" },
        { new PhaseParameters(6, 72, 50m, 10.01m, 2, 6), "safety_factor" },
        { new PhaseParameters(6, 72, 50m, 1.255m, 2, 6), "safety_factor" },
        { new PhaseParameters(6, 72, 50.001m, 1.25m, 2, 6), "safety_buffer_pct" },
        { new PhaseParameters(6, 72, 50m, 1.25m, 2, 8761), "stale_threshold_hours" },
    };

    [Theory]
    [MemberData(nameof(InvalidParameters))]
    public void Validation_names_the_field_that_breaks_a_table_check(PhaseParameters parameters, string field)
    {
        var violation = Assert.Single(parameters.Validate());

        Assert.Equal(field, violation.Field);
    }

    [Fact]
    public void Validation_accepts_the_edges_of_the_table_checks()
    {
        var parameters = new PhaseParameters(1, 1, 0m, 1m, 1, 2);

        Assert.Empty(parameters.Validate());
        Assert.Empty((parameters with { SafetyBufferPct = 100m }).Validate());
        Assert.Empty(new PhaseParameters(8760, 8760, 100m, 10m, 8759, 8760).Validate());
    }
}
