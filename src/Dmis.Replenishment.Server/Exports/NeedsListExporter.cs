using Dmis.Replenishment.Server.Application;
using Dmis.Replenishment.Server.Application.EventPhases;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Errors;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.V1;
using Grpc.Core;

namespace Dmis.Replenishment.Server.Exports;

/// <summary>What a printed export says besides the list: its event's name and when it was printed.</summary>
public sealed record ExportContext(string EventName, DateTime PrintedAt);

/// <summary>
/// Loads a list as GetNeedsList answers it (the same use case and the same mapping, so the numbers are the
/// API's) and hands it to a renderer; maps any refusal to the transcoded error answer.
/// </summary>
public sealed class NeedsListExporter(
    NeedsListOperations needsLists, EventPhaseOperations events, TimeProvider time, ILogger<NeedsListExporter> logger)
{
    public async Task<IResult> ExportAsync(HttpContext http, Func<NeedsList, ExportContext, IResult> render)
    {
        var cancellationToken = http.RequestAborted;
        try
        {
            _ = CallerResolver.FromPrincipal(http.User);
            var list = (await needsLists.GetAsync(NeedsListExportEndpoints.NeedsListId(http), cancellationToken)).ToProto();
            var listEvent = await events.GetEventAsync(list.EventId, cancellationToken);
            return render(list, new ExportContext(listEvent.EventName, time.Now()));
        }
        catch (RpcException refused)
        {
            return HttpStatusBody.From(refused);
        }
        catch (Exception exception)
        {
            return HttpStatusBody.From(ErrorMappingInterceptor.Translate(exception, $"GET {http.Request.Path}", logger, cancellationToken));
        }
    }
}
