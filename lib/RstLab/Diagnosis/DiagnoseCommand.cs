using System.Text;

namespace RstLab.Diagnosis;

/// <summary><c>./lab diagnose FILE [--json] [--html PAGE]</c>: why was each connection in a capture reset? Needs neither root nor Jupyter.</summary>
public static class DiagnoseCommand
{
    /// <summary>Exit code when every reset was diagnosed (also when there were none).</summary>
    public const int Diagnosed = 0;

    /// <summary>Exit code when the capture could not be read or the arguments were wrong; the reason is one sentence on the error writer.</summary>
    public const int BadInput = 2;

    /// <summary>Diagnoses every reset in <paramref name="capturePath"/> (pcap or pcapng) and writes a text table (or JSON lines with <paramref name="json"/>) to <paramref name="output"/>, and the HTML page to <paramref name="htmlPath"/> when given.</summary>
    public static int Run(string capturePath, TextWriter output, TextWriter error, bool json = false, string? htmlPath = null)
    {
        Guard.NotNull(output);
        Guard.NotNull(error);
        try
        {
            Guard.ExistingFile(capturePath, "capture file (.pcap or .pcapng)");
            if (htmlPath is not null)
                Guard.WritableFile(htmlPath);
            var diagnoser = new ResetDiagnoser();
            var rows = new List<ResetDiagnosis>();
            if (!json)
                output.WriteLine(DiagnosisText.Header);
            // Rows are written as the file is read: a long capture shows its first resets at once.
            foreach (var row in diagnoser.Stream(capturePath))
            {
                if (htmlPath is not null)
                    rows.Add(row);
                output.WriteLine(json ? DiagnosisJson.Of(row) : DiagnosisText.Row(row));
                if (!json)
                    output.WriteLine(DiagnosisText.Details(row));
            }
            if (!json)
                output.WriteLine($"{diagnoser.Resets} reset(s) among {diagnoser.Segments} TCP segments in {capturePath}; at most {diagnoser.PeakConnections} connection(s) tracked at once.");
            if (htmlPath is not null)
            {
                File.WriteAllText(htmlPath, DiagnosisHtml.Page(capturePath, rows), Encoding.UTF8);
                if (!json)
                    output.WriteLine($"Wrote the table and {Math.Min(rows.Count, DiagnosisHtml.MaxLadders)} ladder diagram(s) to {htmlPath}.");
            }
            return Diagnosed;
        }
        catch (Exception e) when (e is LabArgumentException or IOException or UnauthorizedAccessException)
        {
            // PcapFormatException is an IOException: its message is already the one sentence; .NET's "Access ... denied." says nothing to do.
            error.WriteLine(e is UnauthorizedAccessException ? $"{e.Message.TrimEnd('.')}: give this user access to it, or pass another path." : e.Message);
            return BadInput;
        }
    }
}
