using CsCheck;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Dmis.Replenishment.IntegrationTests.Edges;

/// <summary>
/// Generators of hostile request fields, driven by each message's descriptor: the values a careless or
/// malicious client sends (NUL, unpaired surrogates, huge text, extreme numbers, impossible moments,
/// unknown enum numbers), mixed with ordinary ones so that calls also reach the deeper code.
/// </summary>
public static class MalformedValues
{
    private const int MaxDepth = 3;

    public static readonly string[] Texts =
    [
        "", "x", "REQ-1", "\0", "a\0b", "\ud800", "x\udc00y", "🙂", new string('x', 300), new string('é', 5000),
        "' or 1=1 --", "-1", "99999999999999999999", "SURGE", "OTHER", "%00", "\\u0000", "  ",
    ];

    public static readonly string[] DecimalTexts =
    [
        "", "1", "0", "-1", "0.001", "12.50", "9999999999999.99", "10000000000000", "79228162514264337593543950335",
        "1e400", "NaN", "abc", "-0", "1.", ".5", "99999999999999999999999999999999999", "\0", "1,5",
    ];

    public static readonly int[] Int32s = [0, 1, 2, 3, -1, int.MaxValue, int.MinValue, 8760, 8761, 1_000_000];

    public static readonly long[] Int64s = [0, 1, -1, long.MaxValue, long.MinValue];

    private static readonly Timestamp[] Moments =
    [
        new() { Seconds = -62135596800 }, // 0001-01-01
        new() { Seconds = 253402300799 }, // 9999-12-31
        new() { Seconds = 0 },
        new() { Seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds() },
        new() { Seconds = DateTimeOffset.UtcNow.AddHours(-3).ToUnixTimeSeconds() },
        new() { Seconds = DateTimeOffset.UtcNow.AddYears(1).ToUnixTimeSeconds() },
        new() { Seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Nanos = 1_000_000_000 },
        new() { Seconds = 1, Nanos = -1 },
        new() { Seconds = long.MaxValue },
        new() { Seconds = long.MinValue },
    ];

    private static readonly Google.Type.Date[] Dates =
    [
        new(), new() { Year = 1, Month = 1, Day = 1 }, new() { Year = 9999, Month = 12, Day = 31 },
        new() { Year = 2026, Month = 2, Day = 30 }, new() { Year = 2027, Month = 6, Day = 1 }, new() { Year = -5, Month = 13, Day = 0 },
    ];

    /// <summary>A message of <paramref name="descriptor"/> whose every field is left unset or given a generated value.</summary>
    public static Gen<IMessage> Message(MessageDescriptor descriptor, int depth = 0)
    {
        if (descriptor.ClrType == typeof(Timestamp))
        {
            return Gen.OneOf(Moments).Select(moment => (IMessage)moment.Clone());
        }

        if (descriptor.ClrType == typeof(Google.Type.Date))
        {
            return Gen.OneOf(Dates).Select(date => (IMessage)date.Clone());
        }

        var fields = descriptor.Fields.InDeclarationOrder()
            .Select(field => Field(field, depth).Select(value => (field, value)))
            .ToArray();
        return Gen.Select(fields.Length == 0 ? Gen.Const(Array.Empty<(FieldDescriptor, object?)>()) : Sequence(fields), values =>
        {
            var message = descriptor.Parser.ParseFrom(ByteString.Empty);
            foreach (var (field, value) in values)
            {
                Assign(message, field, value);
            }

            return message;
        });
    }

    private static Gen<(FieldDescriptor, object?)[]> Sequence(Gen<(FieldDescriptor, object?)>[] gens) =>
        gens.Aggregate(
            Gen.Const(Array.Empty<(FieldDescriptor, object?)>()),
            (all, next) => Gen.Select(all, next, (values, value) => (values.Append(value).ToArray())));

    /// <summary>null leaves the field unset (a third of the time); repeated fields get 0-3 entries.</summary>
    private static Gen<object?> Field(FieldDescriptor field, int depth)
    {
        if (field.FieldType == FieldType.Message && depth >= MaxDepth)
        {
            return Gen.Const((object?)null);
        }

        var single = Single(field, depth);
        var value = field.IsRepeated
            ? Gen.Int[0, 3].SelectMany(count => single.Array[count]).Select(values => (object?)values)
            : single.Select(v => (object?)v);
        return Gen.Frequency((1, Gen.Const((object?)null)), (2, value));
    }

    private static Gen<object> Single(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String when field.ContainingType.Name == "Decimal" => Gen.OneOf(DecimalTexts).Select(t => (object)t),
        FieldType.String => Gen.OneOf(Texts).Select(t => (object)t),
        FieldType.Int32 or FieldType.SInt32 => Gen.OneOf(Int32s).Select(i => (object)i),
        FieldType.Int64 or FieldType.SInt64 => Gen.OneOf(Int64s).Select(i => (object)i),
        FieldType.Bool => Gen.Bool.Select(b => (object)b),
        FieldType.Double => Gen.OneOf(0d, -1d, double.MaxValue, double.NaN).Select(d => (object)d),
        FieldType.Enum => Gen.OneOf(0, 1, 2, 3, 7, 99, -1).Select(n => (object)n),
        FieldType.Message => Message(field.MessageType, depth + 1).Select(m => (object)m),
        _ => throw new NotSupportedException($"{field.FullName}: {field.FieldType}"),
    };

    private static void Assign(IMessage message, FieldDescriptor field, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case object[] values:
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                foreach (var entry in values)
                {
                    list.Add(field.FieldType == FieldType.Enum ? System.Enum.ToObject(EnumType(field), entry) : entry);
                }

                return;
            default:
                field.Accessor.SetValue(message, field.FieldType == FieldType.Enum ? System.Enum.ToObject(EnumType(field), value) : value);
                return;
        }
    }

    private static System.Type EnumType(FieldDescriptor field) => field.EnumType.ClrType;
}
