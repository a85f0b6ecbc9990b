using System.Globalization;
using Dmis.Replenishment.Domain;
using Google.Protobuf.WellKnownTypes;
using ProtoDecimal = Dmis.Replenishment.V1.Decimal;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>Conversions between database/domain values and the wire's exact forms.</summary>
public static class ProtoValues
{
    public static ProtoDecimal ToProto(this decimal value) =>
        new() { Value = value.ToString(CultureInfo.InvariantCulture) };

    /// <summary>Absent values travel as an absent message.</summary>
    public static ProtoDecimal? ToProto(this decimal? value) => value?.ToProto();

    /// <summary>Reads a decimal field; null when the caller left it empty.</summary>
    public static decimal? ParseOptional(ProtoDecimal? value, string field)
    {
        if (value is null || string.IsNullOrWhiteSpace(value.Value))
        {
            return null;
        }

        if (!decimal.TryParse(value.Value.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var parsed))
        {
            throw new DomainValidationException(field, $"'{value.Value}' is not a decimal number such as 12.50");
        }

        return parsed;
    }

    public static decimal ParseRequired(ProtoDecimal? value, string field) =>
        ParseOptional(value, field) ?? throw new DomainValidationException(field, "is required");

    /// <summary>Database timestamps are UTC without a zone.</summary>
    public static Timestamp ToTimestamp(this DateTime utc) =>
        Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static Timestamp? ToTimestamp(this DateTime? utc) => utc?.ToTimestamp();

    public static Google.Type.Date? ToDate(this DateOnly? date) =>
        date is { } value ? new Google.Type.Date { Year = value.Year, Month = value.Month, Day = value.Day } : null;

    public static DateOnly? ToDateOnly(this Google.Type.Date? date, string field)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0))
        {
            return null;
        }

        try
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new DomainValidationException(field, $"{date.Year}-{date.Month}-{date.Day} is not a date");
        }
    }

    /// <summary>A UTC moment without a zone, as the database columns hold it.</summary>
    public static DateTime ToDatabaseUtc(this Timestamp timestamp) =>
        DateTime.SpecifyKind(timestamp.ToDateTime(), DateTimeKind.Unspecified);
}
