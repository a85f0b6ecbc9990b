using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Server.Application.EventPhases;
using Dmis.Replenishment.V1;
using DomainParameters = Dmis.Replenishment.Domain.Phases.PhaseParameters;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

public static class EventMapping
{
    public static Event ToProto(this EventRow row) => new()
    {
        EventId = row.EventId,
        EventType = row.EventType,
        EventName = row.EventName,
        EventDesc = row.EventDesc ?? "",
        StartDate = row.StartDate.ToDate(),
        Status = row.IsActive ? EventStatus.Active : EventStatus.Closed,
        ClosedDate = row.ClosedDate.ToDate(),
        CurrentPhase = PhaseMapping.PhaseWordToProto(row.CurrentPhase),
        PhaseChangedAt = row.PhaseChangedAt.ToTimestamp(),
        PhaseChangedBy = row.PhaseChangedBy ?? "",
        Version = row.VersionNbr,
    };

    public static PhaseChange ToProto(this PhaseHistoryRow row) => new()
    {
        HistoryId = row.HistoryId,
        EventId = row.EventId,
        FromPhase = PhaseMapping.PhaseWordToProto(row.FromPhase),
        ToPhase = PhaseMapping.PhaseWordToProto(row.ToPhase),
        ChangedAt = row.ChangedAt.ToTimestamp(),
        ChangedBy = row.ChangedBy ?? "",
        Reason = row.ReasonText ?? "",
    };

    public static PhaseConfig ToProto(this PhaseConfiguration config) => new()
    {
        EventId = config.EventId,
        Phase = config.Phase.ToProto(),
        Parameters = config.Parameters.ToProto(),
        IsActive = config.IsActive,
        IsDefault = config.IsDefault,
        Version = config.Version,
    };

    public static PhaseParameters ToProto(this DomainParameters parameters) => new()
    {
        DemandWindowHours = parameters.DemandWindowHours,
        PlanningWindowHours = parameters.PlanningWindowHours,
        SafetyBufferPct = parameters.SafetyBufferPct.ToProto(),
        SafetyFactor = parameters.SafetyFactor.ToProto(),
        FreshnessThresholdHours = parameters.FreshnessThresholdHours,
        StaleThresholdHours = parameters.StaleThresholdHours,
    };

    public static DomainParameters ToDomain(this PhaseParameters? parameters)
    {
        if (parameters is null)
        {
            throw new Domain.DomainValidationException("parameters", "is required");
        }

        return new DomainParameters(
            parameters.DemandWindowHours,
            parameters.PlanningWindowHours,
            ProtoValues.ParseRequired(parameters.SafetyBufferPct, "parameters.safety_buffer_pct"),
            ProtoValues.ParseRequired(parameters.SafetyFactor, "parameters.safety_factor"),
            parameters.FreshnessThresholdHours,
            parameters.StaleThresholdHours);
    }

    public static EventStatus StatusFromCode(string code) => code == "A" ? EventStatus.Active : EventStatus.Closed;

    public static string? ToStatusCode(this EventStatus status) => status switch
    {
        EventStatus.Active => "A",
        EventStatus.Closed => "C",
        _ => null,
    };
}
