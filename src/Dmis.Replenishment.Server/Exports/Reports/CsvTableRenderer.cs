using System.Globalization;
using CsvHelper;

namespace Dmis.Replenishment.Server.Exports.Reports;

/// <summary>
/// A table as RFC 4180 CSV in UTF-8: a header row of the column titles, then one record per row. Text that
/// a spreadsheet would run as a formula (=, +, -, @ first) is written behind a quote mark; numeric
/// columns are left as they are, so a negative number stays a number.
/// </summary>
public static class CsvTableRenderer
{
    public const string ContentType = "text/csv; charset=utf-8";

    // The byte order mark makes spreadsheets read the file as UTF-8 instead of the machine's code page.
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static byte[] Render(ReportTable table)
    {
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, Options, leaveOpen: true))
        {
            csv.WriteHeader([.. table.Columns.Select(column => column.Title)]);
            foreach (var row in table.Rows)
            {
                for (var index = 0; index < row.Cells.Count; index++)
                {
                    Write(csv, row.Cells[index], table.Columns[index].Numeric);
                }

                csv.EndRecord();
            }
        }

        return output.ToArray();
    }

    /// <summary>A number goes out as a decimal, which keeps its scale: "4300.00" is written as 4300.00.</summary>
    private static void Write(CsvWriter csv, string cell, bool numeric)
    {
        if (numeric && cell.Length > 0)
        {
            csv.WriteField(decimal.Parse(cell, NumberStyles.Number, CultureInfo.InvariantCulture), default);
        }
        else
        {
            csv.WriteField(cell);
        }
    }
}
