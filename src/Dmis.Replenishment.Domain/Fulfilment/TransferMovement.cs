using Dmis.Replenishment.Domain.Errors;

namespace Dmis.Replenishment.Domain.Fulfilment;

/// <summary>What is done to a transfer: it leaves its source, or it arrives at its destination.</summary>
public enum TransferStep
{
    Dispatch,
    Receive,
}

/// <summary>A transfer line as it leaves: the batch it comes from and what that batch holds now.</summary>
public sealed record DispatchLine(int ItemId, int BatchId, decimal Qty, decimal BatchUsableQty, decimal BatchReservedQty);

/// <summary>
/// The life of a legacy transfer as the DMIS main application runs it (SPEC 5, horizon A):
/// P (pending) -> D (dispatched: the stock leaves the source) -> C (completed: received at the
/// destination). A transfer is dispatched and received whole: the legacy lines carry one quantity.
/// </summary>
public static class TransferMovement
{
    /// <summary>The status after <paramref name="step"/>; FAILED_PRECONDITION from any other state.</summary>
    public static TransferStatus Next(int transferId, TransferStatus current, TransferStep step) => (step, current) switch
    {
        (TransferStep.Dispatch, TransferStatus.Pending) => TransferStatus.Dispatched,
        (TransferStep.Receive, TransferStatus.Dispatched) => TransferStatus.Completed,
        (TransferStep.Dispatch, _) => throw new PreconditionFailedException(
            $"transfer {transferId} is {Describe(current)}; only a pending transfer can be dispatched"),
        _ => throw new PreconditionFailedException(
            $"transfer {transferId} is {Describe(current)}; only a dispatched transfer can be received"),
    };

    /// <summary>
    /// Every line's batch still holds its quantity beyond what is reserved there; FAILED_PRECONDITION
    /// naming the first short batch otherwise.
    /// </summary>
    public static void EnsureStockToDispatch(int transferId, IEnumerable<DispatchLine> lines)
    {
        foreach (var line in lines)
        {
            var free = line.BatchUsableQty - line.BatchReservedQty;
            if (free < line.Qty)
            {
                throw new PreconditionFailedException(
                    $"transfer {transferId} cannot leave: batch {line.BatchId} of item {line.ItemId} holds {Rounding.Quantity(free)} " +
                    $"free, not the {line.Qty} to dispatch");
            }
        }
    }

    private static string Describe(TransferStatus status) => status switch
    {
        TransferStatus.Pending => "pending (P)",
        TransferStatus.Dispatched => "dispatched (D)",
        TransferStatus.Completed => "completed (C)",
        _ => "verified (V)",
    };
}
