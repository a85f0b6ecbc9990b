using Dmis.Replenishment.IntegrationTests.Infrastructure;

namespace Dmis.Replenishment.IntegrationTests.Workflow;

/// <summary>
/// Inserts needs lists with SQL in any status, with the creator and submitter a test needs, so that
/// workflow tests do not depend on the calculation. Default lines: WATER gap 100.00 at 10.00 a unit,
/// RICE gap 50.50 without a unit value (totals 150.50 and 1,000.00).
/// </summary>
public sealed class WorkflowSeed(DatabaseFixture database)
{
    public const string Creator = "creator";
    public const string Submitter = "submitter";

    private static int counter;

    public sealed record Line(int ItemId, decimal GapQty, decimal? UnitValue = null);

    public static readonly Line[] DefaultLines =
    [
        new(WorkflowFixture.Water, 100.00m, 10.00m),
        new(WorkflowFixture.Rice, 50.50m),
    ];

    /// <summary>
    /// A list in <paramref name="status"/>. Lists past DRAFT get a submitter (default
    /// <see cref="Submitter"/>) and a submission moment (default: now, UTC) unless given.
    /// Returns the needs_list_id; the list is at version 1.
    /// </summary>
    public async Task<int> NeedsListAsync(
        string status,
        int eventId = WorkflowFixture.Surge,
        int warehouseId = WorkflowFixture.FreshWarehouse,
        string phase = "SURGE",
        string createdBy = Creator,
        string? submittedBy = null,
        DateTime? submittedAt = null,
        IReadOnlyList<Line>? lines = null)
    {
        lines ??= DefaultLines;
        var submitted = status is not ("DRAFT" or "SUPERSEDED");
        var number = $"NL-T-{Interlocked.Increment(ref counter)}-{Environment.ProcessId % 10000}";
        var needsListId = await database.ScalarAsync<int>(
            """
            insert into needs_list (needs_list_no, event_id, warehouse_id, event_phase, calculation_dtime,
                                    demand_window_hours, planning_window_hours, safety_factor, data_freshness_level,
                                    status_code, total_gap_qty, total_estimated_value, submitted_at, submitted_by,
                                    create_by_id, update_by_id)
            values (@number, @eventId, @warehouseId, @phase, (now() at time zone 'UTC'), 6, 72, 1.25, 'HIGH',
                    @status, @totalGap, @totalValue, @submittedAt, @submittedBy, @createdBy, @createdBy)
            returning needs_list_id
            """,
            new
            {
                number,
                eventId,
                warehouseId,
                phase,
                status,
                totalGap = lines.Sum(line => line.GapQty),
                totalValue = lines.Any(line => line.UnitValue is not null)
                    ? lines.Sum(line => line.GapQty * (line.UnitValue ?? 0m))
                    : (decimal?)null,
                submittedAt = submitted ? DateTime.SpecifyKind(submittedAt ?? DateTime.UtcNow, DateTimeKind.Unspecified) : (DateTime?)null,
                submittedBy = submitted ? submittedBy ?? Submitter : null,
                createdBy,
            });

        var lineNo = 0;
        foreach (var line in lines)
        {
            lineNo++;
            await database.ExecuteAsync(
                """
                with item as (
                    insert into needs_list_item (needs_list_id, item_id, uom_code, required_qty, coverage_qty, gap_qty,
                                                 horizon_c_qty, create_by_id, update_by_id)
                    values (@needsListId, @itemId, 'EA', @gap, 0, @gap, @gap, @createdBy, @createdBy)
                    returning needs_list_item_id)
                insert into needs_list_item_calculation (needs_list_item_id, line_no, unit_value, estimated_value,
                                                         create_by_id, update_by_id)
                select needs_list_item_id, @lineNo, @unitValue, @gap * @unitValue, @createdBy, @createdBy from item
                """,
                new { needsListId, itemId = line.ItemId, gap = line.GapQty, unitValue = line.UnitValue, lineNo, createdBy });
        }

        return needsListId;
    }

    public Task<int> AuditCountAsync(int needsListId, string? actionType = null, string? reasonCode = null) =>
        database.ScalarAsync<int>(
            """
            select count(*)::int from needs_list_audit
             where needs_list_id = @needsListId
               and (@actionType::text is null or action_type = @actionType)
               and (@reasonCode::text is null or reason_code = @reasonCode)
            """,
            new { needsListId, actionType, reasonCode });
}
