using Dmis.Replenishment.Server.Application;
using Dmis.Replenishment.Server.Application.EventPhases;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.Server.Application.Planning;
using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Errors;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.V1;
using Grpc.Core;
using DomainWhatIf = Dmis.Replenishment.Domain.Planning.WhatIfAssumptions;

namespace Dmis.Replenishment.Server.Exports;

/// <summary>What a printed export says besides the list: its event's name and when it was printed.</summary>
public sealed record ExportContext(string EventName, DateTime PrintedAt);

/// <summary>
/// Loads what is exported as its RPC answers it (GetNeedsList's or PlanEventReplenishment's use case and
/// mapping, so the numbers are the API's) and hands it to a renderer; maps any refusal to the transcoded
/// error answer.
/// </summary>
public sealed class ReportExporter(
    NeedsListOperations needsLists,
    PlanEventReplenishment planning,
    EventPhaseOperations events,
    TimeProvider time,
    ILogger<ReportExporter> logger)
{
    public Task<IResult> ExportNeedsListAsync(HttpContext http, Func<NeedsList, ExportContext, IResult> render) =>
        GuardedAsync(http, async cancellationToken =>
        {
            var list = (await needsLists.GetAsync(ExportEndpoints.RouteId(http, "needs_list_id"), cancellationToken)).ToProto();
            var listEvent = await events.GetEventAsync(list.EventId, cancellationToken);
            return render(list, new ExportContext(listEvent.EventName, time.Now()));
        });

    /// <summary>The event's plan now, for the current phase and without assumptions (what-ifs are the RPC's).</summary>
    public Task<IResult> ExportPlanAsync(HttpContext http, Func<EventReplenishmentPlan, DateTime, IResult> render) =>
        GuardedAsync(http, async cancellationToken =>
        {
            var command = new PlanCommand(
                ExportEndpoints.RouteId(http, "event_id"), ExportEndpoints.QueryIds(http, "warehouse_ids"), null, null, DomainWhatIf.None);
            var plan = (await planning.RunAsync(command, cancellationToken)).ToProto();
            return render(plan, time.Now());
        });

    private async Task<IResult> GuardedAsync(HttpContext http, Func<CancellationToken, Task<IResult>> export)
    {
        var cancellationToken = http.RequestAborted;
        try
        {
            _ = CallerResolver.FromPrincipal(http.User);
            return await export(cancellationToken);
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
