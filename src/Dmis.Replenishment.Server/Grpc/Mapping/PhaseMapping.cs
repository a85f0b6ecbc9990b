using Dmis.Replenishment.Domain;
using DomainPhase = Dmis.Replenishment.Domain.Phases.EventPhase;
using ProtoPhase = Dmis.Replenishment.V1.EventPhase;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

public static class PhaseMapping
{
    public static ProtoPhase ToProto(this DomainPhase phase) => phase switch
    {
        DomainPhase.Surge => ProtoPhase.Surge,
        DomainPhase.Stabilized => ProtoPhase.Stabilized,
        _ => ProtoPhase.Baseline,
    };

    public static ProtoPhase PhaseWordToProto(string? word) =>
        Domain.Phases.EventPhaseWords.TryParse(word, out var phase) ? phase.ToProto() : ProtoPhase.Unspecified;

    /// <summary>A required phase field.</summary>
    public static DomainPhase ToDomain(this ProtoPhase phase, string field) =>
        phase.ToDomainOrNull(field) ?? throw new DomainValidationException(field, "is required: SURGE, STABILIZED or BASELINE");

    /// <summary>An optional phase field: UNSPECIFIED means "not given".</summary>
    public static DomainPhase? ToDomainOrNull(this ProtoPhase phase, string field) => phase switch
    {
        ProtoPhase.Unspecified => null,
        ProtoPhase.Surge => DomainPhase.Surge,
        ProtoPhase.Stabilized => DomainPhase.Stabilized,
        ProtoPhase.Baseline => DomainPhase.Baseline,
        _ => throw new DomainValidationException(field, $"{(int)phase} is not a phase: SURGE, STABILIZED or BASELINE"),
    };
}
