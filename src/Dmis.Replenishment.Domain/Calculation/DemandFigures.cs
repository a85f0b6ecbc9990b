namespace Dmis.Replenishment.Domain.Calculation;

/// <summary>
/// The demand of one warehouse x item a burn rate is measured on (SPEC 3.2 and 3.3).
/// </summary>
/// <param name="FulfilledQtyInWindow">Fulfilled quantity leaving the warehouse in (as_of - window, as_of].</param>
/// <param name="FulfillmentCount">Number of fulfilment lines in that window.</param>
/// <param name="BeforeLastDispatch">
/// Read for stocked-out items only: the last dispatch and the window ending there; null when the item
/// was never dispatched from the warehouse for the event (or was not read because stock is left).
/// </param>
public readonly record struct DemandFigures(decimal FulfilledQtyInWindow, int FulfillmentCount, LastDispatchDemand? BeforeLastDispatch);
