using Dmis.Replenishment.Domain;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Dmis.Replenishment.Server.Validation;

/// <summary>
/// The rules every request field obeys, whatever the RPC, read from the message's descriptor:
/// text without NUL and well-formed (valid UTF-8 on the way to the database) within its length
/// limit, timestamps with valid nanos inside <see cref="TimestampRange"/>, dates in 2000..2100,
/// at most <see cref="FieldLimits.MaxEntries"/> entries in a repeated field.
/// Violations name the field by its path (parameters.safety_factor, lines[2].unit_price.value).
/// </summary>
public static class MessageRules
{
    public static IReadOnlyList<FieldViolation> Check(IMessage message, DateTimeOffset now)
    {
        var violations = new List<FieldViolation>();
        CheckMessage(message, "", now, violations);
        return violations;
    }

    private static void CheckMessage(IMessage message, string prefix, DateTimeOffset now, List<FieldViolation> violations)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var path = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var entries = ((System.Collections.IList)value).Cast<object>().ToList();
                var maxEntries = FieldLimits.MaxEntries(field.Name);
                if (entries.Count > maxEntries)
                {
                    violations.Add(new(path, $"must have at most {maxEntries} entries"));
                    continue;
                }

                for (var i = 0; i < entries.Count; i++)
                {
                    CheckValue(field, entries[i], $"{path}[{i}]", now, violations);
                }
            }
            else if (value is not null)
            {
                CheckValue(field, value, path, now, violations);
            }
        }
    }

    private static void CheckValue(FieldDescriptor field, object value, string path, DateTimeOffset now, List<FieldViolation> violations)
    {
        switch (value)
        {
            case string text:
                CheckText(text, field.Name, path, violations);
                break;
            case Timestamp timestamp:
                CheckTimestamp(timestamp, field.Name, path, now, violations);
                break;
            case Google.Type.Date date when date.Year != 0 && date.Year is < 2000 or > 2100:
                violations.Add(new(path, "must be a date from 2000-01-01 to 2100-12-31"));
                break;
            case IMessage nested:
                CheckMessage(nested, path + ".", now, violations);
                break;
        }
    }

    private static void CheckText(string text, string name, string path, List<FieldViolation> violations)
    {
        var max = FieldLimits.MaxLength(name);
        if (text.Length > max)
        {
            violations.Add(new(path, $"must be at most {max} characters"));
        }
        else if (text.Contains('\0'))
        {
            violations.Add(new(path, "must not contain NUL characters"));
        }
        else if (!IsWellFormed(text))
        {
            violations.Add(new(path, "must be valid UTF-8 (it holds an unpaired surrogate)"));
        }
    }

    /// <summary>False for an unpaired UTF-16 surrogate, which has no UTF-8 form (JSON's "\ud800" gives one).</summary>
    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckTimestamp(Timestamp timestamp, string name, string path, DateTimeOffset now, List<FieldViolation> violations)
    {
        if (timestamp.Nanos is < 0 or > 999_999_999)
        {
            violations.Add(new(path, "nanos must be from 0 to 999,999,999"));
            return;
        }

        var latest = TimestampRange.Latest(name, now);
        if (timestamp.Seconds < TimestampRange.Earliest.ToUnixTimeSeconds() || timestamp.Seconds > latest.ToUnixTimeSeconds())
        {
            violations.Add(new(path, $"must be from {TimestampRange.Earliest:yyyy-MM-dd} to {latest:yyyy-MM-ddTHH:mm:ss}Z"));
        }
    }
}
