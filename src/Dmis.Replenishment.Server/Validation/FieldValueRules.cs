using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Dmis.Replenishment.Server.Validation;

/// <summary>
/// Whether a value written by an HTTP/JSON caller (path or query text, or a JSON value) can be of a request
/// field's type, by the proto3 JSON mapping. Deliberately no stricter than JSON transcoding: what passes
/// here is decoded, or refused, by the transcoder as before; what fails here would fail there too.
/// </summary>
internal static class FieldValueRules
{
    /// <summary>The field a caller names, by its proto name or its JSON name (the transcoder accepts both).</summary>
    public static FieldDescriptor? FieldNamed(MessageDescriptor message, string name) =>
        message.FindFieldByName(name) ?? message.Fields.InDeclarationOrder().FirstOrDefault(field => field.JsonName == name);

    /// <summary>A well-known type (timestamp, duration, struct, ...): its own JSON form, judged by the transcoder.</summary>
    public static bool IsWellKnown(MessageDescriptor message) => message.File.Package == "google.protobuf";

    /// <summary>A refused value as an error message quotes it: at most 40 characters.</summary>
    public static string Excerpt(string value) => value.Length > 40 ? value[..40] + "..." : value;

    /// <summary>What the field takes, in words, for the fields checked here; null for the others.</summary>
    public static string? Expected(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Message when IsWrapper(field.MessageType) => Expected(field.MessageType.FindFieldByName("value")!),
        FieldType.Message when field.MessageType.FullName == Timestamp.Descriptor.FullName => "a time in RFC 3339 (2026-12-05T08:00:00Z)",
        FieldType.Message when !IsWellKnown(field.MessageType) => "an object",
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => "a whole number from -2147483648 to 2147483647",
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => "a whole number of at most 19 digits",
        FieldType.UInt32 or FieldType.Fixed32 => "a whole number from 0 to 4294967295",
        FieldType.UInt64 or FieldType.Fixed64 => "a whole number from 0 of at most 20 digits",
        FieldType.Float or FieldType.Double => "a number",
        FieldType.Bool => "true or false",
        FieldType.Enum => "one of " + string.Join(", ", field.EnumType.Values.Select(value => value.Name)),
        FieldType.String => "text",
        _ => null,
    };

    /// <summary>As <see cref="Expected"/>, for a JSON body: 32-bit numbers are JSON numbers there, never text.</summary>
    public static string? ExpectedInJson(FieldDescriptor field) => field.FieldType
        is FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 or FieldType.UInt32 or FieldType.Fixed32
        ? Expected(field) + ", written without quotes"
        : Expected(field);

    /// <summary>A path or query value: text, as the transcoder converts it.</summary>
    public static bool FitsText(FieldDescriptor field, string text) => field.FieldType switch
    {
        FieldType.Message when IsWrapper(field.MessageType) => FitsText(field.MessageType.FindFieldByName("value")!, text),
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        FieldType.UInt32 or FieldType.Fixed32 => uint.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        FieldType.UInt64 or FieldType.Fixed64 => ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        FieldType.Float or FieldType.Double => double.TryParse(text, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _),
        FieldType.Bool => bool.TryParse(text, out _),
        FieldType.Enum => IsEnumValue(field.EnumType, text),
        _ => true,
    };

    /// <summary>
    /// One JSON value of a singular field, or one element of a repeated one, as the transcoder reads it: 32-bit
    /// integers and enum numbers as JSON numbers only, 64-bit ones as numbers or text, enum names exactly,
    /// a timestamp as RFC 3339 text. Null always fits.
    /// </summary>
    public static bool FitsJson(FieldDescriptor field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (field.FieldType == FieldType.Message)
        {
            var type = field.MessageType;
            return IsWrapper(type) ? FitsJson(type.FindFieldByName("value")!, value)
                : type.FullName == Timestamp.Descriptor.FullName ? value.ValueKind == JsonValueKind.String && IsTimestamp(value)
                : IsWellKnown(type) || value.ValueKind == JsonValueKind.Object;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number => field.FieldType switch
            {
                FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 or FieldType.Enum => value.TryGetInt32(out _),
                FieldType.UInt32 or FieldType.Fixed32 => value.TryGetUInt32(out _),
                FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => value.TryGetInt64(out _),
                FieldType.UInt64 or FieldType.Fixed64 => value.TryGetUInt64(out _),
                FieldType.Float or FieldType.Double => true,
                _ => false,
            },
            JsonValueKind.String => field.FieldType is FieldType.String or FieldType.Bytes || (Text(value) is { } text && FitsJsonText(field, text)),
            JsonValueKind.True or JsonValueKind.False => field.FieldType == FieldType.Bool,
            _ => false,
        };
    }

    private static bool FitsJsonText(FieldDescriptor field, string text) => field.FieldType switch
    {
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 or FieldType.UInt32 or FieldType.Fixed32 => false,
        FieldType.Enum => field.EnumType.FindValueByName(text) is not null,
        FieldType.Float or FieldType.Double => text is "NaN" or "Infinity" or "-Infinity" || FitsText(field, text),
        _ => FitsText(field, text),
    };

    /// <summary>A JSON string's text; null when it holds an unpaired surrogate, which no number, name or time does.</summary>
    private static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static bool IsTimestamp(JsonElement value)
    {
        if (Text(value) is null)
        {
            return false;
        }

        try
        {
            JsonParser.Default.Parse<Timestamp>(value.GetRawText());
            return true;
        }
        catch (Exception exception) when (exception is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return false;
        }
    }

    /// <summary>google.protobuf.Int32Value and its kin: in JSON, the bare value.</summary>
    private static bool IsWrapper(MessageDescriptor message) =>
        IsWellKnown(message) && message.Name.EndsWith("Value", StringComparison.Ordinal) && message.Name is not ("Value" or "ListValue");

    private static bool IsEnumValue(EnumDescriptor type, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        || type.Values.Any(value => string.Equals(value.Name, text, StringComparison.OrdinalIgnoreCase));
}
