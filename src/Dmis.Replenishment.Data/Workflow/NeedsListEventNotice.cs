using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dmis.Replenishment.Data.Workflow;

/// <summary>
/// The payload of a needs-list event on the PostgreSQL channel <see cref="ChannelName"/>: raised with
/// pg_notify in the transaction of the change, so it is delivered at commit (never for a change that
/// rolled back) to every server instance listening. Kept small: NOTIFY payloads are limited to 8000 bytes.
/// </summary>
public sealed record NeedsListEventNotice
{
    public const string ChannelName = "dmis_needs_list_events";

    public const string StatusChangedType = "STATUS_CHANGED";
    public const string ReminderType = "REMINDER";
    public const string EscalatedType = "ESCALATED";

    /// <summary>The longest message kept in a notice (the audit row has the full text).</summary>
    public const int MaxMessageLength = 1000;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>STATUS_CHANGED, REMINDER or ESCALATED.</summary>
    public required string Type { get; init; }
    public required int NeedsListId { get; init; }
    public required string NeedsListNo { get; init; }
    public required int EventId { get; init; }
    public required int WarehouseId { get; init; }
    public string? FromStatus { get; init; }
    public string? ToStatus { get; init; }
    public required string ActorUserId { get; init; }

    /// <summary>UTC, ISO 8601 ("2025-09-01T12:00:00Z").</summary>
    public required string OccurredAt { get; init; }
    public string? ApproverRole { get; init; }
    public string? Message { get; init; }

    public static string FormatMoment(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTime ParseMoment(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public string ToJson() => JsonSerializer.Serialize(
        Message is { Length: > MaxMessageLength } ? this with { Message = Message[..MaxMessageLength] } : this, Json);

    /// <summary>Reads a payload; <see cref="JsonException"/> when it is not one.</summary>
    public static NeedsListEventNotice Parse(string payload) =>
        JsonSerializer.Deserialize<NeedsListEventNotice>(payload, Json) ?? throw new JsonException("empty needs-list event payload");
}
