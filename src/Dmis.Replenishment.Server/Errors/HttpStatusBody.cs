using Google.Protobuf;
using Grpc.Core;
using Status = Google.Rpc.Status;

namespace Dmis.Replenishment.Server.Errors;

/// <summary>
/// An error on a plain HTTP route, answered as JSON transcoding answers a failed RPC: the HTTP status that
/// matches the gRPC code, and the google.rpc.Status as the JSON body (code, message, details).
/// </summary>
public static class HttpStatusBody
{
    private static readonly JsonFormatter StatusJson = new(JsonFormatter.Settings.Default.WithTypeRegistry(RichErrorTypes.Registry));

    public static string Json(Status status) => StatusJson.Format(status);

    public static IResult From(RpcException exception)
    {
        var status = exception.GetRpcStatus() ?? new Status { Code = (int)exception.StatusCode, Message = exception.Status.Detail };
        return Results.Content(Json(status), "application/json", statusCode: HttpStatusOf(exception.StatusCode));
    }

    /// <summary>The mapping of google/rpc/code.proto, which JSON transcoding follows too.</summary>
    public static int HttpStatusOf(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.Cancelled => 499,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
