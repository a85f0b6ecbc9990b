// Sample: preview a needs list, then follow phase changes, resubscribing after a server restart.
//
//   DMIS_TOKEN=<token> dotnet run --project samples/Dmis.Replenishment.Sample -- [address] [event_id] [warehouse_id]
//
// With scripts/run-demo.sh running: DMIS_TOKEN="$MANAGER" and the defaults (http://127.0.0.1:5080, 1, 1).
using Dmis.Replenishment.Client;
using Dmis.Replenishment.Sample;
using Dmis.Replenishment.V1;
using Microsoft.Extensions.DependencyInjection;

var address = args.ElementAtOrDefault(0) ?? "http://127.0.0.1:5080";
var eventId = int.Parse(args.ElementAtOrDefault(1) ?? "1");
var warehouseId = int.Parse(args.ElementAtOrDefault(2) ?? "1");

var services = new ServiceCollection();
services.AddDmisReplenishmentClient(options =>
{
    options.Address = new Uri(address);
    options.BearerToken = (_, _) => Task.FromResult(Environment.GetEnvironmentVariable("DMIS_TOKEN"));
});
await using var provider = services.BuildServiceProvider();

var needsLists = provider.GetRequiredService<NeedsListService.NeedsListServiceClient>();
var preview = await needsLists.PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = eventId, WarehouseId = warehouseId });
Console.WriteLine($"{preview.WarehouseName}, phase {preview.Phase}, data {preview.Freshness.Level}: "
    + $"{preview.Lines.Count} line(s), total gap {preview.TotalGapQty.Value}");
foreach (var line in preview.Lines)
{
    Console.WriteLine($"  {line.ItemCode,-14} {line.Severity,-18} gap {line.GapQty.Value,10}  "
        + $"A {line.HorizonA.Qty.Value} / B {line.HorizonB.Qty.Value} / C {line.HorizonC.Qty.Value}");
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
var events = provider.GetRequiredService<EventPhaseService.EventPhaseServiceClient>();
Console.WriteLine($"Following phase changes of event {eventId} (Ctrl-C to stop)...");
await foreach (var change in PhaseChangeFollower.FollowAsync(events, eventId, stop.Token))
{
    Console.WriteLine($"{change.ChangedAt.ToDateTime():u} event {change.EventId}: {change.FromPhase} -> {change.ToPhase} by {change.ChangedBy} ({change.Reason})");
}
