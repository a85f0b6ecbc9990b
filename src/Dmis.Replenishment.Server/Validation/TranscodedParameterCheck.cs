using System.Globalization;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Server.Errors;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace Dmis.Replenishment.Server.Validation;

/// <summary>
/// The path and query values of an HTTP/JSON call, checked against the request fields they bind to before
/// JSON transcoding parses them. The transcoder refuses a value that is not of its field's type (a word
/// where an id goes, a number beyond the field's range) with a bare "The input string 'x' was not in a
/// correct format." that names no field; here such a value is 400 INVALID_ARGUMENT naming its field, as
/// every other refusal is. Values of the right shape, and parameters that bind to no numeric or boolean
/// field, pass on untouched: the transcoder and the RPC judge them as before.
/// </summary>
public static class TranscodedParameterCheck
{
    public static IApplicationBuilder UseTranscodedParameterCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var method = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>()?.MethodDescriptor;
            var violations = method is null ? [] : Violations(method.InputType, context.Request);
            if (violations.Count == 0)
            {
                await next(context);
                return;
            }

            await HttpStatusBody.From(RpcErrors.InvalidArgument(violations)).ExecuteAsync(context);
        });

    private static List<FieldViolation> Violations(MessageDescriptor request, HttpRequest http)
    {
        var violations = new List<FieldViolation>();
        foreach (var (name, value) in http.RouteValues)
        {
            Check(request, name, [value as string], violations);
        }

        foreach (var (name, values) in http.Query)
        {
            Check(request, name, [.. values], violations);
        }

        return violations;
    }

    private static void Check(MessageDescriptor request, string path, string?[] values, List<FieldViolation> violations)
    {
        if (Field(request, path) is not { } field)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value && !Fits(ScalarType(field), value))
            {
                var name = field.IsRepeated ? $"{field.Name}[{i}]" : field.Name;
                var shown = value.Length > 40 ? value[..40] + "..." : value;
                violations.Add(new FieldViolation(name, $"'{shown}' is not {Expected(ScalarType(field))}"));
            }
        }
    }

    /// <summary>The field a dotted path names (proto or JSON names, as the transcoder accepts both), if it is one to check.</summary>
    private static FieldDescriptor? Field(MessageDescriptor message, string path)
    {
        FieldDescriptor? field = null;
        foreach (var part in path.Split('.'))
        {
            if (field is not null)
            {
                if (field.FieldType != FieldType.Message || IsWrapper(field.MessageType))
                {
                    return null;
                }

                message = field.MessageType;
            }

            field = message.FindFieldByName(part) ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == part);
            if (field is null)
            {
                return null;
            }
        }

        return field is not null && Expected(ScalarType(field)) is not null ? field : null;
    }

    private static bool IsWrapper(MessageDescriptor message) => message.File.Package == "google.protobuf" && message.Name.EndsWith("Value", StringComparison.Ordinal);

    /// <summary>The field's scalar type, looking through a wrapper (google.protobuf.Int32Value and the like).</summary>
    private static FieldType ScalarType(FieldDescriptor field) =>
        field.FieldType == FieldType.Message && IsWrapper(field.MessageType)
            ? field.MessageType.FindFieldByName("value")!.FieldType
            : field.FieldType;

    private static string? Expected(FieldType type) => type switch
    {
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => "a whole number from -2147483648 to 2147483647",
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => "a whole number of at most 19 digits",
        FieldType.UInt32 or FieldType.Fixed32 => "a whole number from 0 to 4294967295",
        FieldType.UInt64 or FieldType.Fixed64 => "a whole number from 0 of at most 20 digits",
        FieldType.Float or FieldType.Double => "a number",
        FieldType.Bool => "true or false",
        _ => null,
    };

    private static bool Fits(FieldType type, string value) => type switch
    {
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        FieldType.UInt32 or FieldType.Fixed32 => uint.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        FieldType.UInt64 or FieldType.Fixed64 => ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        FieldType.Float or FieldType.Double => double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _),
        FieldType.Bool => bool.TryParse(value, out _),
        _ => true,
    };
}
