using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Calculation;
using Dmis.Replenishment.Domain.Warnings;
using Dmis.Replenishment.V1;
using DomainAdjustmentReason = Dmis.Replenishment.Domain.Workflow.AdjustmentReason;
using DomainBurnRateSource = Dmis.Replenishment.Domain.Calculation.BurnRateSource;
using DomainFreshness = Dmis.Replenishment.Domain.Freshness.FreshnessLevel;
using DomainFulfillmentStatus = Dmis.Replenishment.Domain.Workflow.FulfillmentStatus;
using DomainStatus = Dmis.Replenishment.Domain.Workflow.NeedsListStatus;
using ProtoAdjustmentReason = Dmis.Replenishment.V1.AdjustmentReason;
using ProtoBurnRateSource = Dmis.Replenishment.V1.BurnRateSource;
using ProtoFreshness = Dmis.Replenishment.V1.FreshnessLevel;
using ProtoFulfillmentStatus = Dmis.Replenishment.V1.FulfillmentStatus;
using ProtoStatus = Dmis.Replenishment.V1.NeedsListStatus;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>The small values of the needs-list contract: enums, inbound, warnings.</summary>
public static class NeedsListValueMapping
{
    public static Severity ToProto(this SeverityLevel severity) => severity switch
    {
        SeverityLevel.Critical => Severity.Critical,
        SeverityLevel.Warning => Severity.Warning,
        SeverityLevel.Watch => Severity.Watch,
        _ => Severity.Ok,
    };

    public static Severity SeverityWordToProto(string word) =>
        SeverityLevelWords.TryParse(word, out var severity) ? severity.ToProto() : Severity.Unspecified;

    /// <summary>A filter's severities; UNSPECIFIED or unknown values are refused, naming the field.</summary>
    public static IReadOnlySet<SeverityLevel> ToDomain(this IEnumerable<Severity> severities, string field)
    {
        var result = new HashSet<SeverityLevel>();
        var index = 0;
        foreach (var severity in severities)
        {
            result.Add(severity switch
            {
                Severity.Critical => SeverityLevel.Critical,
                Severity.Warning => SeverityLevel.Warning,
                Severity.Watch => SeverityLevel.Watch,
                Severity.Ok => SeverityLevel.Ok,
                _ => throw new DomainValidationException(
                    $"{field}[{index}]", $"{(int)severity} is not a severity: CRITICAL, WARNING, WATCH or OK"),
            });
            index++;
        }

        return result;
    }

    public static ProtoBurnRateSource ToProto(this DomainBurnRateSource source) => source switch
    {
        DomainBurnRateSource.Calculated => ProtoBurnRateSource.Calculated,
        DomainBurnRateSource.Baseline => ProtoBurnRateSource.Baseline,
        DomainBurnRateSource.Manual => ProtoBurnRateSource.Manual,
        DomainBurnRateSource.Estimated => ProtoBurnRateSource.Estimated,
        _ => ProtoBurnRateSource.Unspecified,
    };

    public static ProtoBurnRateSource BurnRateSourceWordToProto(string word) =>
        BurnRateSourceWords.TryParse(word, out var source) ? source.ToProto() : ProtoBurnRateSource.Unspecified;

    public static ProtoFreshness ToProto(this DomainFreshness level) => level switch
    {
        DomainFreshness.High => ProtoFreshness.High,
        DomainFreshness.Medium => ProtoFreshness.Medium,
        DomainFreshness.Low => ProtoFreshness.Low,
        DomainFreshness.Unknown => ProtoFreshness.Unknown,
        _ => ProtoFreshness.Unspecified,
    };

    public static ProtoFreshness FreshnessWordToProto(string word) =>
        Domain.Freshness.FreshnessLevelWords.TryParse(word, out var level) ? level.ToProto() : ProtoFreshness.Unspecified;

    public static ProtoStatus ToProto(this DomainStatus status) => status switch
    {
        DomainStatus.Draft => ProtoStatus.Draft,
        DomainStatus.PendingApproval => ProtoStatus.PendingApproval,
        DomainStatus.UnderReview => ProtoStatus.UnderReview,
        DomainStatus.Approved => ProtoStatus.Approved,
        DomainStatus.Rejected => ProtoStatus.Rejected,
        DomainStatus.Returned => ProtoStatus.Returned,
        DomainStatus.InProgress => ProtoStatus.InProgress,
        DomainStatus.Fulfilled => ProtoStatus.Fulfilled,
        DomainStatus.Cancelled => ProtoStatus.Cancelled,
        DomainStatus.Superseded => ProtoStatus.Superseded,
        _ => ProtoStatus.Unspecified,
    };

    public static ProtoStatus StatusWordToProto(string word) =>
        Domain.Workflow.NeedsListStatusWords.TryParse(word, out var status) ? status.ToProto() : ProtoStatus.Unspecified;

    /// <summary>A filter's statuses; UNSPECIFIED or unknown values are refused, naming the field.</summary>
    public static IReadOnlyList<DomainStatus> ToDomain(this IEnumerable<ProtoStatus> statuses, string field)
    {
        var result = new List<DomainStatus>();
        var index = 0;
        foreach (var status in statuses)
        {
            result.Add(status switch
            {
                ProtoStatus.Draft => DomainStatus.Draft,
                ProtoStatus.PendingApproval => DomainStatus.PendingApproval,
                ProtoStatus.UnderReview => DomainStatus.UnderReview,
                ProtoStatus.Approved => DomainStatus.Approved,
                ProtoStatus.Rejected => DomainStatus.Rejected,
                ProtoStatus.Returned => DomainStatus.Returned,
                ProtoStatus.InProgress => DomainStatus.InProgress,
                ProtoStatus.Fulfilled => DomainStatus.Fulfilled,
                ProtoStatus.Cancelled => DomainStatus.Cancelled,
                ProtoStatus.Superseded => DomainStatus.Superseded,
                _ => throw new DomainValidationException($"{field}[{index}]", $"{(int)status} is not a needs-list status"),
            });
            index++;
        }

        return result;
    }

    public static ProtoFulfillmentStatus FulfillmentWordToProto(string word) =>
        Domain.Workflow.FulfillmentStatusWords.TryParse(word, out var status)
            ? status switch
            {
                DomainFulfillmentStatus.Pending => ProtoFulfillmentStatus.Pending,
                DomainFulfillmentStatus.Partial => ProtoFulfillmentStatus.Partial,
                DomainFulfillmentStatus.Fulfilled => ProtoFulfillmentStatus.Fulfilled,
                DomainFulfillmentStatus.Cancelled => ProtoFulfillmentStatus.Cancelled,
                _ => ProtoFulfillmentStatus.Unspecified,
            }
            : ProtoFulfillmentStatus.Unspecified;

    public static ProtoAdjustmentReason AdjustmentWordToProto(string? word) =>
        Domain.Workflow.AdjustmentReasonWords.TryParse(word, out var reason)
            ? reason switch
            {
                DomainAdjustmentReason.DemandAdjusted => ProtoAdjustmentReason.DemandAdjusted,
                DomainAdjustmentReason.PartialCoverage => ProtoAdjustmentReason.PartialCoverage,
                DomainAdjustmentReason.PriorityChange => ProtoAdjustmentReason.PriorityChange,
                DomainAdjustmentReason.BudgetConstraint => ProtoAdjustmentReason.BudgetConstraint,
                DomainAdjustmentReason.SupplierLimit => ProtoAdjustmentReason.SupplierLimit,
                DomainAdjustmentReason.Other => ProtoAdjustmentReason.Other,
                _ => ProtoAdjustmentReason.Unspecified,
            }
            : ProtoAdjustmentReason.Unspecified;

    /// <summary>RecordWarehouseSync's status: required; the database word.</summary>
    public static string ToWord(this SyncStatus status, string field) => status switch
    {
        SyncStatus.Success => "SUCCESS",
        SyncStatus.Partial => "PARTIAL",
        SyncStatus.Failed => "FAILED",
        _ => throw new DomainValidationException(field, "is required: SUCCESS, PARTIAL or FAILED"),
    };

    public static SyncStatus SyncStatusFromWord(string word) => word switch
    {
        "SUCCESS" => SyncStatus.Success,
        "PARTIAL" => SyncStatus.Partial,
        "FAILED" => SyncStatus.Failed,
        _ => SyncStatus.Unspecified,
    };

    /// <summary>RecordWarehouseSync's type: AUTO when not given (the column's default).</summary>
    public static string ToWord(this SyncType type, string field) => type switch
    {
        SyncType.Unspecified or SyncType.Auto => "AUTO",
        SyncType.Manual => "MANUAL",
        SyncType.Scheduled => "SCHEDULED",
        _ => throw new DomainValidationException(field, $"{(int)type} is not a sync type: AUTO, MANUAL or SCHEDULED"),
    };

    public static SyncType SyncTypeFromWord(string word) => word switch
    {
        "AUTO" => SyncType.Auto,
        "MANUAL" => SyncType.Manual,
        "SCHEDULED" => SyncType.Scheduled,
        _ => SyncType.Unspecified,
    };

    public static InboundStock ToProto(this InboundQuantities inbound) => new()
    {
        TransferQty = inbound.TransferQty.ToProto(),
        DonationQty = inbound.DonationQty.ToProto(),
        ProcurementQty = inbound.ProcurementQty.ToProto(),
        TotalQty = inbound.TotalQty.ToProto(),
    };

    public static Warning ToProto(this CalculationWarning warning) => new()
    {
        Code = warning.Code,
        Message = warning.Message,
        ItemId = warning.ItemId ?? 0,
        WarehouseId = warning.WarehouseId ?? 0,
    };
}
