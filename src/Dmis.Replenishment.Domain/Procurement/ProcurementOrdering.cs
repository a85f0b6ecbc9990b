using Dmis.Replenishment.Domain.Errors;

namespace Dmis.Replenishment.Domain.Procurement;

/// <summary>Inputs of MarkOrdered and MarkShipped.</summary>
public static class ProcurementOrdering
{
    public const int MaxPoNumberLength = 50;

    /// <summary>The trimmed PO number: required, at most 50 characters (field po_number).</summary>
    public static string PoNumber(string? poNumber)
    {
        if (string.IsNullOrWhiteSpace(poNumber))
        {
            throw new DomainValidationException("po_number", "is required to mark a procurement ordered");
        }

        var trimmed = poNumber.Trim();
        return trimmed.Length <= MaxPoNumberLength
            ? trimmed
            : throw new DomainValidationException("po_number", $"must be at most {MaxPoNumberLength} characters (got {trimmed.Length})");
    }

    /// <summary>An order goes to a supplier: ordering without one is FAILED_PRECONDITION.</summary>
    public static void EnsureSupplierChosen(string procurementNo, int? supplierId)
    {
        if (supplierId is not > 0)
        {
            throw new PreconditionFailedException($"procurement {procurementNo} has no supplier; choose one before ordering");
        }
    }

    /// <summary>The expected arrival is required to mark a procurement shipped (field expected_arrival).</summary>
    public static DateTime ExpectedArrival(DateTime? expectedArrival) =>
        expectedArrival ?? throw new DomainValidationException("expected_arrival", "is required to mark a procurement shipped");
}
