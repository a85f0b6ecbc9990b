using Google.Rpc;
using Grpc.Core;

namespace Dmis.Replenishment.IntegrationTests.Infrastructure;

public static class GrpcAssert
{
    public static async Task<RpcException> FailsWith(StatusCode expected, Func<Task> call)
    {
        var exception = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(expected == exception.StatusCode, $"expected {expected}, got {exception.StatusCode}: {exception.Status.Detail}");
        return exception;
    }

    /// <summary>INVALID_ARGUMENT with a google.rpc.BadRequest violation naming <paramref name="field"/>.</summary>
    public static async Task<RpcException> FailsOnField(string field, Func<Task> call)
    {
        var exception = await FailsWith(StatusCode.InvalidArgument, call);
        var badRequest = exception.GetRpcStatus()?.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Contains(badRequest!.FieldViolations, violation => violation.Field == field);
        Assert.Contains(field, exception.Status.Detail);
        return exception;
    }
}
