namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>A procurement line as entered: item, ordered quantity and unit price (JMD; null while unpriced).</summary>
public sealed record ProcurementLineInput(int ItemId, decimal OrderedQty, decimal? UnitPrice);
