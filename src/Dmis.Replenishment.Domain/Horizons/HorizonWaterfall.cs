namespace Dmis.Replenishment.Domain.Horizons;

/// <summary>SPEC "Three horizons": fill a line's gap from transfers, then donations, then procurement.</summary>
public static class HorizonWaterfall
{
    /// <param name="gapQty">The line's gap.</param>
    /// <param name="candidates">Eligible sources for this item, in any order; those with nothing transferable are skipped.</param>
    /// <param name="pledges">The item's pledges for the event, in any order; those with nothing left are skipped.</param>
    /// <param name="leadTimes">Lead times for B and C (A's come with the candidates).</param>
    /// <param name="asOf">The calculation moment.</param>
    /// <param name="projectedStockout">as_of + time to stockout; null when there is no demand.</param>
    public static WaterfallPlan Plan(
        decimal gapQty,
        IReadOnlyList<TransferCandidate> candidates,
        IReadOnlyList<PledgeCandidate> pledges,
        HorizonLeadTimes leadTimes,
        DateTime asOf,
        DateTime? projectedStockout) =>
        PlanInPlace(gapQty, [.. candidates], [.. pledges], leadTimes, asOf, projectedStockout);

    /// <summary>As <see cref="Plan"/>, sorting <paramref name="candidates"/> and <paramref name="pledges"/> in place (no copy).</summary>
    internal static WaterfallPlan PlanInPlace(
        decimal gapQty,
        Span<TransferCandidate> candidates,
        Span<PledgeCandidate> pledges,
        HorizonLeadTimes leadTimes,
        DateTime asOf,
        DateTime? projectedStockout)
    {
        var remaining = Rounding.Quantity(gapQty);
        var horizonA = PlanTransfers(ref remaining, candidates, asOf, projectedStockout);
        var horizonB = PlanPledges(ref remaining, pledges, leadTimes.HorizonBHours, asOf, projectedStockout);
        var horizonC = Fixed(remaining, leadTimes.HorizonCHours, asOf, projectedStockout);

        // Sources are in lead-time order, so the first one is the fastest transfer.
        var fastestTransfer = horizonA.Sources.Count > 0 ? horizonA.Sources[0].ExpectedArrival : (DateTime?)null;
        var earliest = Min(Min(fastestTransfer, horizonB.ExpectedArrival), horizonC.ExpectedArrival);

        return new WaterfallPlan(
            horizonA,
            horizonB,
            horizonC,
            MainSource(horizonA.Sources),
            earliest,
            // "Even the fastest horizon arrives after the stockout": the earliest arrival of any
            // quantity (each transfer source counts on its own) is later than the projected stockout.
            StockoutBeforeArrival: IsAfter(earliest, projectedStockout));
    }

    /// <summary>Sources by lead time, then larger transferable surplus, then warehouse id.</summary>
    public static int CompareForTransfer(TransferCandidate x, TransferCandidate y)
    {
        var byLeadTime = x.LeadTimeHours.CompareTo(y.LeadTimeHours);
        if (byLeadTime != 0)
        {
            return byLeadTime;
        }

        var bySurplus = y.TransferableQty.CompareTo(x.TransferableQty);
        return bySurplus != 0 ? bySurplus : x.WarehouseId.CompareTo(y.WarehouseId);
    }

    private static HorizonPlan PlanTransfers(
        ref decimal remaining, Span<TransferCandidate> ordered, DateTime asOf, DateTime? projectedStockout)
    {
        if (remaining <= 0m || ordered.Length == 0)
        {
            return HorizonPlan.Empty;
        }

        ordered.Sort(CompareForTransfer);

        List<TransferAllocation>? allocations = null;
        var total = 0m;
        var slowest = 0;
        foreach (var candidate in ordered)
        {
            if (remaining <= 0m)
            {
                break;
            }

            var available = Rounding.Quantity(candidate.TransferableQty);
            if (available <= 0m)
            {
                continue;
            }

            var take = Math.Min(remaining, available);
            remaining -= take;
            total += take;
            slowest = Math.Max(slowest, candidate.LeadTimeHours);
            allocations ??= new List<TransferAllocation>(ordered.Length);
            allocations.Add(new TransferAllocation(
                candidate.WarehouseId,
                candidate.WarehouseName,
                Rounding.Quantity(take),
                candidate.LeadTimeHours,
                Hours.After(asOf, candidate.LeadTimeHours)));
        }

        if (allocations is null)
        {
            return HorizonPlan.Empty;
        }

        // Horizon A's lead time is the slowest source actually used: the whole A quantity
        // is in only when the last transfer arrives. Each source's own lead time and
        // arrival stay on its allocation.
        var arrival = Hours.After(asOf, slowest);
        return new HorizonPlan(Rounding.Quantity(total), slowest, arrival, IsAfter(arrival, projectedStockout), allocations, []);
    }

    /// <summary>SPEC horizon B: what A left, from the pledges oldest first (then by donation id), each up to what it has left.</summary>
    private static HorizonPlan PlanPledges(
        ref decimal remaining, Span<PledgeCandidate> pledges, int leadTimeHours, DateTime asOf, DateTime? projectedStockout)
    {
        if (remaining <= 0m || pledges.Length == 0)
        {
            return HorizonPlan.Empty;
        }

        pledges.Sort(PledgeCandidate.CompareForDrawing);
        List<PledgeAllocation>? allocations = null;
        var total = 0m;
        foreach (var pledge in pledges)
        {
            if (remaining <= 0m)
            {
                break;
            }

            var take = Math.Min(remaining, Rounding.Quantity(pledge.AvailableQty));
            if (take <= 0m)
            {
                continue;
            }

            remaining -= take;
            total += take;
            (allocations ??= new List<PledgeAllocation>(pledges.Length)).Add(
                new PledgeAllocation(pledge.DonationId, pledge.Description, Rounding.Quantity(take)));
        }

        return allocations is null ? HorizonPlan.Empty : Fixed(total, leadTimeHours, asOf, projectedStockout) with { Pledges = allocations };
    }

    private static HorizonPlan Fixed(decimal qty, int leadTimeHours, DateTime asOf, DateTime? projectedStockout)
    {
        if (qty <= 0m)
        {
            return HorizonPlan.Empty;
        }

        var arrival = Hours.After(asOf, leadTimeHours);
        return new HorizonPlan(Rounding.Quantity(qty), leadTimeHours, arrival, IsAfter(arrival, projectedStockout), [], []);
    }

    private static int? MainSource(IReadOnlyList<TransferAllocation> allocations)
    {
        TransferAllocation? main = null;
        foreach (var allocation in allocations)
        {
            if (main is null || allocation.Qty > main.Qty)
            {
                main = allocation;
            }
        }

        return main?.WarehouseId;
    }

    private static DateTime? Min(DateTime? x, DateTime? y) =>
        x is null ? y : y is null ? x : x < y ? x : y;

    private static bool IsAfter(DateTime? arrival, DateTime? stockout) =>
        arrival is not null && stockout is not null && arrival > stockout;
}
