using System.Globalization;
using Dmis.Replenishment.Domain.Errors;

namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>Shared shape of the generated document numbers: prefix + sequence padded to 3 digits, at most 30 characters.</summary>
public static class DocumentNumber
{
    public const int MaxLength = 30;

    public static string Format(string prefix, int seq, string what)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seq);
        var number = prefix + seq.ToString("D3", CultureInfo.InvariantCulture);
        if (number.Length > MaxLength)
        {
            throw new PreconditionFailedException(
                $"{what} {number} is {number.Length} characters long; at most {MaxLength} fit");
        }

        return number;
    }

    /// <summary>The sequence at the end of a number made by <see cref="Format"/>, or null when it is not one of <paramref name="prefix"/>.</summary>
    public static int? SequenceOf(string number, string prefix) =>
        number.StartsWith(prefix, StringComparison.Ordinal)
        && int.TryParse(number.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            ? seq
            : null;
}
