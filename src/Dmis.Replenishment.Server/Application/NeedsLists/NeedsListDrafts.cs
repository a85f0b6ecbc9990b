using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dmis.Replenishment.Data.NeedsLists;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Freshness;
using Dmis.Replenishment.Domain.NeedsLists;
using Dmis.Replenishment.Domain.Phases;
using Dmis.Replenishment.Domain.Warnings;
using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Server.Application.NeedsLists;

/// <summary>
/// Turns a <see cref="CalculationResult"/> into the rows GenerateNeedsList writes: the header and one
/// line per result line (in the result's urgency order, line_no 1..n) with its horizon-A and B splits and
/// the demand its burn rate was measured on.
/// The store takes each line's burn-rate snapshot from the line itself.
/// </summary>
public static class NeedsListDrafts
{
    /// <summary>needs_list_item.time_to_stockout_hours and burn_rate_snapshot's are NUMERIC(10,2): longer times are stored as this.</summary>
    public static readonly decimal MaxStoredHours = DecimalRules.NumericMax(10, 2);

    public static NewNeedsList From(
        string needsListNo, int eventId, CalculationResult result, string? notes, IReadOnlyList<SupersedableList> superseded)
    {
        var header = result.Header;
        var parameters = header.Parameters;
        var lines = result.Lines.Select((line, index) => Line(index + 1, line)).ToList();

        var auditNotes = string.Create(CultureInfo.InvariantCulture,
            $"Generated for {header.Phase.ToWord()} at {header.AsOf:yyyy-MM-dd HH:mm:ss} UTC: {lines.Count} line(s), total gap {header.TotalGapQty}");
        if (superseded.Count > 0)
        {
            auditNotes += $"; supersedes {string.Join(", ", superseded.Select(list => list.NeedsListNo))}";
        }

        return new NewNeedsList
        {
            NeedsListNo = needsListNo,
            EventId = eventId,
            WarehouseId = header.Warehouse.WarehouseId,
            EventPhase = header.Phase.ToWord(),
            CalculationDtime = header.AsOf,
            DemandWindowHours = parameters.DemandWindowHours,
            PlanningWindowHours = parameters.PlanningWindowHours,
            SafetyFactor = parameters.SafetyFactor,
            SafetyBufferPct = parameters.SafetyBufferPct,
            FreshnessThresholdHours = parameters.FreshnessThresholdHours,
            StaleThresholdHours = parameters.StaleThresholdHours,
            DataFreshnessLevel = header.Freshness.CalculationLevel.ToWord(),
            DataAgeHours = Stored(header.Freshness.AgeHours),
            TotalGapQty = header.TotalGapQty,
            TotalEstimatedValue = header.TotalEstimatedValue,
            ItemsEvaluated = header.ItemsEvaluated,
            SufficientCoverageCount = header.SufficientCoverageCount,
            HeaderWarningsJson = WarningsJson.Write(header.Warnings),
            Notes = notes,
            CreatedAuditNotes = auditNotes,
            Lines = lines,
        };
    }

    private static NewNeedsListLine Line(int lineNo, CalculatedLine line)
    {
        var (item, status) = (line.Item, line.Status);
        return new NewNeedsListLine
        {
            LineNo = lineNo,
            ItemId = item.ItemId,
            UomCode = item.UomCode,
            BurnRate = status.BurnRate,
            BurnRateSource = status.BurnRateSource.ToWord(),
            AvailableStock = status.AvailableQty,
            ReservedQty = status.ReservedQty,
            InboundTransferQty = status.Inbound.TransferQty,
            InboundDonationQty = status.Inbound.DonationQty,
            InboundProcurementQty = status.Inbound.ProcurementQty,
            RequiredQty = status.RequiredQty,
            CoverageQty = status.CoverageQty,
            GapQty = status.GapQty,
            TimeToStockoutHours = Stored(status.TimeToStockoutHours),
            SeverityLevel = status.Severity.ToWord(),
            HorizonAQty = line.HorizonA.Qty,
            HorizonASourceWarehouseId = line.MainSourceWarehouseId,
            HorizonBQty = line.HorizonB.Qty,
            HorizonCQty = line.HorizonC.Qty,
            FulfilledQtyInWindow = status.Burn.FulfilledQty,
            FulfillmentCount = status.Burn.FulfillmentCount,
            DemandWindowEnd = status.Burn.StockedOutWindowEnd,
            UnitValue = item.UnitValue,
            EstimatedValue = line.EstimatedValue,
            ProjectedStockout = line.ProjectedStockout,
            HorizonALeadTimeHours = line.HorizonA.LeadTimeHours,
            HorizonBLeadTimeHours = line.HorizonB.LeadTimeHours,
            HorizonCLeadTimeHours = line.HorizonC.LeadTimeHours,
            HorizonAAfterStockout = line.HorizonA.ArrivesAfterStockout,
            HorizonBAfterStockout = line.HorizonB.ArrivesAfterStockout,
            HorizonCAfterStockout = line.HorizonC.ArrivesAfterStockout,
            StockoutBeforeArrival = line.StockoutBeforeArrival,
            WarningsJson = WarningsJson.Write(line.Warnings),
            Sources = line.HorizonA.Sources
                .Select(source => new NewSourceAllocation(source.WarehouseId, source.Qty, source.LeadTimeHours, source.ExpectedArrival))
                .ToList(),
            Pledges = line.HorizonB.Pledges.Select(pledge => new NewPledgeAllocation(pledge.DonationId, pledge.Qty)).ToList(),
        };
    }

    /// <summary>Hours as a NUMERIC(10,2) column can hold them (longer times are capped, not lost).</summary>
    public static decimal? Stored(decimal? hours) => hours is { } value ? Math.Min(value, MaxStoredHours) : null;
}

/// <summary>Warnings as stored in the V4 jsonb columns: [{"code", "message", "item_id", "warehouse_id"}].</summary>
public static class WarningsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Write(IReadOnlyList<CalculationWarning> warnings) =>
        JsonSerializer.Serialize(warnings.Select(w => new StoredWarning(w.Code, w.Message, w.ItemId, w.WarehouseId)), Options);

    public static IReadOnlyList<CalculationWarning> Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        var stored = JsonSerializer.Deserialize<List<StoredWarning>>(json, Options) ?? [];
        return stored.Select(w => new CalculationWarning(w.Code, w.Message, w.ItemId, w.WarehouseId)).ToList();
    }

    private sealed record StoredWarning(string Code, string Message, int? ItemId, int? WarehouseId);
}
