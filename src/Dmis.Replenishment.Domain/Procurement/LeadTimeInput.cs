namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// A <c>lead_time_config</c> row as a caller sends it. Ids are null when not given (the API's 0);
/// <see cref="Horizon"/> is null when unspecified; <see cref="EffectiveFrom"/> null means today.
/// </summary>
public sealed record LeadTimeInput(
    LeadTimeHorizon? Horizon,
    int? FromWarehouseId,
    int? ToWarehouseId,
    int? SupplierId,
    int LeadTimeHours,
    bool IsDefault,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveTo);
