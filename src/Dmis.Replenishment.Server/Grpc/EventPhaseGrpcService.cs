using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Server.Application;
using Dmis.Replenishment.Server.Application.EventPhases;
using Dmis.Replenishment.Server.Auth;
using Dmis.Replenishment.Server.Grpc.Mapping;
using Dmis.Replenishment.Server.Streaming;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Dmis.Replenishment.Server.Grpc;

[Authorize]
public sealed class EventPhaseGrpcService(
    EventPhaseOperations operations,
    EventStore events,
    MutationRunner mutations,
    ResumableWatch<PhaseChange> phaseChanges,
    PageTokens pageTokens) : EventPhaseService.EventPhaseServiceBase
{
    public override async Task<Event> GetEvent(GetEventRequest request, ServerCallContext context) =>
        (await operations.GetEventAsync(request.EventId, context.CancellationToken)).ToProto();

    public override async Task<ListEventsResponse> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        var paging = pageTokens.Open(request, request.PageSize, request.PageToken, keyCount: 1);
        var rows = await events.ListAsync(
            request.Status.ToStatusCode(),
            request.Phase.ToDomainOrNull("phase") is { } phase ? Domain.Phases.EventPhaseWords.ToWord(phase) : null,
            (int)paging.AfterKey(0, whenFirstPage: 0),
            paging.FetchLimit,
            context.CancellationToken);
        var (page, next) = paging.Cut(rows, row => [row.EventId]);
        return new ListEventsResponse { Events = { page.Select(row => row.ToProto()) }, NextPageToken = next };
    }

    public override Task<ChangePhaseResponse> ChangePhase(ChangePhaseRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var phase = request.Phase.ToDomain("phase");
        return mutations.RunAsync(nameof(ChangePhase), caller, request.RequestId, request, async scope =>
        {
            var (changed, change) = await operations.ChangePhaseAsync(
                scope, caller, request.EventId, phase, request.Reason, request.ExpectedVersion, context.CancellationToken);
            return new ChangePhaseResponse { Event = changed.ToProto(), Change = change.ToProto() };
        }, context.CancellationToken);
    }

    public override async Task<ListPhaseHistoryResponse> ListPhaseHistory(ListPhaseHistoryRequest request, ServerCallContext context)
    {
        await operations.GetEventAsync(request.EventId, context.CancellationToken);
        var paging = pageTokens.Open(request, request.PageSize, request.PageToken, keyCount: 1);
        var rows = await events.ListHistoryAsync(
            request.EventId, paging.AfterKey(0, whenFirstPage: long.MaxValue), paging.FetchLimit, context.CancellationToken);
        var (page, next) = paging.Cut(rows, row => [row.HistoryId]);
        return new ListPhaseHistoryResponse { Changes = { page.Select(row => row.ToProto()) }, NextPageToken = next };
    }

    public override async Task<PhaseConfig> GetPhaseConfig(GetPhaseConfigRequest request, ServerCallContext context)
    {
        var phase = request.Phase.ToDomain("phase");
        return (await operations.GetPhaseConfigAsync(request.EventId, phase, context.CancellationToken)).ToProto();
    }

    public override Task<PhaseConfig> UpsertPhaseConfig(UpsertPhaseConfigRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var phase = request.Phase.ToDomain("phase");
        var parameters = request.Parameters.ToDomain();
        return mutations.RunAsync(nameof(UpsertPhaseConfig), caller, request.RequestId, request, async scope =>
            (await operations.UpsertPhaseConfigAsync(
                scope, caller, request.EventId, phase, parameters, request.IsActive, request.ExpectedVersion, request.Reason,
                context.CancellationToken)).ToProto(),
            context.CancellationToken);
    }

    public override Task WatchPhaseChanges(
        WatchPhaseChangesRequest request, IServerStreamWriter<PhaseChange> responseStream, ServerCallContext context)
    {
        var eventIds = request.EventIds.ToHashSet();
        return phaseChanges.WatchAsync(
            request.AfterHistoryId, "after_history_id", change => eventIds.Count == 0 || eventIds.Contains(change.EventId),
            responseStream, context);
    }
}
