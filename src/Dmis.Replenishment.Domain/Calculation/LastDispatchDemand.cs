namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>
/// SPEC 3.3, stocked out: the item's last counted fulfilment dispatch from the warehouse for the event
/// (at or before as_of), and what was fulfilled in the demand window that ends there,
/// (<see cref="LastDispatch"/> - window, <see cref="LastDispatch"/>], counted as rule 2 counts.
/// </summary>
public sealed record LastDispatchDemand(DateTime LastDispatch, decimal FulfilledQty, int FulfillmentCount);
