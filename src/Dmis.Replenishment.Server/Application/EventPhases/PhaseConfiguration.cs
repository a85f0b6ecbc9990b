using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Server.Application.EventPhases;

/// <summary>An event's parameters for a phase: its own row, or the SPEC defaults.</summary>
public sealed record PhaseConfiguration(
    int EventId, EventPhase Phase, PhaseParameters Parameters, bool IsActive, bool IsDefault, int Version)
{
    public static PhaseConfiguration Defaults(int eventId, EventPhase phase) =>
        new(eventId, phase, PhaseParameters.DefaultFor(phase), IsActive: true, IsDefault: true, Version: 0);

    public static PhaseConfiguration From(PhaseConfigRow row) =>
        new(row.EventId,
            EventPhaseWords.Parse(row.Phase),
            new PhaseParameters(row.DemandWindowHours, row.PlanningWindowHours, row.SafetyBufferPct, row.SafetyFactor,
                row.FreshnessThresholdHours, row.StaleThresholdHours),
            row.IsActive,
            IsDefault: false,
            row.VersionNbr);

    public static PhaseConfigRow ToRow(int eventId, EventPhase phase, PhaseParameters p, bool isActive) =>
        new(0, eventId, phase.ToWord(), p.DemandWindowHours, p.PlanningWindowHours, p.SafetyBufferPct, p.SafetyFactor,
            p.FreshnessThresholdHours, p.StaleThresholdHours, isActive, 0);
}
