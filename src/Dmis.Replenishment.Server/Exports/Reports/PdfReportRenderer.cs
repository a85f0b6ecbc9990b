using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Dmis.Replenishment.Server.Exports.Reports;

/// <summary>
/// A report as a printable PDF: A4 landscape; the title and status on every page, the facts on the first;
/// the table with its header repeated on each page and rows never split; then the totals and the sign-off
/// block; "Page n of m" and the footer at the bottom of every page.
/// </summary>
public static class PdfReportRenderer
{
    public const string ContentType = "application/pdf";

    static PdfReportRenderer() => ReportFonts.Install();

    public static byte[] Render(Report report)
    {
        using var document = new PdfDocument();
        document.Info.Title = report.Title;
        document.Info.Creator = "DMIS Replenishment";
        using (var layout = new PdfReportLayout(document, report))
        {
            layout.Write();
        }

        PdfReportLayout.NumberPages(document, report.Footer);
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}

/// <summary>Lays one report out page by page, top to bottom; <see cref="y"/> is where the next thing goes.</summary>
internal sealed class PdfReportLayout(PdfDocument document, Report report) : IDisposable
{
    private const double Margin = 28, FooterHeight = 18, CellPadding = 3, ToneBarWidth = 3, LineHeight = 9.2;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XFont TitleFont = new(ReportFonts.Family, 13, XFontStyleEx.Bold, Unicode);
    private static readonly XFont LabelFont = new(ReportFonts.Family, 6.5, XFontStyleEx.Regular, Unicode);
    private static readonly XFont BodyFont = new(ReportFonts.Family, 7.5, XFontStyleEx.Regular, Unicode);
    private static readonly XFont BoldFont = new(ReportFonts.Family, 7.5, XFontStyleEx.Bold, Unicode);
    private static readonly XFont HeadingFont = new(ReportFonts.Family, 9, XFontStyleEx.Bold, Unicode);

    private static readonly XColor Ink = XColor.FromArgb(0x20, 0x24, 0x2b);
    private static readonly XBrush InkBrush = new XSolidBrush(Ink);
    private static readonly XBrush MutedBrush = new XSolidBrush(XColor.FromArgb(0x5f, 0x66, 0x70));
    private static readonly XBrush HeaderBrush = new XSolidBrush(XColor.FromArgb(0xdf, 0xe4, 0xea));
    private static readonly XBrush StripeBrush = new XSolidBrush(XColor.FromArgb(0xf5, 0xf7, 0xf9));
    private static readonly XBrush UrgentBrush = new XSolidBrush(XColor.FromArgb(0xc6, 0x28, 0x28));
    private static readonly XBrush AttentionBrush = new XSolidBrush(XColor.FromArgb(0xef, 0x8f, 0x00));
    private static readonly XPen RulePen = new(XColor.FromArgb(0xc9, 0xcf, 0xd6), 0.5);
    private static readonly XPen SignaturePen = new(Ink, 0.6);

    private XGraphics? graphics;
    private double y;
    private double[] columnWidths = [];

    private XGraphics Graphics => graphics ?? throw new InvalidOperationException("no page started");

    private static double Width => PageWidth - 2 * Margin;

    private static double PageWidth => XUnit.FromMillimeter(297).Point;

    private static double PageHeight => XUnit.FromMillimeter(210).Point;

    private static double Bottom => PageHeight - Margin - FooterHeight;

    public void Write()
    {
        var shares = report.Table.Columns.Sum(column => column.Width);
        columnWidths = [.. report.Table.Columns.Select(column => (Width - ToneBarWidth) * column.Width / shares)];

        StartPage();
        WriteFacts();
        WriteTableHeader();
        for (var index = 0; index < report.Table.Rows.Count; index++)
        {
            var row = report.Table.Rows[index];
            var lines = row.Cells.Select((cell, column) => Wrap(cell, columnWidths[column] - 2 * CellPadding, HeadlineOf(column))).ToList();
            var height = lines.Max(cell => cell.Count) * LineHeight + 2 * CellPadding;
            if (y + height > Bottom)
            {
                StartPage();
                WriteTableHeader();
            }

            WriteRow(row, lines, height, striped: index % 2 == 1);
        }

        WriteClosing();
    }

    /// <summary>"Page n of m" and the footer on every page, once the number of pages is known.</summary>
    public static void NumberPages(PdfDocument document, string footer)
    {
        for (var index = 0; index < document.PageCount; index++)
        {
            using var graphics = XGraphics.FromPdfPage(document.Pages[index], XGraphicsPdfPageOptions.Append);
            var line = new XRect(Margin, PageHeight - Margin - LineHeight, Width, LineHeight);
            graphics.DrawLine(RulePen, Margin, line.Top - 4, Margin + Width, line.Top - 4);
            graphics.DrawString(footer, LabelFont, MutedBrush, line, XStringFormats.TopLeft);
            var pages = string.Create(CultureInfo.InvariantCulture, $"Page {index + 1} of {document.PageCount}");
            graphics.DrawString(pages, BoldFont, InkBrush, line, XStringFormats.TopRight);
        }
    }

    private bool HeadlineOf(int column) => report.Table.Columns[column].Headline;

    private void StartPage()
    {
        graphics?.Dispose();
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        graphics = XGraphics.FromPdfPage(page);
        y = Margin;

        var title = new XRect(Margin, y, Width, 16);
        Graphics.DrawString(report.Title, TitleFont, InkBrush, title, XStringFormats.TopLeft);
        Graphics.DrawString(report.Status, HeadingFont, InkBrush, title, XStringFormats.TopRight);
        y += 20;
        Graphics.DrawLine(SignaturePen, Margin, y, Margin + Width, y);
        y += 6;
    }

    /// <summary>The facts, four to a line: a small label above each value.</summary>
    private void WriteFacts()
    {
        const int PerLine = 4;
        var width = Width / PerLine;
        for (var start = 0; start < report.Facts.Count; start += PerLine)
        {
            var height = 0.0;
            foreach (var (fact, slot) in report.Facts.Skip(start).Take(PerLine).Select((fact, slot) => (fact, slot)))
            {
                var x = Margin + slot * width;
                Graphics.DrawString(fact.Label.ToUpperInvariant(), LabelFont, MutedBrush, new XRect(x, y, width, LineHeight), XStringFormats.TopLeft);
                var lines = Wrap(fact.Value, width - 8, headline: false);
                DrawLines(lines, x, y + LineHeight, width - 8, XStringFormats.TopLeft, headline: true);
                height = Math.Max(height, (lines.Count + 1) * LineHeight);
            }

            y += height + 5;
        }

        y += 4;
    }

    private void WriteTableHeader()
    {
        var titles = report.Table.Columns.Select((column, index) => Wrap(column.Title, columnWidths[index] - 2 * CellPadding, headline: true)).ToList();
        var height = titles.Max(lines => lines.Count) * LineHeight + 2 * CellPadding;
        Graphics.DrawRectangle(HeaderBrush, new XRect(Margin, y, Width, height));
        var x = Margin + ToneBarWidth;
        for (var column = 0; column < titles.Count; column++)
        {
            DrawLines(titles[column], x + CellPadding, y + CellPadding, columnWidths[column] - 2 * CellPadding, Alignment(column), headline: true, allBold: true);
            x += columnWidths[column];
        }

        y += height;
    }

    private void WriteRow(ReportRow row, IReadOnlyList<IReadOnlyList<string>> lines, double height, bool striped)
    {
        if (striped)
        {
            Graphics.DrawRectangle(StripeBrush, new XRect(Margin, y, Width, height));
        }

        if (row.Tone is not RowTone.Plain)
        {
            Graphics.DrawRectangle(row.Tone is RowTone.Urgent ? UrgentBrush : AttentionBrush, new XRect(Margin, y, ToneBarWidth, height));
        }

        var x = Margin + ToneBarWidth;
        for (var column = 0; column < lines.Count; column++)
        {
            DrawLines(lines[column], x + CellPadding, y + CellPadding, columnWidths[column] - 2 * CellPadding, Alignment(column), HeadlineOf(column));
            x += columnWidths[column];
        }

        y += height;
        Graphics.DrawLine(RulePen, Margin, y, Margin + Width, y);
    }

    /// <summary>The totals, then the sign-off block; on a new page when they do not fit under the table.</summary>
    private void WriteClosing()
    {
        var needed = 16 + report.Totals.Count * LineHeight + 90;
        if (y + needed > Bottom)
        {
            StartPage();
        }

        y += 10;
        Graphics.DrawString("Totals", HeadingFont, InkBrush, new XRect(Margin, y, Width, 12), XStringFormats.TopLeft);
        y += 13;
        foreach (var total in report.Totals)
        {
            Graphics.DrawString(total.Label, BodyFont, MutedBrush, new XRect(Margin, y, 150, LineHeight), XStringFormats.TopLeft);
            Graphics.DrawString(total.Value, BoldFont, InkBrush, new XRect(Margin + 150, y, 150, LineHeight), XStringFormats.TopLeft);
            y += LineHeight;
        }

        WriteSignOff();
    }

    /// <summary>Name, role, signature and date on lines to sign on; the known ones printed above their line.</summary>
    private void WriteSignOff()
    {
        y += 14;
        var signOff = report.SignOff;
        Graphics.DrawString(signOff.Heading, HeadingFont, InkBrush, new XRect(Margin, y, Width, 12), XStringFormats.TopLeft);
        y += 30;
        var fields = new (string Label, string? Value, double Share)[]
        {
            ("Name", signOff.Name, 0.28), ("Role", signOff.Role, 0.24), ("Signature", null, 0.30), ("Date", signOff.Date, 0.18),
        };
        var x = Margin;
        foreach (var (label, value, share) in fields)
        {
            var width = Width * share - 14;
            if (value is not null)
            {
                Graphics.DrawString(value, BoldFont, InkBrush, new XRect(x, y - LineHeight - 1, width, LineHeight), XStringFormats.TopLeft);
            }

            Graphics.DrawLine(SignaturePen, x, y, x + width, y);
            Graphics.DrawString(label, LabelFont, MutedBrush, new XRect(x, y + 2, width, LineHeight), XStringFormats.TopLeft);
            x += Width * share;
        }

        y += 2 + LineHeight;
    }

    private XStringFormat Alignment(int column) =>
        report.Table.Columns[column].Numeric ? XStringFormats.TopRight : XStringFormats.TopLeft;

    /// <summary>Lines top to bottom; with <paramref name="headline"/> the first is bold, with <paramref name="allBold"/> every one.</summary>
    private void DrawLines(
        IReadOnlyList<string> lines, double x, double top, double width, XStringFormat alignment, bool headline, bool allBold = false)
    {
        for (var index = 0; index < lines.Count; index++)
        {
            var font = allBold || (headline && index == 0) ? BoldFont : BodyFont;
            Graphics.DrawString(lines[index], font, InkBrush, new XRect(x, top + index * LineHeight, width, LineHeight), alignment);
        }
    }

    /// <summary>
    /// The cell's text in lines that fit <paramref name="width"/>: its own line breaks kept, words moved to
    /// the next line when they do not fit, a word longer than the width cut where it must be.
    /// </summary>
    private List<string> Wrap(string text, double width, bool headline)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var font = headline && lines.Count == 0 ? BoldFont : BodyFont;
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (Fits(candidate, font, width))
                {
                    line = candidate;
                    continue;
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }

                line = word;
                while (!Fits(line, font, width) && line.Length > 1)
                {
                    var cut = line.Length - 1;
                    while (cut > 1 && !Fits(line[..cut], font, width))
                    {
                        cut--;
                    }

                    lines.Add(line[..cut]);
                    line = line[cut..];
                }
            }

            lines.Add(line);
        }

        return lines;
    }

    private bool Fits(string text, XFont font, double width) => Graphics.MeasureString(text, font).Width <= width;

    public void Dispose() => graphics?.Dispose();
}
