using System.Security.Claims;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.EventPhases;

public sealed class EventPhaseServiceTests(EventPhaseServiceTests.Fixture fixture) : IClassFixture<EventPhaseServiceTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.EventAsync(1, "SURGE", name: "HURRICANE MELISSA");
            await seed.EventAsync(2, "BASELINE");
            await seed.EventAsync(3, "STABILIZED");
            await seed.EventAsync(4, "BASELINE", status: "C");
            for (var eventId = 10; eventId <= 30; eventId++)
            {
                await seed.EventAsync(eventId, "BASELINE");
            }
        }
    }

    private static readonly Metadata Manager = Bearer(Token("kemar", "LOGISTICS_MANAGER"));
    private static readonly Metadata Officer = Bearer(Token("tanya", "LOGISTICS_OFFICER"));
    private static readonly Metadata Admin = Bearer(Token("admin", "SYSTEM_ADMINISTRATOR"));

    private EventPhaseService.EventPhaseServiceClient Client => new(fixture.Factory.CreateChannel());

    [Fact]
    public async Task Get_event_returns_the_event_with_its_phase_and_version()
    {
        var found = await Client.GetEventAsync(new GetEventRequest { EventId = 1 }, Officer);

        Assert.Equal("HURRICANE MELISSA", found.EventName);
        Assert.Equal(EventPhase.Surge, found.CurrentPhase);
        Assert.Equal(EventStatus.Active, found.Status);
        Assert.True(found.Version >= 1);
    }

    [Fact]
    public async Task Get_event_of_an_unknown_id_is_not_found() =>
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => Client.GetEventAsync(new GetEventRequest { EventId = 999 }, Officer).ResponseAsync);

    [Fact]
    public async Task Get_event_with_a_non_positive_id_names_the_field() =>
        await GrpcAssert.FailsOnField("event_id", () => Client.GetEventAsync(new GetEventRequest { EventId = 0 }, Officer).ResponseAsync);

    [Fact]
    public async Task Calls_without_a_token_are_unauthenticated() =>
        await GrpcAssert.FailsWith(StatusCode.Unauthenticated, () => Client.GetEventAsync(new GetEventRequest { EventId = 1 }).ResponseAsync);

    [Fact]
    public async Task Calls_with_a_token_signed_by_another_key_are_unauthenticated()
    {
        var forged = new LocalTokenIssuerForTests("another-signing-key-that-is-long-enough-000").Issue("mallory");
        await GrpcAssert.FailsWith(StatusCode.Unauthenticated,
            () => Client.GetEventAsync(new GetEventRequest { EventId = 1 }, Bearer(forged)).ResponseAsync);
    }

    [Fact]
    public async Task A_user_id_longer_than_20_characters_is_refused_with_a_clear_error()
    {
        var token = new LocalTokenIssuerForTests(SigningKey).Issue("a.very.long.user.name.indeed");

        var error = await GrpcAssert.FailsWith(StatusCode.Unauthenticated,
            () => Client.GetEventAsync(new GetEventRequest { EventId = 1 }, Bearer(token)).ResponseAsync);

        Assert.Contains("at most 20", error.Status.Detail);
    }

    [Fact]
    public async Task List_events_pages_through_every_event_once()
    {
        var seen = new List<int>();
        var request = new ListEventsRequest { PageSize = 7 };
        do
        {
            var page = await Client.ListEventsAsync(request, Officer);
            Assert.True(page.Events.Count <= 7);
            seen.AddRange(page.Events.Select(e => e.EventId));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");

        Assert.Equal(seen.Distinct().Count(), seen.Count);
        Assert.Contains(1, seen);
        Assert.Contains(30, seen);
    }

    [Fact]
    public async Task List_events_filters_by_status()
    {
        var closed = await Client.ListEventsAsync(new ListEventsRequest { Status = EventStatus.Closed }, Officer);

        Assert.Equal([4], closed.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task List_events_refuses_a_token_it_did_not_issue() =>
        await GrpcAssert.FailsOnField("page_token",
            () => Client.ListEventsAsync(new ListEventsRequest { PageToken = "garbage!" }, Officer).ResponseAsync);

    [Fact]
    public async Task Change_phase_moves_the_event_and_records_who_when_and_why()
    {
        var before = await Client.GetEventAsync(new GetEventRequest { EventId = 10 }, Manager);

        var response = await Client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 10, Phase = EventPhase.Surge, Reason = "Landfall expected tonight", ExpectedVersion = before.Version,
        }, Manager);

        Assert.Equal(EventPhase.Surge, response.Event.CurrentPhase);
        Assert.Equal(before.Version + 1, response.Event.Version);
        Assert.Equal("kemar", response.Event.PhaseChangedBy);
        Assert.Equal(EventPhase.Baseline, response.Change.FromPhase);
        Assert.Equal(EventPhase.Surge, response.Change.ToPhase);
        Assert.Equal("kemar", response.Change.ChangedBy);
        Assert.Equal("Landfall expected tonight", response.Change.Reason);

        var history = await Client.ListPhaseHistoryAsync(new ListPhaseHistoryRequest { EventId = 10 }, Officer);
        var latest = Assert.Single(history.Changes);
        Assert.Equal(response.Change.HistoryId, latest.HistoryId);
    }

    [Fact]
    public async Task Change_phase_without_a_reason_names_the_reason_field() =>
        await GrpcAssert.FailsOnField("reason", () => Client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 11, Phase = EventPhase.Surge, Reason = "  ", ExpectedVersion = 1,
        }, Manager).ResponseAsync);

    [Fact]
    public async Task Change_phase_to_an_unspecified_phase_names_the_phase_field() =>
        await GrpcAssert.FailsOnField("phase", () => Client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 11, Reason = "why not", ExpectedVersion = 1,
        }, Manager).ResponseAsync);

    [Fact]
    public async Task Change_phase_with_a_stale_version_is_aborted_and_changes_nothing()
    {
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 12, Phase = EventPhase.Surge, Reason = "stale", ExpectedVersion = 99,
        }, Manager).ResponseAsync);

        var after = await Client.GetEventAsync(new GetEventRequest { EventId = 12 }, Manager);
        Assert.Equal(EventPhase.Baseline, after.CurrentPhase);
        Assert.Equal(0, await fixture.ScalarAsync<long>("select count(*) from event_phase_history where event_id = 12"));
    }

    [Fact]
    public async Task Change_phase_by_an_officer_is_permission_denied() =>
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => Client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 13, Phase = EventPhase.Surge, Reason = "officer try", ExpectedVersion = 1,
        }, Officer).ResponseAsync);

    [Fact]
    public async Task Change_phase_of_an_unknown_event_is_not_found() =>
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => Client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 999, Phase = EventPhase.Surge, Reason = "nobody", ExpectedVersion = 1,
        }, Manager).ResponseAsync);

    [Fact]
    public async Task Change_phase_to_the_current_phase_is_a_failed_precondition() =>
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 14, Phase = EventPhase.Baseline, Reason = "same", ExpectedVersion = 1,
        }, Manager).ResponseAsync);

    [Fact]
    public async Task Change_phase_of_a_closed_event_is_a_failed_precondition() =>
        await GrpcAssert.FailsWith(StatusCode.FailedPrecondition, () => Client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 4, Phase = EventPhase.Surge, Reason = "closed", ExpectedVersion = 1,
        }, Manager).ResponseAsync);

    [Fact]
    public async Task A_retried_change_phase_returns_the_first_result_and_changes_nothing_more()
    {
        var request = new ChangePhaseRequest
        {
            EventId = 15, Phase = EventPhase.Stabilized, Reason = "retry me", ExpectedVersion = 1, RequestId = "retry-15",
        };

        var first = await Client.ChangePhaseAsync(request, Manager);
        var retry = await Client.ChangePhaseAsync(request, Manager);

        Assert.Equal(first, retry);
        Assert.Equal(1, await fixture.ScalarAsync<long>("select count(*) from event_phase_history where event_id = 15"));
    }

    [Fact]
    public async Task Reusing_a_request_id_for_different_content_names_the_request_id()
    {
        await Client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 16, Phase = EventPhase.Surge, Reason = "first", ExpectedVersion = 1, RequestId = "reuse-16",
        }, Manager);

        await GrpcAssert.FailsOnField("request_id", () => Client.ChangePhaseAsync(new ChangePhaseRequest
        {
            EventId = 16, Phase = EventPhase.Baseline, Reason = "second", ExpectedVersion = 2, RequestId = "reuse-16",
        }, Manager).ResponseAsync);
    }

    [Fact]
    public async Task Phase_config_defaults_to_the_spec_values_when_the_event_has_none()
    {
        var config = await Client.GetPhaseConfigAsync(new GetPhaseConfigRequest { EventId = 2, Phase = EventPhase.Surge }, Officer);

        Assert.True(config.IsDefault);
        Assert.Equal(6, config.Parameters.DemandWindowHours);
        Assert.Equal(72, config.Parameters.PlanningWindowHours);
        Assert.Equal(50m, DecimalOf(config.Parameters.SafetyBufferPct));
        Assert.Equal(1.25m, DecimalOf(config.Parameters.SafetyFactor));
        Assert.Equal(2, config.Parameters.FreshnessThresholdHours);
        Assert.Equal(6, config.Parameters.StaleThresholdHours);
    }

    [Fact]
    public async Task An_administrator_creates_then_updates_an_events_phase_config()
    {
        var parameters = new PhaseParameters
        {
            DemandWindowHours = 12, PlanningWindowHours = 96, SafetyBufferPct = new V1.Decimal { Value = "40" },
            SafetyFactor = new V1.Decimal { Value = "1.5" }, FreshnessThresholdHours = 3, StaleThresholdHours = 8,
        };

        var created = await Client.UpsertPhaseConfigAsync(new UpsertPhaseConfigRequest
        {
            EventId = 3, Phase = EventPhase.Surge, Parameters = parameters, IsActive = true,
        }, Admin);
        parameters.PlanningWindowHours = 120;
        var updated = await Client.UpsertPhaseConfigAsync(new UpsertPhaseConfigRequest
        {
            EventId = 3, Phase = EventPhase.Surge, Parameters = parameters, IsActive = true, ExpectedVersion = created.Version,
        }, Admin);
        var read = await Client.GetPhaseConfigAsync(new GetPhaseConfigRequest { EventId = 3, Phase = EventPhase.Surge }, Officer);

        Assert.False(created.IsDefault);
        Assert.Equal(1, created.Version);
        Assert.Equal(2, updated.Version);
        Assert.Equal(120, read.Parameters.PlanningWindowHours);
        Assert.Equal(12, read.Parameters.DemandWindowHours);
    }

    [Theory]
    [InlineData(0, 72, "10", "1.25", 2, 6, "parameters.demand_window_hours")]
    [InlineData(6, 0, "10", "1.25", 2, 6, "parameters.planning_window_hours")]
    [InlineData(6, 72, "101", "1.25", 2, 6, "parameters.safety_buffer_pct")]
    [InlineData(6, 72, "-1", "1.25", 2, 6, "parameters.safety_buffer_pct")]
    [InlineData(6, 72, "10", "0.99", 2, 6, "parameters.safety_factor")]
    [InlineData(6, 72, "10", "abc", 2, 6, "parameters.safety_factor")]
    [InlineData(6, 72, "10", "1.25", 6, 6, "parameters.stale_threshold_hours")]
    [InlineData(2147483647, 72, "10", "1.25", 2, 6, "parameters.demand_window_hours")]
    [InlineData(6, 8761, "10", "1.25", 2, 6, "parameters.planning_window_hours")]
    [InlineData(6, 72, "10", "10.01", 2, 6, "parameters.safety_factor")]
    [InlineData(6, 72, "10", "1.25", 2, 9000, "parameters.stale_threshold_hours")]
    public async Task Upsert_phase_config_is_validated_like_the_tables_checks(
        int demand, int planning, string buffer, string factor, int fresh, int stale, string field) =>
        await GrpcAssert.FailsOnField(field, () => Client.UpsertPhaseConfigAsync(new UpsertPhaseConfigRequest
        {
            EventId = 2,
            Phase = EventPhase.Stabilized,
            Parameters = new PhaseParameters
            {
                DemandWindowHours = demand, PlanningWindowHours = planning,
                SafetyBufferPct = new V1.Decimal { Value = buffer }, SafetyFactor = new V1.Decimal { Value = factor },
                FreshnessThresholdHours = fresh, StaleThresholdHours = stale,
            },
            IsActive = true,
        }, Admin).ResponseAsync);

    [Fact]
    public async Task Upsert_phase_config_by_a_manager_is_permission_denied() =>
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => Client.UpsertPhaseConfigAsync(new UpsertPhaseConfigRequest
        {
            EventId = 2, Phase = EventPhase.Baseline, Parameters = PhaseParametersOf(720), IsActive = true,
        }, Manager).ResponseAsync);

    [Fact]
    public async Task Upsert_phase_config_with_a_stale_version_is_aborted()
    {
        await Client.UpsertPhaseConfigAsync(new UpsertPhaseConfigRequest
        {
            EventId = 20, Phase = EventPhase.Baseline, Parameters = PhaseParametersOf(700), IsActive = true,
        }, Admin);

        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.UpsertPhaseConfigAsync(new UpsertPhaseConfigRequest
        {
            EventId = 20, Phase = EventPhase.Baseline, Parameters = PhaseParametersOf(650), IsActive = true,
        }, Admin).ResponseAsync);
    }

    [Fact]
    public async Task Phase_config_of_an_unknown_event_is_not_found() =>
        await GrpcAssert.FailsWith(StatusCode.NotFound,
            () => Client.GetPhaseConfigAsync(new GetPhaseConfigRequest { EventId = 999, Phase = EventPhase.Surge }, Officer).ResponseAsync);

    private static decimal DecimalOf(V1.Decimal value) =>
        decimal.Parse(value.Value, System.Globalization.CultureInfo.InvariantCulture);

    private static PhaseParameters PhaseParametersOf(int demandWindowHours) => new()
    {
        DemandWindowHours = demandWindowHours, PlanningWindowHours = 720, SafetyBufferPct = new V1.Decimal { Value = "10" },
        SafetyFactor = new V1.Decimal { Value = "1.25" }, FreshnessThresholdHours = 2, StaleThresholdHours = 6,
    };

    /// <summary>Signs tokens the local issuer would refuse to make (other keys, over-long user ids).</summary>
    private sealed class LocalTokenIssuerForTests(string key)
    {
        public string Issue(string user) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("preferred_username", user), new Claim("role", "SYSTEM_ADMINISTRATOR")]),
            Issuer = Auth.Issuer,
            Audience = Auth.Audience,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
    }
}
