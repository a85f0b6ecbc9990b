using System.Text.Json;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Server.Errors;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;

namespace Dmis.Replenishment.Server.Validation;

/// <summary>
/// An HTTP/JSON call's path values, query values and JSON body, checked against the request fields they
/// bind to before JSON transcoding decodes them. The transcoder refuses a value that is not of its field's
/// type with a bare "The input string 'x' was not in a correct format." or "Request JSON payload is not
/// correctly formatted." that names no field; here such a value is 400 INVALID_ARGUMENT naming its field,
/// as every other refusal is. Everything of the right shape passes on untouched, to be judged by the
/// transcoder and the RPC as before; so does a body that is not JSON at all (there is no field to name).
/// </summary>
public static class TranscodedRequestCheck
{
    public static IApplicationBuilder UseTranscodedRequestCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var transcoded = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
            var violations = transcoded is null
                ? []
                : await ViolationsAsync(transcoded.MethodDescriptor.InputType, transcoded.HttpRule.Body, context.Request);
            if (violations.Count == 0)
            {
                await next(context);
                return;
            }

            await HttpStatusBody.From(RpcErrors.InvalidArgument(violations)).ExecuteAsync(context);
        });

    private static async Task<List<FieldViolation>> ViolationsAsync(MessageDescriptor request, string body, HttpRequest http)
    {
        var violations = new List<FieldViolation>();
        foreach (var (name, value) in http.RouteValues)
        {
            CheckText(request, name, [value as string], violations);
        }

        foreach (var (name, values) in http.Query)
        {
            CheckText(request, name, [.. values], violations);
        }

        // Every body of this API is the whole request ("*"); a rule naming one field is left to the transcoder.
        if (body == "*" && http.ContentLength is not 0)
        {
            await CheckBodyAsync(request, http, violations);
        }

        return violations;
    }

    private static async Task CheckBodyAsync(MessageDescriptor request, HttpRequest http, List<FieldViolation> violations)
    {
        http.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Body, cancellationToken: http.HttpContext.RequestAborted);
            JsonBodyCheck.Check(request, document.RootElement, "", violations);
        }
        catch (JsonException)
        {
            // Not JSON: the transcoder's refusal says so.
        }
        finally
        {
            http.Body.Position = 0;
        }
    }

    private static void CheckText(MessageDescriptor request, string path, string?[] values, List<FieldViolation> violations)
    {
        if (Field(request, path) is not { } field)
        {
            return;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is { } value && !FieldValueRules.FitsText(field, value))
            {
                var name = field.IsRepeated ? $"{field.Name}[{i}]" : field.Name;
                violations.Add(new FieldViolation(name, $"'{FieldValueRules.Excerpt(value)}' is not {FieldValueRules.Expected(field)}"));
            }
        }
    }

    /// <summary>The scalar field a dotted path or query name binds to, if any.</summary>
    private static FieldDescriptor? Field(MessageDescriptor message, string path)
    {
        FieldDescriptor? field = null;
        foreach (var part in path.Split('.'))
        {
            if (field is not null)
            {
                if (field.FieldType != FieldType.Message || FieldValueRules.IsWellKnown(field.MessageType))
                {
                    return null;
                }

                message = field.MessageType;
            }

            field = FieldValueRules.FieldNamed(message, part);
            if (field is null)
            {
                return null;
            }
        }

        return field;
    }
}
