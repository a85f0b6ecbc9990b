using Dmis.Replenishment.Data.Procurement;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Procurement;
using Dmis.Replenishment.V1;
using DomainHorizon = Dmis.Replenishment.Domain.Procurement.LeadTimeHorizon;
using ProtoHorizon = Dmis.Replenishment.V1.LeadTimeHorizon;

namespace Dmis.Replenishment.Server.Grpc.Mapping;

/// <summary>Suppliers and lead times between the wire and the Domain / rows.</summary>
public static class ProcurementSupplierMapping
{
    public static Supplier ToProto(this SupplierRow row)
    {
        var supplier = new Supplier
        {
            SupplierId = row.SupplierId,
            SupplierCode = row.SupplierCode,
            SupplierName = row.SupplierName,
            ContactName = row.ContactName ?? "",
            PhoneNo = row.PhoneNo ?? "",
            Email = row.EmailText ?? "",
            Address = row.AddressText ?? "",
            ParishCode = row.ParishCode ?? "",
            CountryId = row.CountryId ?? 0,
            DefaultLeadTimeDays = row.DefaultLeadTimeDays ?? 0,
            IsFrameworkSupplier = row.IsFrameworkSupplier,
            FrameworkContractNo = row.FrameworkContractNo ?? "",
            IsActive = row.IsActive,
            Version = row.VersionNbr,
        };
        if (row.FrameworkExpiryDate.ToDate() is { } expiry)
        {
            supplier.FrameworkExpiryDate = expiry;
        }

        return supplier;
    }

    /// <summary>The API's 0 for country and lead time means "not given".</summary>
    public static SupplierInput ToDomain(this Supplier? supplier)
    {
        if (supplier is null)
        {
            throw new DomainValidationException("supplier", "is required");
        }

        return new SupplierInput(
            supplier.SupplierCode, supplier.SupplierName, supplier.ContactName, supplier.PhoneNo, supplier.Email,
            supplier.Address, supplier.ParishCode, supplier.CountryId == 0 ? null : supplier.CountryId,
            supplier.DefaultLeadTimeDays == 0 ? null : supplier.DefaultLeadTimeDays, supplier.IsFrameworkSupplier,
            supplier.FrameworkContractNo, supplier.FrameworkExpiryDate.ToDateOnly("supplier.framework_expiry_date"),
            supplier.IsActive);
    }

    public static LeadTime ToProto(this LeadTimeRow row)
    {
        var leadTime = new LeadTime
        {
            ConfigId = row.ConfigId,
            Horizon = LeadTimeHorizonWords.Parse(row.Horizon) switch
            {
                DomainHorizon.A => ProtoHorizon.A,
                DomainHorizon.B => ProtoHorizon.B,
                _ => ProtoHorizon.C,
            },
            FromWarehouseId = row.FromWarehouseId ?? 0,
            ToWarehouseId = row.ToWarehouseId ?? 0,
            SupplierId = row.SupplierId ?? 0,
            LeadTimeHours = row.LeadTimeHours,
            IsDefault = row.IsDefault,
            EffectiveFrom = ((DateOnly?)row.EffectiveFrom).ToDate(),
            Version = row.VersionNbr,
        };
        if (row.EffectiveTo.ToDate() is { } to)
        {
            leadTime.EffectiveTo = to;
        }

        return leadTime;
    }

    public static DomainHorizon? ToDomain(this ProtoHorizon horizon, string field) => horizon switch
    {
        ProtoHorizon.Unspecified => null,
        ProtoHorizon.A => DomainHorizon.A,
        ProtoHorizon.B => DomainHorizon.B,
        ProtoHorizon.C => DomainHorizon.C,
        _ => throw new DomainValidationException(field, $"{(int)horizon} is not a lead-time horizon"),
    };

    public static LeadTimeInput ToDomain(this LeadTime? leadTime)
    {
        if (leadTime is null)
        {
            throw new DomainValidationException("lead_time", "is required");
        }

        return new LeadTimeInput(
            leadTime.Horizon.ToDomain("lead_time.horizon"),
            leadTime.FromWarehouseId == 0 ? null : leadTime.FromWarehouseId,
            leadTime.ToWarehouseId == 0 ? null : leadTime.ToWarehouseId,
            leadTime.SupplierId == 0 ? null : leadTime.SupplierId,
            leadTime.LeadTimeHours,
            leadTime.IsDefault,
            leadTime.EffectiveFrom.ToDateOnly("lead_time.effective_from"),
            leadTime.EffectiveTo.ToDateOnly("lead_time.effective_to"));
    }
}
