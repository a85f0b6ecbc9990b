using Dmis.Replenishment.Data.Calculation;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Server.Application.NeedsLists;
using Dmis.Replenishment.V1;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>The dashboard, data freshness and sync messages.</summary>
public static class NeedsListStockMapping
{
    public static StockStatusRow ToProto(this StockStatusEntry entry)
    {
        var (warehouse, item, status, freshness) = entry;
        return new StockStatusRow
        {
            WarehouseId = warehouse.WarehouseId,
            WarehouseName = warehouse.WarehouseName,
            ItemId = item.ItemId,
            ItemCode = item.ItemCode,
            ItemName = item.ItemName,
            Criticality = item.Criticality,
            AvailableStock = status.AvailableQty.ToProto(),
            ReservedQty = status.ReservedQty.ToProto(),
            UsableStock = status.UsableQty.ToProto(),
            Inbound = status.Inbound.ToProto(),
            BurnRate = status.BurnRate.ToProto(),
            BurnRateSource = status.BurnRateSource.ToProto(),
            TimeToStockoutHours = status.TimeToStockoutHours.ToProto(),
            Severity = status.Severity.ToProto(),
            Freshness = freshness.ToProto(),
            RequiredQty = status.RequiredQty.ToProto(),
            GapQty = status.GapQty.ToProto(),
            SurplusQty = status.SurplusQty.ToProto(),
            DemandWindowEnd = status.Burn.StockedOutWindowEnd.ToTimestamp(),
            PledgedAvailableQty = entry.PledgedAvailableQty.ToProto(),
        };
    }

    public static SeverityCounts ToProto(this IReadOnlyDictionary<SeverityLevel, int> counts) => new()
    {
        Critical = counts.GetValueOrDefault(SeverityLevel.Critical),
        Warning = counts.GetValueOrDefault(SeverityLevel.Warning),
        Watch = counts.GetValueOrDefault(SeverityLevel.Watch),
        Ok = counts.GetValueOrDefault(SeverityLevel.Ok),
    };

    public static GetDataFreshnessResponse ToProto(this FreshnessReport report)
    {
        var response = new GetDataFreshnessResponse
        {
            OverallLevel = report.Overall.ToProto(),
            AsOf = report.AsOf.ToTimestamp(),
        };
        foreach (var (warehouse, freshness) in report.Warehouses)
        {
            response.Warehouses.Add(new WarehouseFreshness
            {
                WarehouseId = warehouse.WarehouseId,
                WarehouseName = warehouse.WarehouseName,
                LastSync = warehouse.LastSyncDtime.ToTimestamp(),
                AgeHours = freshness.AgeHours.ToProto(),
                Level = freshness.Level.ToProto(),
                SyncStatus = warehouse.SyncStatus ?? "",
            });
            switch (freshness.Level)
            {
                case Domain.Freshness.FreshnessLevel.High: response.HighCount++; break;
                case Domain.Freshness.FreshnessLevel.Medium: response.MediumCount++; break;
                case Domain.Freshness.FreshnessLevel.Low: response.LowCount++; break;
                default: response.UnknownCount++; break;
            }
        }

        return response;
    }

    public static WarehouseSync ToProto(this WarehouseSyncRow row) => new()
    {
        SyncId = row.SyncId,
        WarehouseId = row.WarehouseId,
        SyncTime = row.SyncDtime.ToTimestamp(),
        SyncType = NeedsListValueMapping.SyncTypeFromWord(row.SyncType),
        Status = NeedsListValueMapping.SyncStatusFromWord(row.SyncStatus),
        ItemsSynced = row.ItemsSynced,
        ErrorMessage = row.ErrorMessage ?? "",
        TriggeredBy = row.TriggeredBy ?? "",
        WarehouseLastSync = row.WarehouseLastSync.ToTimestamp(),
        WarehouseSyncStatus = row.WarehouseSyncStatus ?? "",
    };
}
