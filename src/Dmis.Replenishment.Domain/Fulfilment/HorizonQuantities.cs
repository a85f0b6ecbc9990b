namespace Dmis.Replenishment.Domain.Fulfilment;

/// <summary>A quantity per horizon of a needs-list line: A transfers, B donations, C procurement.</summary>
public readonly record struct HorizonQuantities(decimal A, decimal B, decimal C)
{
    public decimal Total => A + B + C;
}
