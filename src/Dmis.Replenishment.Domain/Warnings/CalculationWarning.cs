namespace Dmis.Replenishment.Domain.Warnings;

/// <summary>A warning with a stable machine code (see <see cref="WarningCodes"/>) and a message for people.</summary>
public sealed record CalculationWarning(string Code, string Message, int? ItemId = null, int? WarehouseId = null);
