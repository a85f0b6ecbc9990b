namespace Dmis.Replenishment.Domain;

/// <summary>
/// The one place where the domain rounds. Half away from zero; quantities and hours
/// to 2 places, burn rates to 4. Results always carry exactly that many decimal places,
/// so <c>value.ToString(CultureInfo.InvariantCulture)</c> gives the canonical text
/// ("8300.00", "50.0000").
/// </summary>
public static class Rounding
{
    public const int QuantityDecimals = 2;
    public const int BurnRateDecimals = 4;
    public const int HoursDecimals = 2;

    private const decimal TwoPlaces = 0.00m;
    private const decimal FourPlaces = 0.0000m;

    /// <summary>A quantity, 2 places. Never negative: anything below zero becomes 0.00.</summary>
    public static decimal Quantity(decimal value) => Round(value, QuantityDecimals, TwoPlaces);

    /// <summary>A burn rate in units per hour, 4 places. Never negative.</summary>
    public static decimal BurnRate(decimal value) => Round(value, BurnRateDecimals, FourPlaces);

    /// <summary>A duration in hours (data age, time to stockout), 2 places. Never negative.</summary>
    public static decimal Hours(decimal value) => Round(value, HoursDecimals, TwoPlaces);

    private static decimal Round(decimal value, int decimals, decimal zeroWithScale)
    {
        if (decimal.IsNegative(value))
        {
            return zeroWithScale;
        }

        // Fast path for values that are already exact (database numerics usually are).
        return value.Scale == decimals
            ? value
            : Math.Round(value, decimals, MidpointRounding.AwayFromZero) + zeroWithScale;
    }
}
