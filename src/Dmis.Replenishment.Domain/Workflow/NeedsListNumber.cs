using System.Globalization;

namespace Dmis.Replenishment.Domain.Workflow;

/// <summary>
/// <c>NL-{event_id}-{warehouse_id}-{YYYYMMDD}-{seq}</c> (SPEC 4), e.g. NL-12-3-20250901-001.
/// The sequence (per event, warehouse and day, from 1) is padded to at least 3 digits so a
/// day's numbers sort as text; past 999 it simply grows. The column is varchar(30), which
/// leaves 16 characters for the event id, warehouse id and sequence together (e.g. event
/// 123456, warehouse 1234567, seq 001); a number that would not fit is refused
/// (FAILED_PRECONDITION), never cut.
/// </summary>
public static class NeedsListNumber
{
    public const int MaxLength = DocumentNumber.MaxLength;

    public static string Format(int eventId, int warehouseId, DateOnly date, int seq) =>
        DocumentNumber.Format(Prefix(eventId, warehouseId, date), seq, "needs-list number");

    /// <summary>"NL-{event}-{warehouse}-{YYYYMMDD}-": the part shared by one day's numbers (for LIKE 'prefix%').</summary>
    public static string Prefix(int eventId, int warehouseId, DateOnly date)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(warehouseId);
        return string.Create(CultureInfo.InvariantCulture, $"NL-{eventId}-{warehouseId}-{date:yyyyMMdd}-");
    }
}
