using Google.Protobuf.Reflection;
using Google.Rpc;

namespace Dmis.Replenishment.Server.Errors;

/// <summary>
/// The google.rpc detail messages our errors carry. JSON transcoding can only render a status's
/// details when their types are in its registry; an unknown one turns the error into an HTTP 500.
/// </summary>
public static class RichErrorTypes
{
    public static readonly TypeRegistry Registry = TypeRegistry.FromMessages(BadRequest.Descriptor, RetryInfo.Descriptor);
}
