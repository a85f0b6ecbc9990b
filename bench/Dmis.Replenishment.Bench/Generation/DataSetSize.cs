namespace Dmis.Replenishment.Bench.Generation;

/// <summary>
/// How big a generated data set is. Scale 1 is the SPEC section 8 reference set: 20 warehouses,
/// 5,000 active items, 1,000,000 fulfilment lines over 90 days, 50,000 inbound documents. Items,
/// lines and documents scale; warehouses stay 20 (a few floors keep tiny scales meaningful).
/// </summary>
public sealed record DataSetSize(double Scale, int Warehouses, int Items, int FulfilmentLines, int InboundDocuments, int HistoryDays)
{
    public const int ReferenceWarehouses = 20;
    public const int ReferenceItems = 5_000;
    public const int ReferenceFulfilmentLines = 1_000_000;
    public const int ReferenceInboundDocuments = 50_000;
    public const int ReferenceHistoryDays = 90;

    public static DataSetSize For(double scale) => new(
        scale,
        ReferenceWarehouses,
        Math.Max(20, (int)Math.Round(ReferenceItems * scale)),
        Math.Max(500, (int)Math.Round(ReferenceFulfilmentLines * scale)),
        Math.Max(30, (int)Math.Round(ReferenceInboundDocuments * scale)),
        ReferenceHistoryDays);
}
