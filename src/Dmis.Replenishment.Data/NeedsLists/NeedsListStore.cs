using Dapper;
using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Data.Explanations;
using Dmis.Replenishment.Data.Infrastructure;
using Npgsql;

namespace Dmis.Replenishment.Data.NeedsLists;

/// <summary>
/// Generated needs lists: the writes of GenerateNeedsList (inside the caller's transaction) and the
/// reads of GetNeedsList / ListNeedsLists. Bulk writes are multi-row inserts from arrays
/// (<c>unnest</c>), so a list of any size is written in a constant number of round trips.
/// </summary>
public sealed class NeedsListStore(ReadConnections reads)
{
    private const string HeaderSelect =
        """
        select nl.needs_list_id, nl.needs_list_no, nl.event_id, nl.warehouse_id, w.warehouse_name, nl.event_phase,
               nl.status_code, nl.calculation_dtime, nl.demand_window_hours, nl.planning_window_hours, nl.safety_factor,
               nl.data_freshness_level, nl.total_gap_qty, nl.total_estimated_value, nl.notes_text,
               nl.create_by_id, nl.create_dtime, nl.submitted_by, nl.submitted_at, nl.under_review_by, nl.under_review_at,
               nl.reviewed_by, nl.reviewed_at, nl.approved_by, nl.approved_at, nl.rejected_by, nl.rejected_at,
               nl.rejection_reason, nl.returned_by, nl.returned_at, nl.returned_reason, nl.cancelled_by, nl.cancelled_at,
               nl.superseded_by_id,
               (select min(prev.needs_list_id) from needs_list prev where prev.superseded_by_id = nl.needs_list_id) as supersedes_id,
               nl.version_nbr,
               c.safety_buffer_pct, c.freshness_threshold_hours, c.stale_threshold_hours,
               (select max(a.action_dtime) from needs_list_audit a
                 where a.needs_list_id = nl.needs_list_id and a.reason_code = @escalatedReasonCode) as last_escalation_at
          from needs_list nl
          join warehouse w on w.warehouse_id = nl.warehouse_id
          left join needs_list_calculation c on c.needs_list_id = nl.needs_list_id
        """;

    /// <summary>
    /// A line's columns as <see cref="NeedsListLineRow"/> reads them, from nli (needs_list_item), i (item)
    /// and c (needs_list_item_calculation, may be missing): the same list for reading a list and for
    /// the rows a generate has just inserted.
    /// </summary>
    private const string LineColumns =
        """
        nli.needs_list_item_id, nli.item_id, i.item_code, i.item_name, nli.uom_code,
        coalesce(i.criticality_level, 'NORMAL') as criticality,
        nli.burn_rate, nli.burn_rate_source, nli.available_stock, nli.reserved_qty,
        nli.inbound_transfer_qty, nli.inbound_donation_qty, nli.inbound_procurement_qty,
        nli.required_qty, nli.coverage_qty, nli.gap_qty, nli.time_to_stockout_hours, nli.severity_level,
        nli.horizon_a_qty, nli.horizon_a_source_warehouse_id, nli.horizon_b_qty, nli.horizon_c_qty,
        nli.adjusted_qty, nli.adjustment_reason, nli.adjustment_notes, nli.adjusted_by, nli.adjusted_at,
        nli.fulfilled_qty, nli.fulfillment_status,
        c.line_no, c.fulfilled_qty_in_window, c.fulfillment_count, c.unit_value, c.estimated_value,
        c.projected_stockout_dtime, c.horizon_a_lead_time_hours, c.horizon_b_lead_time_hours,
        c.horizon_c_lead_time_hours, coalesce(c.horizon_a_after_stockout, false) as horizon_a_after_stockout,
        coalesce(c.horizon_b_after_stockout, false) as horizon_b_after_stockout,
        coalesce(c.horizon_c_after_stockout, false) as horizon_c_after_stockout,
        coalesce(c.stockout_before_arrival, false) as stockout_before_arrival,
        c.warnings::text as warnings,
        coalesce(c.horizon_a_split_warehouse_ids, array[]::integer[]) as split_warehouse_ids,
        coalesce(c.horizon_a_split_qtys, array[]::numeric[]) as split_qtys,
        coalesce(c.horizon_a_split_lead_time_hours, array[]::integer[]) as split_lead_time_hours,
        coalesce(c.horizon_a_split_arrivals, array[]::timestamp[]) as split_arrivals,
        coalesce(c.horizon_b_split_donation_ids, array[]::integer[]) as pledge_donation_ids,
        coalesce(c.horizon_b_split_qtys, array[]::numeric[]) as pledge_qtys,
        c.demand_window_end, c.adjusted_horizon_a_qty, c.adjusted_horizon_b_qty, c.adjusted_horizon_c_qty,
        c.adjusted_horizon_a_split_qtys as adjusted_split_qtys, c.adjusted_horizon_b_split_qtys as adjusted_pledge_qtys
        """;

    /// <summary>The names of the warehouses in the horizon-A splits of list @needsListId, then the descriptions of the donations in its horizon-B splits.</summary>
    private const string SplitNamesSelect =
        """
        select w.warehouse_id, w.warehouse_name
          from warehouse w
         where w.warehouse_id in (select unnest(c.horizon_a_split_warehouse_ids)
                                    from needs_list_item nli
                                    join needs_list_item_calculation c on c.needs_list_item_id = nli.needs_list_item_id
                                   where nli.needs_list_id = @needsListId);

        select d.donation_id, d.donation_desc
          from donation d
         where d.donation_id in (select unnest(c.horizon_b_split_donation_ids)
                                   from needs_list_item nli
                                   join needs_list_item_calculation c on c.needs_list_item_id = nli.needs_list_item_id
                                  where nli.needs_list_id = @needsListId);
        """;

    /// <summary>
    /// Serialises generates of one event and warehouse until the transaction ends
    /// (pg_advisory_xact_lock), then returns the numbers already given that day and the open
    /// drafts (<paramref name="supersedableStatuses"/>), locked for update, and reserves the id a new list
    /// would take (so that its insert needs no answer before the lines go). One round trip.
    /// </summary>
    public static async Task<GenerateSlot> LockForGenerateAsync(
        DbScope scope,
        int eventId,
        int warehouseId,
        string numberPrefix,
        IReadOnlyCollection<string> supersedableStatuses,
        CancellationToken cancellationToken)
    {
        var (connection, transaction) = scope;
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            """
            select pg_advisory_xact_lock(hashtextextended('needs_list:' || @eventId || ':' || @warehouseId, 0));

            select needs_list_no from needs_list
             where event_id = @eventId and warehouse_id = @warehouseId and needs_list_no like @numberPrefix || '%';

            select needs_list_id, needs_list_no, status_code from needs_list
             where event_id = @eventId and warehouse_id = @warehouseId and status_code = any(@supersedableStatuses)
             order by needs_list_id
               for update;

            select nextval(pg_get_serial_sequence('needs_list', 'needs_list_id'))::int;
            """,
            new { eventId, warehouseId, numberPrefix, supersedableStatuses = supersedableStatuses.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
        await grid.ReadAsync();
        var numbers = (await grid.ReadAsync<string>()).AsList();
        var drafts = (await grid.ReadAsync<SupersedableList>()).AsList();
        var newNeedsListId = await grid.ReadSingleAsync<int>();
        return new GenerateSlot(numbers, drafts, newNeedsListId);
    }

    /// <summary>
    /// Inserts the list as a DRAFT under <paramref name="needsListId"/> (reserved by
    /// <see cref="LockForGenerateAsync"/>) with its calculation details, the evidence its explanations read,
    /// and the CREATED audit row; retires the open drafts <paramref name="superseded"/> names (linked to the
    /// new list, so the answer's header already shows what it supersedes); inserts the lines with their
    /// calculation details (horizon-A and B splits included) and one burn-rate snapshot per line: the burn
    /// rate the line was computed from, with its demand and stock. (Not one per evaluated item in demand:
    /// that was 3,100 foreign-key-checked rows per generate at the reference set's busiest warehouse, for
    /// items nobody decides on, whose burn rates the fulfilment lines still give.)
    /// Every timestamp is the calculation moment. Returns the list as stored, as
    /// <see cref="GetAsync(NpgsqlConnection, NpgsqlTransaction?, int, string, CancellationToken)"/> reads it.
    /// <para>
    /// ONE round trip whatever the number of lines: the statements go as one batch, so PostgreSQL writes the
    /// header while the lines' parameters are still being sent, and the lines as inserted (RETURNING) are
    /// mapped here while it writes the snapshots.
    /// </para>
    /// </summary>
    public static async Task<StoredNeedsList> InsertAsync(
        DbScope scope,
        int needsListId,
        NewNeedsList list,
        DraftRetirement superseded,
        string actor,
        string escalatedReasonCode,
        CancellationToken cancellationToken)
    {
        // One parameter set for the whole batch: a name used by two statements must mean the same value in
        // both, and names are matched ignoring case (hence the lines' splitXxx and drawXxx beside the evidence's
        // SourceXxx and PledgeXxx).
        var statements = new List<string> { HeaderInsert };
        var parameters = new DynamicParameters(HeaderParameters(needsListId, list, actor, escalatedReasonCode));
        if (superseded.Lists.Count > 0)
        {
            var retire = NeedsListRepository.RetireCommand(superseded, needsListId, actor);
            statements.Add(retire.Sql);
            parameters.AddDynamicParams(retire.Parameters);
        }

        if (list.Evidence is { } evidence)
        {
            statements.Add(EvidenceInsert);
            parameters.AddDynamicParams(EvidenceParameters(evidence));
        }

        statements.Add(LinesInsert);
        parameters.AddDynamicParams(LineParameters(list.Lines));
        statements.Add($"{HeaderSelect} where nl.needs_list_id = @needsListId");
        statements.Add(SplitNamesSelect);
        statements.Add(SnapshotsInsert);

        await using var grid = await scope.Connection.QueryMultipleAsync(new CommandDefinition(
            string.Join(";\n", statements), parameters, scope.Transaction, cancellationToken: cancellationToken));
        var storedLines = (await grid.ReadAsync<NeedsListLineRow>()).AsList();
        var header = await grid.ReadSingleAsync<NeedsListHeaderRow>();
        var (warehouseNames, donationDescriptions) = await ReadSplitNamesAsync(grid);
        return new StoredNeedsList(header, storedLines, warehouseNames, donationDescriptions);
    }

    /// <summary>The header, its calculation details and its CREATED audit row.</summary>
    private const string HeaderInsert =
        """
        with header as (
            insert into needs_list (needs_list_id, needs_list_no, event_id, warehouse_id, event_phase, calculation_dtime,
                                    demand_window_hours, planning_window_hours, safety_factor, data_freshness_level,
                                    status_code, total_gap_qty, total_estimated_value, notes_text,
                                    create_by_id, create_dtime, update_by_id, update_dtime)
            values (@needsListId, @NeedsListNo, @EventId, @WarehouseId, @EventPhase, @CalculationDtime,
                    @DemandWindowHours, @PlanningWindowHours, @SafetyFactor, @DataFreshnessLevel,
                    'DRAFT', @TotalGapQty, @TotalEstimatedValue, @Notes,
                    @actor, @CalculationDtime, @actor, @CalculationDtime)
            returning needs_list_id
        ),
        calculation as (
            insert into needs_list_calculation (needs_list_id, safety_buffer_pct, freshness_threshold_hours,
                                                stale_threshold_hours, data_age_hours, items_evaluated,
                                                sufficient_coverage_count, warnings, create_by_id, create_dtime,
                                                update_by_id, update_dtime)
            select needs_list_id, @SafetyBufferPct, @FreshnessThresholdHours, @StaleThresholdHours, @DataAgeHours,
                   @ItemsEvaluated, @SufficientCoverageCount, @HeaderWarningsJson::jsonb,
                   @actor, @CalculationDtime, @actor, @CalculationDtime
              from header
        )
        insert into needs_list_audit (needs_list_id, action_type, field_name, new_value, notes_text, actor_user_id, action_dtime)
        select needs_list_id, 'CREATED', 'needs_list_no', @NeedsListNo, left(@CreatedAuditNotes, 500), @actor, @CalculationDtime
          from header
        """;

    private static object HeaderParameters(int needsListId, NewNeedsList list, string actor, string escalatedReasonCode) => new
    {
        needsListId,
        escalatedReasonCode,
        actor,
        list.NeedsListNo, list.EventId, list.WarehouseId, list.EventPhase,
        CalculationDtime = CalculationReader.Unspecified(list.CalculationDtime),
        list.DemandWindowHours, list.PlanningWindowHours, list.SafetyFactor, list.DataFreshnessLevel,
        list.TotalGapQty, list.TotalEstimatedValue, list.Notes, list.SafetyBufferPct,
        list.FreshnessThresholdHours, list.StaleThresholdHours, list.DataAgeHours, list.ItemsEvaluated,
        list.SufficientCoverageCount, list.HeaderWarningsJson, list.CreatedAuditNotes,
    };

    /// <summary>What the lines' explanations will need of the calculation's inputs (one row of parallel arrays).</summary>
    private const string EvidenceInsert =
        """
        insert into needs_list_evidence (needs_list_id, horizon_a_lead_time_hours, horizon_b_lead_time_hours,
                                         horizon_c_lead_time_hours, excluded_warehouse_ids, excluded_data_age_hours,
                                         eligible_warehouse_ids, eligible_lead_time_hours, source_item_ids,
                                         source_warehouse_ids, source_usable_qtys, source_threshold_qtys,
                                         source_own_required_qtys, source_held_qtys, pledge_item_ids,
                                         pledge_donation_ids, pledge_pledged_qtys, pledge_drawn_qtys)
        values (@needsListId, @EvidenceLeadTimeA, @EvidenceLeadTimeB, @EvidenceLeadTimeC, @ExcludedWarehouseIds,
                @ExcludedDataAgeHours, @EligibleWarehouseIds, @EligibleLeadTimeHours, @SourceItemIds,
                @SourceWarehouseIds, @SourceUsableQtys, @SourceThresholdQtys, @SourceOwnRequiredQtys,
                @SourceHeldQtys, @PledgeItemIds, @PledgeDonationIds, @PledgePledgedQtys, @PledgeDrawnQtys)
        """;

    private static object EvidenceParameters(NewNeedsListEvidence evidence) => new
    {
        EvidenceLeadTimeA = evidence.HorizonALeadTimeHours, EvidenceLeadTimeB = evidence.HorizonBLeadTimeHours,
        EvidenceLeadTimeC = evidence.HorizonCLeadTimeHours, evidence.ExcludedWarehouseIds, evidence.ExcludedDataAgeHours,
        evidence.EligibleWarehouseIds, evidence.EligibleLeadTimeHours, evidence.SourceItemIds, evidence.SourceWarehouseIds,
        evidence.SourceUsableQtys, evidence.SourceThresholdQtys, evidence.SourceOwnRequiredQtys, evidence.SourceHeldQtys,
        evidence.PledgeItemIds, evidence.PledgeDonationIds, evidence.PledgePledgedQtys, evidence.PledgeDrawnQtys,
    };

    /// <summary>The lines and their calculation details, answered as stored (in line order).</summary>
    private const string LinesInsert =
        $"""
        with lines as (
            insert into needs_list_item (needs_list_id, item_id, uom_code, burn_rate, burn_rate_source, available_stock,
                                         reserved_qty, inbound_transfer_qty, inbound_donation_qty, inbound_procurement_qty,
                                         required_qty, coverage_qty, gap_qty, time_to_stockout_hours, severity_level,
                                         horizon_a_qty, horizon_a_source_warehouse_id, horizon_b_qty, horizon_c_qty,
                                         create_by_id, create_dtime, update_by_id, update_dtime)
            select @needsListId, l.item_id, l.uom_code, l.burn_rate, l.burn_rate_source, l.available_stock,
                   l.reserved_qty, l.inbound_transfer_qty, l.inbound_donation_qty, l.inbound_procurement_qty,
                   l.required_qty, l.coverage_qty, l.gap_qty, l.time_to_stockout_hours, l.severity_level,
                   l.horizon_a_qty, l.horizon_a_source, l.horizon_b_qty, l.horizon_c_qty,
                   @actor, @CalculationDtime, @actor, @CalculationDtime
              from unnest(@itemIds, @uomCodes, @burnRates, @burnRateSources, @availableStocks, @reservedQtys,
                          @inboundTransferQtys, @inboundDonationQtys, @inboundProcurementQtys, @requiredQtys,
                          @coverageQtys, @gapQtys, @timeToStockouts, @severities, @horizonAQtys, @horizonASources,
                          @horizonBQtys, @horizonCQtys)
                   as l(item_id, uom_code, burn_rate, burn_rate_source, available_stock, reserved_qty,
                        inbound_transfer_qty, inbound_donation_qty, inbound_procurement_qty, required_qty,
                        coverage_qty, gap_qty, time_to_stockout_hours, severity_level, horizon_a_qty, horizon_a_source,
                        horizon_b_qty, horizon_c_qty)
            returning *
        ),
        details as (
            insert into needs_list_item_calculation (needs_list_item_id, line_no, fulfilled_qty_in_window,
                                                     fulfillment_count, unit_value, estimated_value,
                                                     projected_stockout_dtime, horizon_a_lead_time_hours,
                                                     horizon_b_lead_time_hours, horizon_c_lead_time_hours,
                                                     horizon_a_after_stockout, horizon_b_after_stockout,
                                                     horizon_c_after_stockout, stockout_before_arrival, warnings,
                                                     horizon_a_split_warehouse_ids, horizon_a_split_qtys,
                                                     horizon_a_split_lead_time_hours, horizon_a_split_arrivals,
                                                     horizon_b_split_donation_ids, horizon_b_split_qtys, demand_window_end,
                                                     create_by_id, create_dtime, update_by_id, update_dtime)
            select li.needs_list_item_id, d.line_no, d.fulfilled_qty, d.fulfillment_count, d.unit_value,
                   d.estimated_value, d.projected_stockout, d.lead_a, d.lead_b, d.lead_c, d.after_a, d.after_b,
                   d.after_c, d.stockout_before_arrival, d.warnings::jsonb,
                   coalesce(s.warehouse_ids, array[]::integer[]), coalesce(s.qtys, array[]::numeric[]),
                   coalesce(s.lead_times, array[]::integer[]), coalesce(s.arrivals, array[]::timestamp[]),
                   coalesce(b.donation_ids, array[]::integer[]), coalesce(b.qtys, array[]::numeric[]), d.demand_window_end,
                   @actor, @CalculationDtime, @actor, @CalculationDtime
              from unnest(@itemIds, @lineNos, @fulfilledQtys, @fulfillmentCounts, @unitValues, @estimatedValues,
                          @projectedStockouts, @leadTimesA, @leadTimesB, @leadTimesC, @afterStockoutA,
                          @afterStockoutB, @afterStockoutC, @stockoutBeforeArrivals, @lineWarnings, @demandWindowEnds)
                   as d(item_id, line_no, fulfilled_qty, fulfillment_count, unit_value, estimated_value,
                        projected_stockout, lead_a, lead_b, lead_c, after_a, after_b, after_c,
                        stockout_before_arrival, warnings, demand_window_end)
              join lines li on li.item_id = d.item_id
              left join (
                  -- the sources arrive line by line in allocation order: that order becomes the arrays'
                  select item_id, array_agg(warehouse_id order by position) as warehouse_ids,
                         array_agg(qty order by position) as qtys,
                         array_agg(lead_time_hours order by position) as lead_times,
                         array_agg(expected_arrival order by position) as arrivals
                    from unnest(@splitItemIds, @splitWarehouseIds, @splitQtys, @splitLeadTimes, @splitArrivals)
                         with ordinality as s(item_id, warehouse_id, qty, lead_time_hours, expected_arrival, position)
                   group by item_id
              ) s on s.item_id = d.item_id
              left join (
                  -- the pledges likewise, in drawing order
                  select item_id, array_agg(donation_id order by position) as donation_ids,
                         array_agg(qty order by position) as qtys
                    from unnest(@drawItemIds, @drawDonationIds, @drawQtys)
                         with ordinality as b(item_id, donation_id, qty, position)
                   group by item_id
              ) b on b.item_id = d.item_id
            returning *
        )
        select {LineColumns}
          from lines nli
          join item i on i.item_id = nli.item_id
          join details c on c.needs_list_item_id = nli.needs_list_item_id
         order by c.line_no, nli.needs_list_item_id
        """;

    private static object LineParameters(IReadOnlyList<NewNeedsListLine> lines)
    {
        var sources = lines.SelectMany(line => line.Sources.Select(source => (line.ItemId, source))).ToList();
        var pledges = lines.SelectMany(line => line.Pledges.Select(pledge => (line.ItemId, pledge))).ToList();
        return new
        {
            itemIds = lines.Select(l => l.ItemId).ToArray(),
            uomCodes = lines.Select(l => l.UomCode).ToArray(),
            burnRates = lines.Select(l => l.BurnRate).ToArray(),
            burnRateSources = lines.Select(l => l.BurnRateSource).ToArray(),
            availableStocks = lines.Select(l => l.AvailableStock).ToArray(),
            reservedQtys = lines.Select(l => l.ReservedQty).ToArray(),
            inboundTransferQtys = lines.Select(l => l.InboundTransferQty).ToArray(),
            inboundDonationQtys = lines.Select(l => l.InboundDonationQty).ToArray(),
            inboundProcurementQtys = lines.Select(l => l.InboundProcurementQty).ToArray(),
            requiredQtys = lines.Select(l => l.RequiredQty).ToArray(),
            coverageQtys = lines.Select(l => l.CoverageQty).ToArray(),
            gapQtys = lines.Select(l => l.GapQty).ToArray(),
            timeToStockouts = lines.Select(l => l.TimeToStockoutHours).ToArray(),
            severities = lines.Select(l => l.SeverityLevel).ToArray(),
            horizonAQtys = lines.Select(l => l.HorizonAQty).ToArray(),
            horizonASources = lines.Select(l => l.HorizonASourceWarehouseId).ToArray(),
            horizonBQtys = lines.Select(l => l.HorizonBQty).ToArray(),
            horizonCQtys = lines.Select(l => l.HorizonCQty).ToArray(),

            lineNos = lines.Select(l => l.LineNo).ToArray(),
            fulfilledQtys = lines.Select(l => l.FulfilledQtyInWindow).ToArray(),
            fulfillmentCounts = lines.Select(l => l.FulfillmentCount).ToArray(),
            unitValues = lines.Select(l => l.UnitValue).ToArray(),
            estimatedValues = lines.Select(l => l.EstimatedValue).ToArray(),
            projectedStockouts = lines.Select(l => l.ProjectedStockout is { } moment ? CalculationReader.Unspecified(moment) : (DateTime?)null).ToArray(),
            leadTimesA = lines.Select(l => l.HorizonALeadTimeHours).ToArray(),
            leadTimesB = lines.Select(l => l.HorizonBLeadTimeHours).ToArray(),
            leadTimesC = lines.Select(l => l.HorizonCLeadTimeHours).ToArray(),
            afterStockoutA = lines.Select(l => l.HorizonAAfterStockout).ToArray(),
            afterStockoutB = lines.Select(l => l.HorizonBAfterStockout).ToArray(),
            afterStockoutC = lines.Select(l => l.HorizonCAfterStockout).ToArray(),
            stockoutBeforeArrivals = lines.Select(l => l.StockoutBeforeArrival).ToArray(),
            lineWarnings = lines.Select(l => l.WarningsJson).ToArray(),
            demandWindowEnds = lines.Select(l => l.DemandWindowEnd is { } end ? CalculationReader.Unspecified(end) : (DateTime?)null).ToArray(),

            splitItemIds = sources.Select(s => s.ItemId).ToArray(),
            splitWarehouseIds = sources.Select(s => s.source.WarehouseId).ToArray(),
            splitQtys = sources.Select(s => s.source.Qty).ToArray(),
            splitLeadTimes = sources.Select(s => s.source.LeadTimeHours).ToArray(),
            splitArrivals = sources.Select(s => CalculationReader.Unspecified(s.source.ExpectedArrival)).ToArray(),

            drawItemIds = pledges.Select(p => p.ItemId).ToArray(),
            drawDonationIds = pledges.Select(p => p.pledge.DonationId).ToArray(),
            drawQtys = pledges.Select(p => p.pledge.Qty).ToArray(),
        };
    }

    /// <summary>Each line's burn-rate snapshot, read from the line as stored.</summary>
    private const string SnapshotsInsert =
        """
        insert into burn_rate_snapshot (warehouse_id, item_id, event_id, event_phase, snapshot_dtime,
                                        demand_window_hours, fulfillment_count, total_fulfilled_qty, burn_rate,
                                        burn_rate_source, data_freshness_level, time_to_stockout_hours,
                                        available_stock_at_calc)
        select @WarehouseId, nli.item_id, @EventId, @EventPhase, @CalculationDtime, @DemandWindowHours,
               c.fulfillment_count, c.fulfilled_qty_in_window, nli.burn_rate, nli.burn_rate_source, @DataFreshnessLevel,
               nli.time_to_stockout_hours, nli.available_stock
          from needs_list_item nli
          join needs_list_item_calculation c on c.needs_list_item_id = nli.needs_list_item_id
         where nli.needs_list_id = @needsListId
         order by c.line_no
        """;

    /// <summary>A list with its lines and their splits (one round trip); null when it does not exist.</summary>
    public Task<StoredNeedsList?> GetAsync(int needsListId, string escalatedReasonCode, CancellationToken cancellationToken) =>
        reads.ReadNeedsListAsync(
            needsListId, connection => GetAsync(connection, null, needsListId, escalatedReasonCode, cancellationToken), cancellationToken);

    public static async Task<StoredNeedsList?> GetAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        int needsListId,
        string escalatedReasonCode,
        CancellationToken cancellationToken)
    {
        await using var grid = await connection.QueryMultipleAsync(new CommandDefinition(
            $"""
            {HeaderSelect}
             where nl.needs_list_id = @needsListId;

            select {LineColumns}
              from needs_list_item nli
              join item i on i.item_id = nli.item_id
              left join needs_list_item_calculation c on c.needs_list_item_id = nli.needs_list_item_id
             where nli.needs_list_id = @needsListId
             order by c.line_no nulls last, nli.needs_list_item_id;

            {SplitNamesSelect}

            select needs_list_item_id, received_a_qty, received_b_qty, received_c_qty
              from v_needs_list_line_receipt
             where needs_list_id = @needsListId;
            """,
            new { needsListId, escalatedReasonCode },
            transaction,
            cancellationToken: cancellationToken));
        var header = await grid.ReadSingleOrDefaultAsync<NeedsListHeaderRow>();
        var lines = (await grid.ReadAsync<NeedsListLineRow>()).AsList();
        var (warehouseNames, donationDescriptions) = await ReadSplitNamesAsync(grid);
        var received = (await grid.ReadAsync<LineReceivedRow>()).ToDictionary(row => row.NeedsListItemId);
        return header is null ? null : new StoredNeedsList(header, lines, warehouseNames, donationDescriptions) { Received = received };
    }

    /// <summary>The results of <see cref="SplitNamesSelect"/>.</summary>
    private static async Task<(IReadOnlyDictionary<int, string> WarehouseNames, IReadOnlyDictionary<int, string> DonationDescriptions)>
        ReadSplitNamesAsync(SqlMapper.GridReader grid)
    {
        var warehouses = (await grid.ReadAsync<(int WarehouseId, string WarehouseName)>())
            .ToDictionary(warehouse => warehouse.WarehouseId, warehouse => warehouse.WarehouseName);
        var donations = (await grid.ReadAsync<(int DonationId, string Description)>())
            .ToDictionary(donation => donation.DonationId, donation => donation.Description);
        return (warehouses, donations);
    }

    /// <summary>Headers newest first (by id), below <paramref name="beforeId"/>.</summary>
    public async Task<IReadOnlyList<NeedsListHeaderRow>> ListAsync(
        NeedsListFilter filter, long beforeId, int limit, string escalatedReasonCode, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<NeedsListHeaderRow>(new CommandDefinition(
            $"""
            {HeaderSelect}
             where nl.needs_list_id < @beforeId
               and (@eventId = 0 or nl.event_id = @eventId)
               and (@warehouseId = 0 or nl.warehouse_id = @warehouseId)
               and (cardinality(@statuses) = 0 or nl.status_code = any(@statuses))
             order by nl.needs_list_id desc
             limit @limit
            """,
            new
            {
                beforeId = beforeId > int.MaxValue ? int.MaxValue + 1L : beforeId,
                filter.EventId,
                filter.WarehouseId,
                statuses = filter.Statuses.ToArray(),
                limit,
                escalatedReasonCode,
            },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
