using System.Globalization;
using System.Text;
using CsCheck;
using Google.Api;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace Dmis.Replenishment.IntegrationTests.Edges;

/// <summary>An HTTP/JSON request of a transcoded RPC: method, path with query, JSON body (null for GET).</summary>
public sealed record HttpCase(HttpMethod Method, string PathAndQuery, string? Body)
{
    public override string ToString() => $"{Method} {PathAndQuery} {Body}";
}

/// <summary>
/// Generators of hostile HTTP/JSON requests from each RPC's google.api.http rule and request descriptor:
/// JSON values of the wrong type, out of range, unknown enum names, NUL and unpaired surrogates as
/// \u escapes, impossible timestamps, in the body, the path and the query string.
/// </summary>
public static class MalformedJson
{
    private const int MaxDepth = 3;

    private static readonly string[] Numbers = ["0", "1", "2", "-1", "2147483647", "2147483648", "-2147483649", "1e999", "1.5", "\"7\"", "null", "true", "\"x\"", "9223372036854775808"];
    private static readonly string[] Moments =
    [
        "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59Z\"", "\"1970-01-01T00:00:00Z\"", "\"2026-13-45T00:00:00Z\"",
        "\"yesterday\"", "5", "null", "\"1999-12-31T23:59:59.999999999Z\"", $"\"{DateTime.UtcNow.AddHours(-2):yyyy-MM-ddTHH:mm:ss}Z\"",
    ];
    private static readonly string[] Dates = ["{\"year\":1,\"month\":1,\"day\":1}", "{\"year\":2026,\"month\":2,\"day\":30}", "\"2026-01-01\"", "{\"year\":2027,\"month\":6,\"day\":1}"];

    public static Gen<HttpCase> Request(MethodDescriptor method)
    {
        var rule = method.GetOptions().GetExtension(AnnotationsExtensions.Http);
        var (verb, template) = rule.PatternCase switch
        {
            HttpRule.PatternOneofCase.Get => (HttpMethod.Get, rule.Get),
            HttpRule.PatternOneofCase.Post => (HttpMethod.Post, rule.Post),
            HttpRule.PatternOneofCase.Put => (HttpMethod.Put, rule.Put),
            HttpRule.PatternOneofCase.Patch => (HttpMethod.Patch, rule.Patch),
            HttpRule.PatternOneofCase.Delete => (HttpMethod.Delete, rule.Delete),
            _ => throw new NotSupportedException(method.FullName),
        };

        var fields = method.InputType.Fields.InDeclarationOrder();
        var values = fields.Select(field => Gen.Frequency((1, Gen.Const((string?)null)), (3, Value(field, 0).Select(v => (string?)v))))
            .Aggregate(Gen.Const(Array.Empty<string?>()), (all, next) => Gen.Select(all, next, (list, value) => list.Append(value).ToArray()));
        var rawBody = Gen.OneOf("{", "[]", "null", "\"x\"", "{\"a\":", "{\"request_id\":\"\\ud800\"}");

        return Gen.Select(values, Gen.Bool, rawBody, Gen.Int[0, 19], (generated, camel, raw, dice) =>
        {
            var path = template;
            var query = new List<string>();
            var members = new List<string>();
            for (var i = 0; i < fields.Count; i++)
            {
                var field = fields[i];
                var placeholder = "{" + field.Name + "}";
                if (path.Contains(placeholder))
                {
                    path = path.Replace(placeholder, Uri.EscapeDataString(Unquote(generated[i] ?? "1")));
                }
                else if (generated[i] is { } value)
                {
                    var name = camel ? field.JsonName : field.Name;
                    if (verb == HttpMethod.Get)
                    {
                        query.AddRange(ScalarsOf(value).Select(scalar => $"{name}={Uri.EscapeDataString(scalar)}"));
                    }
                    else
                    {
                        members.Add($"\"{name}\":{value}");
                    }
                }
            }

            var body = verb == HttpMethod.Get ? null : dice == 0 ? raw : "{" + string.Join(",", members) + "}";
            return new HttpCase(verb, query.Count == 0 ? path : path + "?" + string.Join("&", query), body);
        });
    }

    private static Gen<string> Value(FieldDescriptor field, int depth)
    {
        var single = Single(field, depth);
        return field.IsRepeated
            ? Gen.Frequency((4, Gen.Int[0, 3].SelectMany(n => single.Array[n]).Select(items => "[" + string.Join(",", items) + "]")), (1, single))
            : single;
    }

    private static Gen<string> Single(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String when field.ContainingType.Name == "Decimal" => Gen.OneOf(MalformedValues.DecimalTexts).Select(Quote),
        FieldType.String => Gen.Frequency((4, Gen.OneOf(MalformedValues.Texts).Select(Quote)), (1, Gen.OneOf(Numbers))),
        FieldType.Int32 or FieldType.SInt32 or FieldType.Int64 or FieldType.SInt64 or FieldType.Double => Gen.OneOf(Numbers),
        FieldType.Bool => Gen.OneOf("true", "false", "\"yes\"", "1", "null"),
        FieldType.Enum => Gen.OneOf(field.EnumType.Values.Select(v => Quote(v.Name)).Concat(["\"NOPE\"", "99", "-1", "0", "\"\""]).ToArray()),
        FieldType.Message when field.MessageType.ClrType == typeof(Timestamp) => Gen.OneOf(Moments),
        FieldType.Message when field.MessageType.ClrType == typeof(Google.Type.Date) => Gen.OneOf(Dates),
        FieldType.Message when depth >= MaxDepth => Gen.Const("null"),
        FieldType.Message => Object(field.MessageType, depth + 1),
        _ => throw new NotSupportedException($"{field.FullName}: {field.FieldType}"),
    };

    private static Gen<string> Object(MessageDescriptor descriptor, int depth)
    {
        var members = descriptor.Fields.InDeclarationOrder()
            .Select(field => Gen.Frequency((1, Gen.Const((string?)null)), (2, Value(field, depth).Select(v => (string?)$"\"{field.Name}\":{v}"))))
            .Aggregate(Gen.Const(Array.Empty<string?>()), (all, next) => Gen.Select(all, next, (list, member) => list.Append(member).ToArray()));
        return Gen.Frequency((6, members.Select(list => "{" + string.Join(",", list.OfType<string>()) + "}")), (1, Gen.OneOf("null", "[]", "\"x\"")));
    }

    /// <summary>A JSON string literal, every non-ASCII or control character as a \u escape (so unpaired surrogates survive).</summary>
    public static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(c is < ' ' or > '~' or '"' or '\\' ? "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture) : c.ToString());
        }

        return json.Append('"').ToString();
    }

    private static string Unquote(string json) =>
        json.Length >= 2 && json[0] == '"' ? System.Text.RegularExpressions.Regex.Unescape(json[1..^1]) : json;

    private static IEnumerable<string> ScalarsOf(string json) => json.StartsWith('[')
        ? json.Trim('[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Unquote)
        : json.StartsWith('{') ? [] : [Unquote(json)];
}
