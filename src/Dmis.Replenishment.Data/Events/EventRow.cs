namespace Dmis.Replenishment.Data.Events;

/// <summary>An event as stored: legacy columns plus the EP-02 phase columns.</summary>
public sealed record EventRow(
    int EventId,
    string EventType,
    string EventName,
    string? EventDesc,
    DateOnly? StartDate,
    string StatusCode,
    DateOnly? ClosedDate,
    string CurrentPhase,
    DateTime? PhaseChangedAt,
    string? PhaseChangedBy,
    int VersionNbr)
{
    public bool IsActive => StatusCode == "A";
}

/// <summary>One row of event_phase_history.</summary>
public sealed record PhaseHistoryRow(
    int HistoryId,
    int EventId,
    string? FromPhase,
    string ToPhase,
    DateTime ChangedAt,
    string? ChangedBy,
    string? ReasonText);

/// <summary>An event's row of event_phase_config.</summary>
public sealed record PhaseConfigRow(
    int ConfigId,
    int EventId,
    string Phase,
    int DemandWindowHours,
    int PlanningWindowHours,
    decimal SafetyBufferPct,
    decimal SafetyFactor,
    int FreshnessThresholdHours,
    int StaleThresholdHours,
    bool IsActive,
    int VersionNbr);
