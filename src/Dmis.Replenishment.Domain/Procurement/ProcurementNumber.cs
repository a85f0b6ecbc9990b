using System.Globalization;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>
/// <c>PR-{event_id}-{YYYYMMDD}-{seq}</c>, e.g. PR-12-20250901-001: sequence per event and day from 1,
/// padded to at least 3 digits; at most 30 characters (varchar(30)), else FAILED_PRECONDITION.
/// </summary>
public static class ProcurementNumber
{
    public const int MaxLength = DocumentNumber.MaxLength;

    public static string Format(int eventId, DateOnly date, int seq) =>
        DocumentNumber.Format(Prefix(eventId, date), seq, "procurement number");

    /// <summary>"PR-{event}-{YYYYMMDD}-": the part shared by one day's numbers.</summary>
    public static string Prefix(int eventId, DateOnly date)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventId);
        return string.Create(CultureInfo.InvariantCulture, $"PR-{eventId}-{date:yyyyMMdd}-");
    }
}
