using Dmis.Replenishment.V1;
using Microsoft.AspNetCore.Authorization;

namespace Dmis.Replenishment.Server.Grpc;

/// <summary>Needs lists. RPCs not overridden yet answer UNIMPLEMENTED (the generated base does).</summary>
[Authorize]
public sealed class NeedsListGrpcService : NeedsListService.NeedsListServiceBase;
