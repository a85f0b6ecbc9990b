using System.Globalization;
using System.Reflection;
using Google.Protobuf.Reflection;
using ProtoDecimal = Dmis.Replenishment.V1.Decimal;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace Dmis.Replenishment.Server.Exports;

/// <summary>How the contract's values read in an export: numbers exactly as the API sends them, enums as their words, UTC moments.</summary>
public static class ExportText
{
    private const string Unspecified = "UNSPECIFIED";

    /// <summary>The API's decimal string itself (never re-formatted); empty when absent.</summary>
    public static string Number(ProtoDecimal? value) => value?.Value ?? "";

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An enum value's word without its type prefix (SEVERITY_CRITICAL -> CRITICAL); empty for UNSPECIFIED.</summary>
    public static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        if (EqualityComparer<TEnum>.Default.Equals(value, default))
        {
            return "";
        }

        var name = OriginalName(value) ?? value.ToString();
        var prefix = OriginalName(default(TEnum)) is { } unspecified && unspecified.EndsWith(Unspecified, StringComparison.Ordinal)
            ? unspecified[..^Unspecified.Length]
            : "";
        return name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
    }

    /// <summary>An RFC 3339 UTC moment, as the JSON API writes whole seconds; empty when absent.</summary>
    public static string Moment(Timestamp? moment) =>
        moment is null ? "" : moment.ToDateTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A moment for people: "2026-12-04 14:00 UTC"; empty when absent.</summary>
    public static string Readable(Timestamp? moment) => moment is null ? "" : Readable(moment.ToDateTime());

    public static string Readable(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string? OriginalName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name;
}
