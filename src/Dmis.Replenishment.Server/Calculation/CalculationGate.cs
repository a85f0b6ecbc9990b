using Microsoft.Extensions.Options;

namespace Dmis.Replenishment.Server.Calculation;

/// <summary>
/// At most Calculation:MaxConcurrentCalculations previews and generates calculate at once on this
/// instance; the others wait their turn (cancellable). Each calculation holds thousands of rows while
/// PostgreSQL works on it: past a few at a time they only queue inside PostgreSQL, each still holding
/// its memory, so the bound caps the instance's working set without costing throughput.
/// At most Calculation:MaxQueuedCalculations wait; one more is refused at once
/// (<see cref="CalculationQueueFullException"/>: RESOURCE_EXHAUSTED with a retry hint), not left waiting without end.
/// </summary>
public sealed class CalculationGate(IOptions<CalculationOptions> options) : IDisposable
{
    private readonly SemaphoreSlim slots = new(options.Value.MaxConcurrentCalculations);
    private readonly int maxQueued = options.Value.MaxQueuedCalculations;
    private int queued;

    /// <summary>Waits for a slot; disposing the result gives it back.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (slots.Wait(0, CancellationToken.None))
        {
            return new Slot(slots);
        }

        if (Interlocked.Increment(ref queued) > maxQueued)
        {
            Interlocked.Decrement(ref queued);
            throw new CalculationQueueFullException(options.Value.MaxConcurrentCalculations, maxQueued);
        }

        try
        {
            await slots.WaitAsync(cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref queued);
        }

        return new Slot(slots);
    }

    public void Dispose() => slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
