using Dmis.Replenishment.Data.Audit;
using Dmis.Replenishment.Data.Events;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Audit;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Phases;

namespace Dmis.Replenishment.Server.Application.EventPhases;

/// <summary>Event and phase use cases: checks the rules, then reads or writes through the stores.</summary>
public sealed class EventPhaseOperations(EventStore events, PhaseConfigStore configs, TimeProvider time)
{
    public async Task<EventRow> GetEventAsync(int eventId, CancellationToken cancellationToken)
    {
        EnsurePositive(eventId, "event_id");
        return await events.FindAsync(eventId, cancellationToken) ?? throw new NotFoundException("event", eventId);
    }

    public async Task<(EventRow Event, PhaseHistoryRow Change)> ChangePhaseAsync(
        DbScope scope, Caller caller, int eventId, EventPhase phase, string reason, int expectedVersion,
        CancellationToken cancellationToken)
    {
        EnsurePositive(eventId, "event_id");
        PhaseChangeRules.EnsureReasonGiven(reason);
        Permissions.EnsureCanChangePhase(caller);

        var current = await EventStore.FindAsync(scope.Connection, scope.Transaction, eventId, cancellationToken)
            ?? throw new NotFoundException("event", eventId);
        PhaseChangeRules.EnsureCanChange(eventId, current.IsActive, EventPhaseWords.Parse(current.CurrentPhase), phase);
        EnsureVersion("event", eventId, expectedVersion, current.VersionNbr);

        return await EventStore.ChangePhaseAsync(
                scope, eventId, phase.ToWord(), reason.Trim(), expectedVersion, caller.UserId, time.Now(), cancellationToken)
            ?? throw new VersionConflictException("event", eventId, expectedVersion, null);
    }

    /// <summary>The event's active row for the phase, else the SPEC defaults.</summary>
    public async Task<PhaseConfiguration> GetPhaseConfigAsync(int eventId, EventPhase phase, CancellationToken cancellationToken)
    {
        await GetEventAsync(eventId, cancellationToken);
        var row = await configs.FindAsync(eventId, phase.ToWord(), cancellationToken);
        return row is null ? PhaseConfiguration.Defaults(eventId, phase) : PhaseConfiguration.From(row);
    }

    public async Task<PhaseConfiguration> UpsertPhaseConfigAsync(
        DbScope scope, Caller caller, int eventId, EventPhase phase, PhaseParameters parameters, bool isActive,
        int expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        EnsurePositive(eventId, "event_id");
        var violations = parameters.Validate().Select(v => v with { Field = "parameters." + v.Field }).ToList();
        if (expectedVersion < 0)
        {
            violations.Add(new FieldViolation("expected_version", "must not be negative"));
        }

        if (violations.Count > 0)
        {
            throw new DomainValidationException(violations);
        }

        Permissions.EnsureCanManageConfiguration(caller);
        _ = await EventStore.FindAsync(scope.Connection, scope.Transaction, eventId, cancellationToken)
            ?? throw new NotFoundException("event", eventId);

        var existing = await PhaseConfigStore.FindAsync(scope.Connection, scope.Transaction, eventId, phase.ToWord(), cancellationToken);
        if (existing is null && expectedVersion != 0)
        {
            throw new VersionConflictException("phase config", $"{eventId}/{phase.ToWord()}", expectedVersion, 0);
        }

        if (existing is not null && expectedVersion == 0)
        {
            throw new VersionConflictException("phase config", $"{eventId}/{phase.ToWord()}", 0, existing.VersionNbr);
        }

        var audit = existing is null ? null : await ChangeAuditJournal.BeforeAsync(scope, AuditedEntity.PhaseConfig, existing.ConfigId, cancellationToken);
        var now = time.Now();
        var saved = await PhaseConfigStore.UpsertAsync(
                scope, PhaseConfiguration.ToRow(eventId, phase, parameters, isActive), expectedVersion, caller.UserId, now,
                cancellationToken)
            ?? throw new VersionConflictException("phase config", $"{eventId}/{phase.ToWord()}", expectedVersion, null);
        await ChangeAuditJournal.AppendAsync(
            scope, audit ?? ChangeAuditJournal.Creating(AuditedEntity.PhaseConfig, saved.ConfigId),
            audit is null ? ChangeAction.Created : ChangeAction.Updated, reason, caller.UserId, now, cancellationToken);
        return PhaseConfiguration.From(saved);
    }

    public static void EnsureVersion(string what, object id, int expected, int actual)
    {
        if (expected <= 0)
        {
            throw new DomainValidationException("expected_version", "is required: the version you read");
        }

        if (expected != actual)
        {
            throw new VersionConflictException(what, id, expected, actual);
        }
    }

    public static void EnsurePositive(long id, string field)
    {
        if (id <= 0)
        {
            throw new DomainValidationException(field, "must be a positive id");
        }
    }
}
