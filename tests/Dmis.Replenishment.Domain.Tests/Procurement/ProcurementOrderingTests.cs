using Dmis.Replenishment.Domain.Errors;
using Dmis.Replenishment.Domain.Procurement;

namespace Dmis.Replenishment.Domain.Tests.Procurement;

public class ProcurementOrderingTests
{
    [Fact]
    public void Marking_ordered_needs_a_po_number_of_at_most_fifty_characters()
    {
        Assert.Equal("PO-2025-0042", ProcurementOrdering.PoNumber("  PO-2025-0042 "));
        Assert.Throws<DomainValidationException>(() => ProcurementOrdering.PoNumber(" "));
        Assert.Throws<DomainValidationException>(() => ProcurementOrdering.PoNumber(new string('P', 51)));
    }

    [Fact]
    public void An_order_needs_a_supplier()
    {
        var error = Assert.Throws<PreconditionFailedException>(() => ProcurementOrdering.EnsureSupplierChosen("PR-1-20250901-001", null));

        Assert.Equal("procurement PR-1-20250901-001 has no supplier; choose one before ordering", error.Message);
        ProcurementOrdering.EnsureSupplierChosen("PR-1-20250901-001", 4);
    }

    [Fact]
    public void Marking_shipped_needs_an_expected_arrival()
    {
        var arrival = new DateTime(2025, 9, 10, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(arrival, ProcurementOrdering.ExpectedArrival(arrival));
        var error = Assert.Throws<DomainValidationException>(() => ProcurementOrdering.ExpectedArrival(null));
        Assert.Equal("expected_arrival", Assert.Single(error.Violations).Field);
    }
}
