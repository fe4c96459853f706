namespace RstLab.Diagnosis;

/// <summary>Diagnoses as a plain-text table, one line per reset, then the explanation and the commands to confirm each.</summary>
public static class DiagnosisText
{
    static readonly (string Title, int Width)[] Columns =
    [
        ("frame", 7), ("time (UTC)", 15), ("connection (originator → responder)", 48), ("sender", 10), ("before", 16),
        ("shape", 9), ("numbers", 16), ("receiver", 12), ("cause", 30), ("app saw", 12), ("state", 6), ("history", 0),
    ];

    /// <summary>The header line of the table.</summary>
    public static string Header => Line(Columns.Select(c => c.Title).ToArray());

    /// <summary>One reset's line in the table.</summary>
    public static string Row(ResetDiagnosis d)
    {
        Guard.NotNull(d);
        return Line(
            d.Frame.ToString(), d.Reset.Time.UtcDateTime.ToString("HH:mm:ss.ffffff"), d.Connection + (d.HandshakeSeen ? "" : " (no SYN seen)"),
            d.SenderRole, d.Before.ToString(), d.Shape.ToString(), d.Numbers.ToString(), d.Acceptance.ToString(),
            $"{d.Cause} {d.Confidence * 100:0}%", d.PeerError?.Name ?? "nothing", d.ConnState.ToString(), d.History);
    }

    /// <summary>The explanation, the alternatives and the commands that would confirm the cause, indented under the row.</summary>
    public static string Details(ResetDiagnosis d)
    {
        Guard.NotNull(d);
        var also = d.Alternatives.Count == 0 ? "none" : string.Join(", ", d.Alternatives);
        var errno = d.PeerError is { } e ? $"{e.Name} ({e.Linux} on Linux, {e.MacOS} on macOS, {e.Windows} on Windows)" : "no error";
        return $"  frame {d.Frame}: {d.Explanation}\n    signs: {d.Signs}\n    other causes: {also}; the receiver's application: {errno}\n    confirm: {d.Confirm}";
    }

    static string Line(params string[] cells) =>
        string.Join(" ", cells.Select((c, i) => Columns[i].Width == 0 ? c : c.PadRight(Columns[i].Width))).TrimEnd();
}
