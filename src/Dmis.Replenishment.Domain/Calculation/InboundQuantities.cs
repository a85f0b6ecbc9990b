namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>SPEC 3.8: confirmed inbound by source (from <c>v_inbound_stock</c>); each rounded to 2 places.</summary>
public sealed record InboundQuantities
{
    public static readonly InboundQuantities None = new(0m, 0m, 0m);

    public InboundQuantities(decimal transferQty, decimal donationQty, decimal procurementQty)
    {
        TransferQty = Rounding.Quantity(transferQty);
        DonationQty = Rounding.Quantity(donationQty);
        ProcurementQty = Rounding.Quantity(procurementQty);
        TotalQty = Rounding.Quantity(TransferQty + DonationQty + ProcurementQty);
    }

    /// <summary>Dispatched transfers not yet received.</summary>
    public decimal TransferQty { get; }

    /// <summary>Verified donations in transit.</summary>
    public decimal DonationQty { get; }

    /// <summary>Shipped procurement, ordered less received.</summary>
    public decimal ProcurementQty { get; }

    public decimal TotalQty { get; }
}
