namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>Checks that a decimal input fits a <c>NUMERIC(precision, scale)</c> column exactly.</summary>
public static class DecimalRules
{
    /// <summary>True when <paramref name="value"/> needs no more than <paramref name="places"/> decimals (1.500 has 1).</summary>
    public static bool HasAtMostDecimals(decimal value, int places) => decimal.Round(value, places) == value;

    /// <summary>The largest value of <c>NUMERIC(precision, scale)</c>: (15,2) gives 9999999999999.99.</summary>
    public static decimal NumericMax(int precision, int scale)
    {
        var whole = 1m;
        for (var i = 0; i < precision - scale; i++)
        {
            whole *= 10m;
        }

        var step = 1m;
        for (var i = 0; i < scale; i++)
        {
            step /= 10m;
        }

        return whole - step;
    }

    /// <summary>The largest NUMERIC(15,2) quantity (needs-list and procurement quantities and totals).</summary>
    public static readonly decimal MaxQuantity = NumericMax(15, 2);

    /// <summary>
    /// Adds a violation to <paramref name="violations"/> unless <paramref name="value"/> is within
    /// [minimum or above minimum when <paramref name="minimumExclusive"/>, NUMERIC(15,2)] with at most 2 decimals.
    /// </summary>
    internal static void CheckQuantity(
        List<FieldViolation> violations, string field, decimal value, decimal minimum, bool minimumExclusive, decimal? maximum = null)
    {
        var max = maximum ?? MaxQuantity;
        if (minimumExclusive ? value <= minimum : value < minimum)
        {
            violations.Add(new(field, minimumExclusive
                ? $"must be greater than {minimum}"
                : minimum == 0m ? "must not be negative" : $"must be at least {minimum}"));
        }
        else if (!HasAtMostDecimals(value, Rounding.QuantityDecimals))
        {
            violations.Add(new(field, "must have at most 2 decimal places"));
        }
        else if (value > max)
        {
            violations.Add(new(field, $"must be at most {max}"));
        }
    }
}
