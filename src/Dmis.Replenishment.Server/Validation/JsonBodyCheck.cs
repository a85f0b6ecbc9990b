using System.Text.Json;
using Dmis.Replenishment.Domain;
using Google.Protobuf.Reflection;

namespace Dmis.Replenishment.Server.Validation;

/// <summary>
/// The values of a JSON request body that cannot be of their field's type (text where a number goes, a
/// number where a list goes, an unknown phase), each named by its path as the RPC's own validation names
/// fields: <c>assumptions.item_demand_multipliers[0].item_id</c>. Properties that name no field are left to
/// the transcoder.
/// </summary>
internal static class JsonBodyCheck
{
    public static void Check(MessageDescriptor message, JsonElement body, string prefix, List<FieldViolation> violations)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in body.EnumerateObject())
        {
            if (FieldValueRules.FieldNamed(message, property.Name) is not { } field)
            {
                continue;
            }

            var path = prefix + field.Name;
            var value = property.Value;
            if (field.IsMap)
            {
                CheckEntries(field, value, path, violations);
            }
            else if (field.IsRepeated)
            {
                CheckElements(field, value, path, violations);
            }
            else
            {
                CheckValue(field, value, path, violations);
            }
        }
    }

    private static void CheckEntries(FieldDescriptor map, JsonElement value, string path, List<FieldViolation> violations)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            var valueField = map.MessageType.FindFieldByName("value")!;
            foreach (var entry in value.EnumerateObject())
            {
                CheckValue(valueField, entry.Value, $"{path}[{entry.Name}]", violations);
            }
        }
        else if (value.ValueKind != JsonValueKind.Null)
        {
            violations.Add(Refusal(path, value, "an object"));
        }
    }

    private static void CheckElements(FieldDescriptor field, JsonElement value, string path, List<FieldViolation> violations)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var element in value.EnumerateArray())
            {
                CheckValue(field, element, $"{path}[{i++}]", violations);
            }
        }
        else if (value.ValueKind != JsonValueKind.Null)
        {
            violations.Add(Refusal(path, value, "a list"));
        }
    }

    private static void CheckValue(FieldDescriptor field, JsonElement value, string path, List<FieldViolation> violations)
    {
        if (!FieldValueRules.FitsJson(field, value))
        {
            violations.Add(Refusal(path, value, FieldValueRules.ExpectedInJson(field) ?? "of this field's type"));
        }
        else if (value.ValueKind == JsonValueKind.Object && !FieldValueRules.IsWellKnown(field.MessageType))
        {
            Check(field.MessageType, value, path + ".", violations);
        }
    }

    private static FieldViolation Refusal(string path, JsonElement value, string expected) =>
        new(path, $"{FieldValueRules.Excerpt(value.GetRawText())} is not {expected}");
}
