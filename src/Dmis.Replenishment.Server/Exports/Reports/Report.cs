namespace Dmis.Replenishment.Server.Exports.Reports;

/// <summary>
/// A document for people: a title, facts about what it shows, one table, totals and the sign-off it
/// asks for. Its cells are already the text to print, so a renderer only lays them out.
/// </summary>
public sealed record Report(
    string Title,
    string Status,
    IReadOnlyList<ReportFact> Facts,
    ReportTable Table,
    IReadOnlyList<ReportFact> Totals,
    SignOff SignOff,
    string Footer);

public sealed record ReportFact(string Label, string Value);

/// <summary>
/// A column. <paramref name="Width"/> is its share of the page's width relative to the others; a
/// <paramref name="Numeric"/> column holds one number per cell (right-aligned on paper, a number to a
/// spreadsheet); in a <paramref name="Headline"/> column the first line of each cell is printed bold.
/// </summary>
public sealed record ReportColumn(string Title, double Width = 1, bool Numeric = false, bool Headline = false);

/// <summary>How a row stands out on paper: the first cell of an urgent row is tinted.</summary>
public enum RowTone
{
    Plain,
    Urgent,
    Attention,
}

/// <summary>A row's cells, one per column; a cell's lines are separated by '\n'.</summary>
public sealed record ReportRow(IReadOnlyList<string> Cells, RowTone Tone = RowTone.Plain);

public sealed record ReportTable
{
    public ReportTable(IReadOnlyList<ReportColumn> columns, IReadOnlyList<ReportRow> rows)
    {
        if (rows.FirstOrDefault(row => row.Cells.Count != columns.Count) is { } ragged)
        {
            throw new ArgumentException($"a row has {ragged.Cells.Count} cells for {columns.Count} columns", nameof(rows));
        }

        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<ReportColumn> Columns { get; }

    public IReadOnlyList<ReportRow> Rows { get; }
}

/// <summary>
/// Who signs the document: the role that must, and the name and date when the decision is already
/// recorded (left blank to be filled by hand otherwise). The signature itself is always by hand.
/// </summary>
public sealed record SignOff(string Heading, string Role, string? Name, string? Date);
