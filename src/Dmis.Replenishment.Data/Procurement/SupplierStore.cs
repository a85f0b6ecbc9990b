using Dapper;
using Dmis.Replenishment.Data.Infrastructure;
using Npgsql;

namespace Dmis.Replenishment.Data.Procurement;

/// <summary>A <c>supplier</c> row.</summary>
public sealed class SupplierRow
{
    public int SupplierId { get; init; }
    public string SupplierCode { get; init; } = "";
    public string SupplierName { get; init; } = "";
    public string? ContactName { get; init; }
    public string? PhoneNo { get; init; }
    public string? EmailText { get; init; }
    public string? AddressText { get; init; }
    public string? ParishCode { get; init; }
    public short? CountryId { get; init; }
    public int? DefaultLeadTimeDays { get; init; }
    public bool IsFrameworkSupplier { get; init; }
    public string? FrameworkContractNo { get; init; }
    public DateOnly? FrameworkExpiryDate { get; init; }
    public string StatusCode { get; init; } = "A";
    public int VersionNbr { get; init; }

    public bool IsActive => StatusCode == "A";
}

/// <summary>The columns a create or update writes (already validated and normalised).</summary>
public sealed record SupplierValues(
    string SupplierCode,
    string SupplierName,
    string? ContactName,
    string? PhoneNo,
    string? EmailText,
    string? AddressText,
    string? ParishCode,
    int? CountryId,
    int DefaultLeadTimeDays,
    bool IsFrameworkSupplier,
    string? FrameworkContractNo,
    DateOnly? FrameworkExpiryDate,
    string StatusCode);

/// <summary>Suppliers: reads on their own connection, writes inside the caller's transaction.</summary>
public sealed class SupplierStore(ReadConnections reads)
{
    private const string Select =
        """
        select supplier_id, supplier_code, supplier_name, contact_name, phone_no, email_text, address_text,
               trim(parish_code) as parish_code, country_id, default_lead_time_days, is_framework_supplier,
               framework_contract_no, framework_expiry_date, status_code, version_nbr
          from supplier
        """;

    public async Task<SupplierRow?> FindAsync(int supplierId, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, supplierId, forUpdate: false, cancellationToken);
    }

    public static Task<SupplierRow?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, int supplierId, bool forUpdate, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<SupplierRow>(new CommandDefinition(
            $"{Select} where supplier_id = @supplierId {(forUpdate ? "for update" : "")}",
            new { supplierId },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Suppliers by code, after <paramref name="afterId"/>.</summary>
    public async Task<IReadOnlyList<SupplierRow>> ListAsync(
        bool activeOnly, bool frameworkOnly, long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await reads.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SupplierRow>(new CommandDefinition(
            $"""
            {Select}
             where supplier_id > @afterId
               and (not @activeOnly or status_code = 'A')
               and (not @frameworkOnly or is_framework_supplier)
             order by supplier_id
             limit @limit
            """,
            new { afterId, activeOnly, frameworkOnly, limit },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public static Task<bool> CodeExistsAsync(DbScope scope, string code, int exceptId, CancellationToken cancellationToken) =>
        scope.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from supplier where supplier_code = @code and supplier_id <> @exceptId)",
            new { code, exceptId },
            scope.Transaction,
            cancellationToken: cancellationToken));

    public static async Task<SupplierRow> InsertAsync(
        DbScope scope, SupplierValues values, string actor, DateTime now, CancellationToken cancellationToken)
    {
        var id = await scope.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            insert into supplier (supplier_code, supplier_name, contact_name, phone_no, email_text, address_text, parish_code,
                                  country_id, default_lead_time_days, is_framework_supplier, framework_contract_no,
                                  framework_expiry_date, status_code, create_by_id, create_dtime, update_by_id, update_dtime)
            values (@SupplierCode, @SupplierName, @ContactName, @PhoneNo, @EmailText, @AddressText, @ParishCode,
                    @CountryId::smallint, @DefaultLeadTimeDays, @IsFrameworkSupplier, @FrameworkContractNo,
                    @FrameworkExpiryDate, @StatusCode, @actor, @now, @actor, @now)
            returning supplier_id
            """,
            Parameters(values, actor, now),
            scope.Transaction,
            cancellationToken: cancellationToken));
        return (await FindAsync(scope.Connection, scope.Transaction, id, forUpdate: false, cancellationToken))!;
    }

    /// <summary>Null when the version moved on meanwhile.</summary>
    public static async Task<SupplierRow?> UpdateAsync(
        DbScope scope, int supplierId, SupplierValues values, int expectedVersion, string actor, DateTime now,
        CancellationToken cancellationToken)
    {
        var parameters = Parameters(values, actor, now);
        parameters.Add("supplierId", supplierId);
        parameters.Add("expectedVersion", expectedVersion);
        var updated = await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            update supplier
               set supplier_code = @SupplierCode, supplier_name = @SupplierName, contact_name = @ContactName,
                   phone_no = @PhoneNo, email_text = @EmailText, address_text = @AddressText, parish_code = @ParishCode,
                   country_id = @CountryId::smallint, default_lead_time_days = @DefaultLeadTimeDays,
                   is_framework_supplier = @IsFrameworkSupplier, framework_contract_no = @FrameworkContractNo,
                   framework_expiry_date = @FrameworkExpiryDate, status_code = @StatusCode,
                   update_by_id = @actor, update_dtime = @now, version_nbr = version_nbr + 1
             where supplier_id = @supplierId and version_nbr = @expectedVersion
            """,
            parameters,
            scope.Transaction,
            cancellationToken: cancellationToken));
        return updated == 0 ? null : await FindAsync(scope.Connection, scope.Transaction, supplierId, forUpdate: false, cancellationToken);
    }

    private static DynamicParameters Parameters(SupplierValues values, string actor, DateTime now)
    {
        var parameters = new DynamicParameters(values);
        parameters.Add("actor", actor);
        parameters.Add("now", now);
        return parameters;
    }
}
