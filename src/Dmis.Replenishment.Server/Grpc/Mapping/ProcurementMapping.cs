using Dmis.Replenishment.Data.Fulfilment;
using Dmis.Replenishment.Data.Procurement;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Procurement;
using Dmis.Replenishment.Server.Application.Procurement;
using DomainMethod = Dmis.Replenishment.Domain.Procurement.ProcurementMethod;
using DomainStatus = Dmis.Replenishment.Domain.Procurement.ProcurementStatus;
using ProtoMethod = Dmis.Replenishment.V1.ProcurementMethod;
using ProtoProcurement = Dmis.Replenishment.V1.Procurement;
using ProtoStatus = Dmis.Replenishment.V1.ProcurementStatus;
using ProtoTier = Dmis.Replenishment.V1.ApprovalTier;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>
/// Procurements between the wire and the rows. The proto enums list the Domain's values in the
/// same order after UNSPECIFIED, so a value maps by position.
/// </summary>
public static class ProcurementMapping
{
    public static ProtoProcurement ToProto(this StoredProcurement stored)
    {
        var header = stored.Header;
        var requirement = ProcurementOperations.StoredRequirement(header);
        var proto = new ProtoProcurement
        {
            ProcurementId = header.ProcurementId,
            ProcurementNo = header.ProcurementNo,
            NeedsListId = header.NeedsListId ?? 0,
            EventId = header.EventId,
            TargetWarehouseId = header.TargetWarehouseId,
            SupplierId = header.SupplierId ?? 0,
            Method = (ProtoMethod)((int)ProcurementMethodWords.Parse(header.ProcurementMethod) + 1),
            PoNumber = header.PoNumber ?? "",
            TotalValue = header.TotalValue.ToProto(),
            CurrencyCode = header.CurrencyCode,
            Status = (ProtoStatus)((int)ProcurementStatusWords.Parse(header.StatusCode) + 1),
            Tier = requirement is null ? ProtoTier.Unspecified : (ProtoTier)((int)requirement.Tier + 1),
            ApproverRole = requirement?.ApproverRole.ToName() ?? "",
            ApprovedBy = header.ApprovedBy ?? "",
            ApprovedAt = header.ApprovedAt.ToTimestamp(),
            ShippedAt = header.ShippedAt.ToTimestamp(),
            ExpectedArrival = header.ExpectedArrival.ToTimestamp(),
            ReceivedAt = header.ReceivedAt.ToTimestamp(),
            ReceivedBy = header.ReceivedBy ?? "",
            Notes = header.NotesText ?? "",
            CreatedBy = header.CreateById,
            CreatedAt = header.CreateDtime.ToTimestamp(),
            Version = header.VersionNbr,
        };
        proto.Lines.AddRange(stored.Lines.Select(line => new V1.ProcurementLine
        {
            ProcurementItemId = line.ProcurementItemId,
            ItemId = line.ItemId,
            ItemCode = line.ItemCode,
            ItemName = line.ItemName,
            NeedsListItemId = line.NeedsListItemId ?? 0,
            OrderedQty = line.OrderedQty.ToProto(),
            UnitPrice = line.UnitPrice.ToProto(),
            LineTotal = line.LineTotal.ToProto(),
            UomCode = line.UomCode,
            ReceivedQty = line.ReceivedQty.ToProto(),
            Status = line.StatusCode,
        }));
        return proto;
    }

    /// <summary>A transfer created from a needs list: legacy status P (pending).</summary>
    public static V1.Transfer ToProto(this CreatedTransfer transfer) => new()
    {
        TransferId = transfer.TransferId,
        FromWarehouseId = transfer.FromWarehouseId,
        ToWarehouseId = transfer.ToWarehouseId,
        EventId = transfer.EventId,
        NeedsListId = transfer.NeedsListId,
        StatusCode = "P",
        Version = 1, // a new transfer row's version_nbr
        Lines =
        {
            transfer.Lines.Select(line => new V1.TransferLine
            {
                ItemId = line.ItemId, BatchId = line.BatchId, Qty = line.Qty.ToProto(), UomCode = line.UomCode,
            }),
        },
    };

    public static V1.Transfer ToProto(this StoredTransfer transfer) => new()
    {
        TransferId = transfer.Header.TransferId,
        FromWarehouseId = transfer.Header.FrInventoryId,
        ToWarehouseId = transfer.Header.ToInventoryId,
        EventId = transfer.Header.EligibleEventId ?? 0,
        NeedsListId = transfer.Header.NeedsListId ?? 0,
        StatusCode = transfer.Header.StatusCode,
        Lines =
        {
            transfer.Lines.Select(line => new V1.TransferLine
            {
                ItemId = line.ItemId, BatchId = line.BatchId, Qty = line.ItemQty.ToProto(), UomCode = line.UomCode,
            }),
        },
        DispatchedAt = transfer.Header.DispatchedAt.ToTimestamp(),
        DispatchedBy = transfer.Header.DispatchedBy ?? "",
        ReceivedAt = transfer.Header.ReceivedAt.ToTimestamp(),
        ReceivedBy = transfer.Header.ReceivedBy ?? "",
        Version = transfer.Header.VersionNbr,
    };

    public static DomainMethod? ToDomain(this ProtoMethod method, string field) => method switch
    {
        ProtoMethod.Unspecified => null,
        >= ProtoMethod.EmergencyDirect and <= ProtoMethod.Framework => (DomainMethod)((int)method - 1),
        _ => throw new DomainValidationException(field, $"{(int)method} is not a procurement method"),
    };

    public static string ToWord(this ProtoStatus status, string field) => status switch
    {
        >= ProtoStatus.Draft and <= ProtoStatus.Cancelled => ((DomainStatus)((int)status - 1)).ToWord(),
        _ => throw new DomainValidationException(field, $"{(int)status} is not a procurement status"),
    };

    /// <summary>Request prices: empty decimals are null (keep / estimate).</summary>
    public static IReadOnlyList<PriceInput> ToDomain(this IEnumerable<V1.LinePrice> prices, string field) =>
        [.. prices.Select((price, i) => new PriceInput(
            price.ItemId,
            ProtoValues.ParseOptional(price.UnitPrice, $"{field}[{i}].unit_price"),
            ProtoValues.ParseOptional(price.OrderedQty, $"{field}[{i}].ordered_qty")))];

    public static IReadOnlyList<ReceiptQuantity> ToDomain(this IEnumerable<V1.ReceivedQuantity> items) =>
        [.. items.Select((item, i) => new ReceiptQuantity(item.ItemId, ProtoValues.ParseRequired(item.ReceivedQty, $"items[{i}].received_qty")))];
}
