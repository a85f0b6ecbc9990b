using System.Diagnostics;

namespace Dmis.Replenishment.IntegrationTests.Exports;

/// <summary>The text of a PDF's pages, extracted by poppler's pdftotext (Debian's poppler-utils; scripts/test.sh installs it).</summary>
public static class PdfText
{
    public static async Task<string> PageAsync(byte[] pdf, int page) => await ExtractAsync(pdf, "-f", $"{page}", "-l", $"{page}");

    public static async Task<string> AllAsync(byte[] pdf) => await ExtractAsync(pdf);

    private static async Task<string> ExtractAsync(byte[] pdf, params string[] range)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-layout", .. range, "-", "-"])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.BaseStream.WriteAsync(pdf);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pdftotext failed: {await errors}");
        return await output;
    }
}
