using Dmis.Replenishment.Domain.Workflow;

namespace Dmis.Replenishment.Domain.Fulfilment;

/// <summary>One horizon of a line: what it must receive, what arrived, and so its status.</summary>
public sealed record HorizonProgress(decimal Target, decimal Received)
{
    /// <summary>PENDING, PARTIAL or FULFILLED; a horizon with nothing to receive is FULFILLED.</summary>
    public FulfillmentStatus Status => LineFulfilment.StatusOf(Received, Target);
}

/// <summary>
/// Fulfilment of a needs-list line per horizon (SPEC 4, "Fulfilment, every horizon"): A by its received
/// transfers, B by its pledges whose intake at the list's warehouse is verified, C by procurement
/// receipts. Each horizon is measured on its own: more of one does not make up for less of another.
/// </summary>
public sealed record LineProgress(HorizonProgress A, HorizonProgress B, HorizonProgress C, bool Cancelled = false)
{
    public static LineProgress Of(HorizonQuantities targets, HorizonQuantities received, bool cancelled = false) =>
        new(new(targets.A, received.A), new(targets.B, received.B), new(targets.C, received.C), cancelled);

    /// <summary>A stored line's progress: its targets from its split and adjustment (<see cref="FulfilmentTargets"/>).</summary>
    public static LineProgress For(HorizonQuantities calculatedSplit, decimal? adjustedQty, HorizonQuantities received, bool cancelled) =>
        Of(FulfilmentTargets.Of(calculatedSplit, adjustedQty), received, cancelled);

    public decimal Received => Rounding.Quantity(A.Received + B.Received + C.Received);

    /// <summary>
    /// CANCELLED when the line was; FULFILLED when every horizon is; PARTIAL when anything arrived;
    /// else PENDING.
    /// </summary>
    public FulfillmentStatus Status
    {
        get
        {
            if (Cancelled)
            {
                return FulfillmentStatus.Cancelled;
            }

            if (new[] { A, B, C }.All(horizon => horizon.Status == FulfillmentStatus.Fulfilled))
            {
                return FulfillmentStatus.Fulfilled;
            }

            return Received > 0m ? FulfillmentStatus.Partial : FulfillmentStatus.Pending;
        }
    }

    /// <summary>True when every line is done (FULFILLED or CANCELLED): an IN_PROGRESS list may then become FULFILLED.</summary>
    public static bool AllDone(IEnumerable<LineProgress> lines) => LineFulfilment.IsListFulfilled(lines.Select(line => line.Status));
}
