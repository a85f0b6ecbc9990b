using Dmis.Replenishment.Data.Demo;
using Dmis.Replenishment.Data.Infrastructure;
using Dmis.Replenishment.IntegrationTests.Infrastructure;
using Dmis.Replenishment.V1;
using Grpc.Core;
using Xunit.Abstractions;
using static Dmis.Replenishment.IntegrationTests.Infrastructure.ReplenishmentServerFactory;

namespace Dmis.Replenishment.IntegrationTests.Operability;

/// <summary>The demo data set previews as the README's table says (event 1, KINGSTON CENTRAL).</summary>
public sealed class DemoDataTests(DemoDataTests.Fixture fixture, ITestOutputHelper output) : IClassFixture<DemoDataTests.Fixture>
{
    public sealed class Fixture : DatabaseFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var dataSource = DmisDataSource.Create(ConnectionString);
            await DemoData.LoadIfEmptyAsync(dataSource, CancellationToken.None);
        }
    }

    private static readonly Metadata Manager = Bearer(Token("kemar", "LOGISTICS_MANAGER"));

    private async Task<IReadOnlyDictionary<string, NeedsListLine>> PreviewAsync() =>
        (await new NeedsListService.NeedsListServiceClient(fixture.Factory.CreateChannel())
            .PreviewNeedsListAsync(new PreviewNeedsListRequest { EventId = 1, WarehouseId = 1 }, Manager))
        .Lines.ToDictionary(line => line.ItemCode);

    private static (string, string, string, string, string, string) Row(NeedsListLine line) =>
        (line.BurnRate.Value, line.TimeToStockoutHours?.Value ?? "", line.GapQty.Value,
         line.HorizonA.Qty.Value, line.HorizonB.Qty.Value, line.HorizonC.Qty.Value);

    [Fact]
    public async Task The_demo_preview_is_the_readme_table()
    {
        var lines = await PreviewAsync();

        Assert.Equal(["ORS-SACHET", "TARP-12X16", "WATER-5GAL", "FOOD-KIT"], lines.Keys);
        Assert.Equal(("50.0000", "4.00", "4100.00", "1840.00", "1000.00", "1260.00"), Row(lines["WATER-5GAL"]));
        Assert.Equal(("20.0000", "2.50", "1450.00", "0.00", "0.00", "1450.00"), Row(lines["TARP-12X16"]));
        Assert.Equal(("20.0000", "0.00", "1800.00", "400.00", "0.00", "1400.00"), Row(lines["ORS-SACHET"]));
        Assert.Equal(("10.0000", "70.00", "100.00", "100.00", "0.00", "0.00"), Row(lines["FOOD-KIT"]));
    }

    [Fact]
    public async Task The_demo_shows_a_stocked_out_line_and_a_pledge_split()
    {
        var lines = await PreviewAsync();

        var ors = lines["ORS-SACHET"];
        Assert.Equal(BurnRateSource.Estimated, ors.BurnRateSource);
        Assert.Contains(ors.Warnings, warning => warning.Code == "STOCKED_OUT");
        Assert.Equal(
            [(2, "600.00"), (3, "400.00")],
            lines["WATER-5GAL"].HorizonB.Pledges.Select(pledge => (pledge.DonationId, pledge.Qty.Value)));
    }

    [Fact]
    public async Task The_demo_explains_the_stocked_out_ors_line_as_the_readme_shows()
    {
        var explanation = await new NeedsListService.NeedsListServiceClient(fixture.Factory.CreateChannel())
            .ExplainNeedsListLineAsync(new ExplainNeedsListLineRequest { EventId = 1, WarehouseId = 1, ItemId = 5 }, Manager);
        output.WriteLine(Google.Protobuf.JsonFormatter.Default.Format(explanation));

        Assert.Equal(BurnRateRule.StockedOutWindow, explanation.BurnRate.Rule);
        Assert.Equal([19, 18, 17], explanation.FulfilmentLines.Select(line => line.ReliefpkgId));
        Assert.Equal(
            [(2, SourceOutcome.Gave, "400.00"), (3, SourceOutcome.BelowFloor, "0"), (4, SourceOutcome.Offline, "0")],
            explanation.Sources.Select(source => (source.WarehouseId, source.Outcome, source.GivenQty.Value)));
    }
}
