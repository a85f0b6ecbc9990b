using Dmis.Replenishment.V1;
using Microsoft.AspNetCore.Authorization;

namespace Dmis.Replenishment.Server.Grpc;

/// <summary>Procurement, transfers, suppliers, lead times. RPCs not overridden yet answer UNIMPLEMENTED.</summary>
[Authorize]
public sealed class ProcurementGrpcService : ProcurementService.ProcurementServiceBase;
