using Dmis.Replenishment.Data.Audit;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.Data.Procurement;
using Dmis.Replenishment.Domain;
using Dmis.Replenishment.Domain.Access;
using Dmis.Replenishment.Domain.Audit;
using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Procurement;
using static Dmis.Replenishment.Server.Application.EventPhases.EventPhaseOperations;

namespace Dmis.Replenishment.Server.Application.Procurement;

/// <summary>
/// Supplier and lead-time master data: rules from the Domain, rows through the stores; every change is
/// audited (row before and after, who, when, the caller's reason) in its transaction.
/// </summary>
public sealed class SupplierOperations(SupplierStore suppliers, TimeProvider time)
{
    public async Task<SupplierRow> GetSupplierAsync(int supplierId, CancellationToken cancellationToken)
    {
        EnsurePositive(supplierId, "supplier_id");
        return await suppliers.FindAsync(supplierId, cancellationToken) ?? throw new NotFoundException("supplier", supplierId);
    }

    public async Task<SupplierRow> CreateSupplierAsync(
        DbScope scope, Caller caller, SupplierInput input, string? reason, CancellationToken cancellationToken)
    {
        var details = SupplierValidation.Validate(input);
        ProcurementAuthorization.EnsureCanManageSuppliers(caller);
        if (await SupplierStore.CodeExistsAsync(scope, details.SupplierCode, 0, cancellationToken))
        {
            throw new AlreadyExistsException($"a supplier with code {details.SupplierCode} already exists");
        }

        var now = time.Now();
        var created = await SupplierStore.InsertAsync(scope, ToValues(details), caller.UserId, now, cancellationToken);
        await ChangeAuditJournal.AppendAsync(
            scope, ChangeAuditJournal.Creating(AuditedEntity.Supplier, created.SupplierId), ChangeAction.Created, reason, caller.UserId, now,
            cancellationToken);
        return created;
    }

    public async Task<SupplierRow> UpdateSupplierAsync(
        DbScope scope, Caller caller, int supplierId, SupplierInput input, int expectedVersion, string? reason,
        CancellationToken cancellationToken)
    {
        EnsurePositive(supplierId, "supplier_id");
        var details = SupplierValidation.Validate(input);
        ProcurementAuthorization.EnsureCanManageSuppliers(caller);
        var current = await SupplierStore.FindAsync(scope.Connection, scope.Transaction, supplierId, forUpdate: true, cancellationToken)
            ?? throw new NotFoundException("supplier", supplierId);
        EnsureVersion("supplier", supplierId, expectedVersion, current.VersionNbr);
        if (await SupplierStore.CodeExistsAsync(scope, details.SupplierCode, supplierId, cancellationToken))
        {
            throw new AlreadyExistsException($"a supplier with code {details.SupplierCode} already exists");
        }

        var audit = await ChangeAuditJournal.BeforeAsync(scope, AuditedEntity.Supplier, supplierId, cancellationToken);
        var now = time.Now();
        var updated = await SupplierStore.UpdateAsync(scope, supplierId, ToValues(details), expectedVersion, caller.UserId, now, cancellationToken)
            ?? throw new VersionConflictException("supplier", supplierId, expectedVersion, null);
        await ChangeAuditJournal.AppendAsync(scope, audit, ChangeAction.Updated, reason, caller.UserId, now, cancellationToken);
        return updated;
    }

    /// <summary>config_id 0 creates (expected_version must be 0), else updates that row at expected_version.</summary>
    public async Task<LeadTimeRow> UpsertLeadTimeAsync(
        DbScope scope, Caller caller, int configId, LeadTimeInput input, int expectedVersion, string? reason,
        CancellationToken cancellationToken)
    {
        if (configId < 0)
        {
            throw new DomainValidationException("lead_time.config_id", "must not be negative");
        }

        LeadTimeValidation.EnsureValid(input, DateOnly.FromDateTime(time.Now()));
        ProcurementAuthorization.EnsureCanManageLeadTimes(caller);
        var horizon = input.Horizon!.Value.ToWord();

        if (input.SupplierId is { } supplierId
            && await SupplierStore.FindAsync(scope.Connection, scope.Transaction, supplierId, forUpdate: false, cancellationToken) is null)
        {
            throw new DomainValidationException("lead_time.supplier_id", $"supplier {supplierId} does not exist");
        }

        if (input.IsDefault && await LeadTimeStore.OtherDefaultAsync(scope, horizon, configId, cancellationToken) is { } other)
        {
            throw new AlreadyExistsException(
                $"horizon {horizon} already has a default lead time (config {other}); update that row instead");
        }

        var values = new LeadTimeValues(
            horizon, input.FromWarehouseId, input.ToWarehouseId, input.SupplierId, input.LeadTimeHours, input.IsDefault,
            input.EffectiveFrom, input.EffectiveTo);
        if (configId == 0)
        {
            if (expectedVersion != 0)
            {
                throw new DomainValidationException("expected_version", "must be 0 when creating a lead time (config_id 0)");
            }

            var now = time.Now();
            var created = await LeadTimeStore.InsertAsync(scope, values, caller.UserId, now, cancellationToken);
            await ChangeAuditJournal.AppendAsync(
                scope, ChangeAuditJournal.Creating(AuditedEntity.LeadTime, created.ConfigId), ChangeAction.Created, reason, caller.UserId, now,
                cancellationToken);
            return created;
        }

        var current = await LeadTimeStore.FindAsync(scope, configId, cancellationToken)
            ?? throw new NotFoundException("lead time", configId);
        EnsureVersion("lead time", configId, expectedVersion, current.VersionNbr);
        var audit = await ChangeAuditJournal.BeforeAsync(scope, AuditedEntity.LeadTime, configId, cancellationToken);
        var updatedAt = time.Now();
        var updated = await LeadTimeStore.UpdateAsync(scope, configId, values, expectedVersion, caller.UserId, updatedAt, cancellationToken)
            ?? throw new VersionConflictException("lead time", configId, expectedVersion, null);
        await ChangeAuditJournal.AppendAsync(scope, audit, ChangeAction.Updated, reason, caller.UserId, updatedAt, cancellationToken);
        return updated;
    }

    private static SupplierValues ToValues(SupplierDetails details) => new(
        details.SupplierCode, details.SupplierName, details.ContactName, details.PhoneNo, details.Email, details.Address,
        details.ParishCode, details.CountryId, details.DefaultLeadTimeDays, details.IsFrameworkSupplier,
        details.FrameworkContractNo, details.FrameworkExpiryDate, details.StatusCode);
}
