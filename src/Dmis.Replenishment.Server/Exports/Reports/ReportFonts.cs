using PdfSharp.Fonts;

namespace Dmis.Replenishment.Server.Exports.Reports;

/// <summary>
/// The fonts of printed reports: DejaVu Sans Condensed, regular and bold, shipped inside this assembly
/// (Bitstream Vera licence, Fonts/LICENSE-DejaVu.txt), so a PDF renders the same on any machine and
/// nothing is looked up at run time. Every family a report asks for resolves to it.
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans Condensed";

    private const string Regular = "DejaVuSansCondensed";
    private const string Bold = "DejaVuSansCondensed-Bold";

    private static readonly Lock Gate = new();

    /// <summary>PDFsharp takes one resolver per process, before its first font: installed once, on first use.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ReportFonts)
            {
                GlobalFontSettings.FontResolver = new ReportFonts();
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[] GetFont(string faceName)
    {
        using var resource = typeof(ReportFonts).Assembly.GetManifestResourceStream($"{typeof(ReportFonts).Namespace}.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"font {faceName} is not embedded in {typeof(ReportFonts).Assembly.GetName().Name}");
        using var copy = new MemoryStream();
        resource.CopyTo(copy);
        return copy.ToArray();
    }
}
