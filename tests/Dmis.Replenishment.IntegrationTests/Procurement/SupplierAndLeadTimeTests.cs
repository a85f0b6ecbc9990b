using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Procurement;

/// <summary>CreateSupplier, UpdateSupplier, GetSupplier, ListSuppliers, ListLeadTimes, UpsertLeadTime.</summary>
public sealed class SupplierAndLeadTimeTests(SupplierAndLeadTimeTests.Fixture fixture) : IClassFixture<SupplierAndLeadTimeTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var seed = new Seed(this);
            await seed.WarehouseAsync(1, "KINGSTON HUB");
            await seed.WarehouseAsync(2, "MONTEGO BAY HUB");
            await seed.WarehouseAsync(3, "OCHO RIOS DEPOT");
        }
    }

    private static readonly Metadata Manager = Bearer(Token("kemar", "LOGISTICS_MANAGER"));
    private static readonly Metadata Admin = Bearer(Token("admin", "SYSTEM_ADMINISTRATOR"));
    private static readonly Metadata Officer = Bearer(Token("tanya", "LOGISTICS_OFFICER"));

    private ProcurementService.ProcurementServiceClient Client => new(fixture.Factory.CreateChannel());

    private static Supplier NewSupplier(string code) => new()
    {
        SupplierCode = code,
        SupplierName = "Caribbean Water Ltd",
        ContactName = "Marcia Brown",
        PhoneNo = "876-555-0100",
        Email = "orders@cwl.example",
        ParishCode = "01",
        DefaultLeadTimeDays = 10,
    };

    [Fact]
    public async Task Create_supplier_stores_the_code_upper_case_and_get_returns_it()
    {
        var created = await Client.CreateSupplierAsync(
            new CreateSupplierRequest { Supplier = NewSupplier(" cwl-01 "), RequestId = "sup-1" }, Manager);

        Assert.True(created.SupplierId > 0);
        Assert.Equal("CWL-01", created.SupplierCode);
        Assert.Equal(10, created.DefaultLeadTimeDays);
        Assert.True(created.IsActive);
        Assert.Equal(1, created.Version);
        Assert.Equal(created, await Client.GetSupplierAsync(new GetSupplierRequest { SupplierId = created.SupplierId }, Officer));

        var retried = await Client.CreateSupplierAsync(
            new CreateSupplierRequest { Supplier = NewSupplier(" cwl-01 "), RequestId = "sup-1" }, Manager);
        Assert.Equal(created, retried);
    }

    [Fact]
    public async Task Create_supplier_with_a_code_already_used_fails_with_already_exists()
    {
        await Client.CreateSupplierAsync(new CreateSupplierRequest { Supplier = NewSupplier("DUP-1") }, Manager);

        var error = await GrpcAssert.FailsWith(StatusCode.AlreadyExists, () =>
            Client.CreateSupplierAsync(new CreateSupplierRequest { Supplier = NewSupplier("dup-1") }, Admin).ResponseAsync);
        Assert.Contains("DUP-1", error.Status.Detail);
    }

    [Fact]
    public async Task Create_supplier_names_the_wrong_fields()
    {
        var supplier = NewSupplier("X");
        supplier.Email = "not-an-address";
        await GrpcAssert.FailsOnField("supplier.supplier_code", () =>
            Client.CreateSupplierAsync(new CreateSupplierRequest { Supplier = supplier }, Manager).ResponseAsync);

        var framework = NewSupplier("FW-NO-EXPIRY");
        framework.IsFrameworkSupplier = true;
        framework.FrameworkContractNo = "FA-2026-01";
        await GrpcAssert.FailsOnField("supplier.framework_expiry_date", () =>
            Client.CreateSupplierAsync(new CreateSupplierRequest { Supplier = framework }, Manager).ResponseAsync);
    }

    [Fact]
    public async Task An_officer_may_not_manage_suppliers()
    {
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () =>
            Client.CreateSupplierAsync(new CreateSupplierRequest { Supplier = NewSupplier("OFFICER-1") }, Officer).ResponseAsync);
    }

    [Fact]
    public async Task Update_supplier_replaces_the_state_and_checks_the_version()
    {
        var created = await Client.CreateSupplierAsync(new CreateSupplierRequest { Supplier = NewSupplier("UPD-1") }, Manager);
        var changed = NewSupplier("UPD-1");
        changed.IsFrameworkSupplier = true;
        changed.FrameworkContractNo = "FA-2026-07";
        changed.FrameworkExpiryDate = new Google.Type.Date { Year = 2030, Month = 12, Day = 31 };
        changed.IsActive = false;

        var updated = await Client.UpdateSupplierAsync(
            new UpdateSupplierRequest { SupplierId = created.SupplierId, Supplier = changed, ExpectedVersion = 1 }, Manager);

        Assert.Equal(2, updated.Version);
        Assert.True(updated.IsFrameworkSupplier);
        Assert.Equal(new Google.Type.Date { Year = 2030, Month = 12, Day = 31 }, updated.FrameworkExpiryDate);
        Assert.False(updated.IsActive);
        await GrpcAssert.FailsWith(StatusCode.Aborted, () => Client.UpdateSupplierAsync(
            new UpdateSupplierRequest { SupplierId = created.SupplierId, Supplier = changed, ExpectedVersion = 1 }, Manager).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.NotFound, () => Client.GetSupplierAsync(
            new GetSupplierRequest { SupplierId = 999_999 }, Manager).ResponseAsync);
    }

    [Fact]
    public async Task List_suppliers_filters_and_pages()
    {
        var framework = NewSupplier("LIST-FW");
        framework.IsFrameworkSupplier = true;
        framework.FrameworkContractNo = "FA-1";
        framework.FrameworkExpiryDate = new Google.Type.Date { Year = 2031, Month = 1, Day = 1 };
        await Client.CreateSupplierAsync(new CreateSupplierRequest { Supplier = framework }, Manager);
        await Client.CreateSupplierAsync(new CreateSupplierRequest { Supplier = NewSupplier("LIST-A") }, Manager);
        await Client.CreateSupplierAsync(new CreateSupplierRequest { Supplier = NewSupplier("LIST-B") }, Manager);

        var frameworkOnly = await Client.ListSuppliersAsync(new ListSuppliersRequest { FrameworkOnly = true }, Officer);
        Assert.Contains(frameworkOnly.Suppliers, s => s.SupplierCode == "LIST-FW");
        Assert.All(frameworkOnly.Suppliers, s => Assert.True(s.IsFrameworkSupplier));

        var codes = new List<string>();
        var token = "";
        do
        {
            var page = await Client.ListSuppliersAsync(new ListSuppliersRequest { PageSize = 1, PageToken = token }, Officer);
            Assert.True(page.Suppliers.Count <= 1);
            codes.AddRange(page.Suppliers.Select(s => s.SupplierCode));
            token = page.NextPageToken;
        }
        while (token != "");

        Assert.Contains("LIST-A", codes);
        Assert.Contains("LIST-B", codes);
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public async Task Lead_times_list_the_defaults_and_upsert_creates_and_updates_a_route()
    {
        var defaults = await Client.ListLeadTimesAsync(new ListLeadTimesRequest(), Officer);
        Assert.Contains(defaults.LeadTimes, l => l is { Horizon: LeadTimeHorizon.A, IsDefault: true, LeadTimeHours: 8 });
        Assert.Contains(defaults.LeadTimes, l => l is { Horizon: LeadTimeHorizon.C, IsDefault: true, LeadTimeHours: 336 });

        var route = await Client.UpsertLeadTimeAsync(new UpsertLeadTimeRequest
        {
            LeadTime = new LeadTime { Horizon = LeadTimeHorizon.A, FromWarehouseId = 2, ToWarehouseId = 1, LeadTimeHours = 5 },
            RequestId = "lt-1",
        }, Manager);
        Assert.True(route.ConfigId > 0);
        Assert.Equal(1, route.Version);
        Assert.Equal(DateTime.UtcNow.Year, route.EffectiveFrom.Year);

        var changed = route.Clone();
        changed.LeadTimeHours = 6;
        var updated = await Client.UpsertLeadTimeAsync(new UpsertLeadTimeRequest { LeadTime = changed, ExpectedVersion = 1 }, Admin);
        Assert.Equal(6, updated.LeadTimeHours);
        Assert.Equal(2, updated.Version);

        var horizonA = await Client.ListLeadTimesAsync(new ListLeadTimesRequest { Horizon = LeadTimeHorizon.A }, Officer);
        Assert.All(horizonA.LeadTimes, l => Assert.Equal(LeadTimeHorizon.A, l.Horizon));
        Assert.Contains(horizonA.LeadTimes, l => l.ConfigId == route.ConfigId && l.LeadTimeHours == 6);
        await GrpcAssert.FailsWith(StatusCode.Aborted, () =>
            Client.UpsertLeadTimeAsync(new UpsertLeadTimeRequest { LeadTime = changed, ExpectedVersion = 1 }, Admin).ResponseAsync);
    }

    [Fact]
    public async Task Upsert_lead_time_names_the_wrong_fields_and_keeps_one_default_per_horizon()
    {
        await GrpcAssert.FailsOnField("lead_time.lead_time_hours", () => Client.UpsertLeadTimeAsync(new UpsertLeadTimeRequest
        {
            LeadTime = new LeadTime { Horizon = LeadTimeHorizon.A, FromWarehouseId = 2, ToWarehouseId = 3, LeadTimeHours = 0 },
        }, Manager).ResponseAsync);
        await GrpcAssert.FailsOnField("lead_time.to_warehouse_id", () => Client.UpsertLeadTimeAsync(new UpsertLeadTimeRequest
        {
            LeadTime = new LeadTime { Horizon = LeadTimeHorizon.A, FromWarehouseId = 2, LeadTimeHours = 4 },
        }, Manager).ResponseAsync);
        await GrpcAssert.FailsOnField("lead_time.supplier_id", () => Client.UpsertLeadTimeAsync(new UpsertLeadTimeRequest
        {
            LeadTime = new LeadTime { Horizon = LeadTimeHorizon.C, LeadTimeHours = 200 },
        }, Manager).ResponseAsync);
        await GrpcAssert.FailsOnField("lead_time.horizon", () => Client.UpsertLeadTimeAsync(new UpsertLeadTimeRequest
        {
            LeadTime = new LeadTime { LeadTimeHours = 200, IsDefault = true },
        }, Manager).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.AlreadyExists, () => Client.UpsertLeadTimeAsync(new UpsertLeadTimeRequest
        {
            LeadTime = new LeadTime { Horizon = LeadTimeHorizon.B, LeadTimeHours = 48, IsDefault = true },
        }, Manager).ResponseAsync);
        await GrpcAssert.FailsWith(StatusCode.PermissionDenied, () => Client.UpsertLeadTimeAsync(new UpsertLeadTimeRequest
        {
            LeadTime = new LeadTime { Horizon = LeadTimeHorizon.A, FromWarehouseId = 3, ToWarehouseId = 1, LeadTimeHours = 4 },
        }, Officer).ResponseAsync);
    }
}
