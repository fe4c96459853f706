using System.Net;
using System.Text;
using RstLab.Diagnosis;
using RstLab.Scenarios;

namespace RstLab.Notebooks;

/// <summary>HTML and text for <c>05-diagnose</c>: diagnoses, recordings against their labels, causes beside the kernel's reasons, the mystery and its reveal.</summary>
public static class DiagnosisView
{
    /// <summary>One row per reset: who sent it, what came before, who built it, its numbers, the cause with the alternatives, what the application saw.</summary>
    public static string Diagnoses(IEnumerable<ResetDiagnosis> diagnoses)
    {
        var rows = (diagnoses ?? throw new ArgumentNullException(nameof(diagnoses))).ToList();
        var html = new StringBuilder(HtmlView.Style);
        html.Append("<table class=\"rstlab rstlab-diagnosis\"><tr><th>frame</th><th>connection</th><th>sender</th><th>before</th><th>shape</th>")
            .Append("<th>numbers / receiver</th><th>cause</th><th>app saw</th><th>conn_state / history</th><th>why</th></tr>");
        foreach (var d in rows.Take(HtmlView.MaxRows))
            html.Append($"<tr><td>{d.Frame}</td><td>{E(d.Connection)}</td><td>{d.SenderRole} [{E(d.Reset.FlagsText)}]</td><td>{d.Before}</td>")
                .Append($"<td>{d.Shape}<br><small>{E(d.Signs)}</small></td><td>{d.Numbers}<br>{d.Acceptance}</td>")
                .Append($"<td><b>{d.Cause}</b> {d.Confidence * 100:0}%<br><small>{E(string.Join(", ", d.Alternatives))}</small></td>")
                .Append($"<td>{E(d.PeerError?.Name ?? "nothing")}</td><td>{d.ConnState}<br><code>{E(d.History)}</code></td>")
                .Append($"<td>{E(d.Explanation)}<br><small>confirm: <code>{E(d.Confirm)}</code></small></td></tr>");
        html.Append("</table>");
        if (rows.Count > HtmlView.MaxRows)
            html.Append($"<div class=\"rstlab-note\">… {rows.Count - HtmlView.MaxRows} more resets not shown ({rows.Count} in all).</div>");
        if (rows.Count == 0)
            html.Append("<div class=\"rstlab-note\">No reset in this capture.</div>");
        return html.ToString();
    }

    /// <summary>The diagnoses as text, one line per reset.</summary>
    public static string DiagnosesText(IEnumerable<ResetDiagnosis> diagnoses) =>
        string.Join("\n", (diagnoses ?? throw new ArgumentNullException(nameof(diagnoses))).Select(DiagnosisText.Row).Prepend(DiagnosisText.Header));

    /// <summary>Each recording: what its notebook says each reset's cause is, and what the diagnosis said.</summary>
    public static string Verdicts(IEnumerable<RecordingVerdict> verdicts)
    {
        var html = new StringBuilder(HtmlView.Style);
        html.Append("<table class=\"rstlab rstlab-verdicts\"><tr><th></th><th>recording</th><th>notebook</th><th>resets</th><th>its notebook says</th><th>the diagnosis says</th></tr>");
        foreach (var v in (verdicts ?? throw new ArgumentNullException(nameof(verdicts))))
            html.Append($"<tr class=\"{(v.Agrees ? "good" : "bad")}\"><td>{(v.Agrees ? "✓" : "✗")}</td><td>{E(v.Label.File)}</td><td>{E(v.Label.Notebook)}</td>")
                .Append($"<td>{v.Said.Count}</td><td>{E(v.Label.Says)}<br><b>{Causes(v.Label.Causes)}</b></td><td><b>{Causes(v.Said)}</b></td></tr>");
        return html.Append("</table>").ToString();
    }

    /// <summary>The verdicts as text.</summary>
    public static string VerdictsText(IEnumerable<RecordingVerdict> verdicts) =>
        string.Join("\n", (verdicts ?? throw new ArgumentNullException(nameof(verdicts))).Select(v => $"{(v.Agrees ? "✓" : "✗")} {v.Label.File}: says {Causes(v.Label.Causes)}; diagnosis {Causes(v.Said)}"));

    /// <summary>Each reset's cause from the capture beside the reason its sender's kernel traced, and whether they agree.</summary>
    public static string Traced(IEnumerable<TracedDiagnosis> rows)
    {
        var html = new StringBuilder(HtmlView.Style);
        html.Append("<table class=\"rstlab rstlab-traced\"><tr><th></th><th>capture</th><th>frame</th><th>reset</th><th>cause (from the capture)</th><th>kernel's reason (traced)</th><th>that cause comes with</th></tr>");
        foreach (var t in (rows ?? throw new ArgumentNullException(nameof(rows))))
            html.Append($"<tr class=\"{(t.Agrees == false ? "bad" : "good")}\"><td>{Mark(t.Agrees)}</td><td>{E(t.Capture)}</td><td>{t.Diagnosis.Frame}</td>")
                .Append($"<td>[{E(t.Diagnosis.Reset.FlagsText)}] {E(t.Diagnosis.Sender.ToString())} → {E(t.Diagnosis.Receiver.ToString())}</td><td>{t.Diagnosis.Cause}</td>")
                .Append($"<td>{E(TracedText(t))}</td><td>{E(Expected(t.Diagnosis.Cause))}</td></tr>");
        return html.Append("</table>").ToString();
    }

    /// <summary>The comparison as text.</summary>
    public static string TracedText(IEnumerable<TracedDiagnosis> rows) =>
        string.Join("\n", (rows ?? throw new ArgumentNullException(nameof(rows))).Select(t => $"{Mark(t.Agrees)} {t.Capture} frame {t.Diagnosis.Frame}: {t.Diagnosis.Cause} / {TracedText(t)}"));

    /// <summary>The mystery: each case's packets, numbered, without the kernel's reasons.</summary>
    public static string Mystery(Mystery mystery)
    {
        var html = new StringBuilder(HtmlView.Note((mystery ?? throw new ArgumentNullException(nameof(mystery))).ToString()));
        foreach (var (table, i) in mystery.Packets.Select((t, i) => (t, i)))
            html.Append($"<h4>Mystery {i + 1}</h4>").Append(HtmlView.Packets(table));
        return html.ToString();
    }

    /// <summary>The mystery as text.</summary>
    public static string MysteryText(Mystery mystery) =>
        string.Join("\n", mystery.Packets.Select((t, i) => $"Mystery {i + 1}: {t.FlagsText}").Prepend(mystery.ToString()));

    /// <summary>The reveal: per mystery, what the notebook did, the diagnosis, the guess and a word on it.</summary>
    public static string Answers(IEnumerable<MysteryAnswer> answers)
    {
        var html = new StringBuilder(HtmlView.Style);
        html.Append("<table class=\"rstlab rstlab-answers\"><tr><th>mystery</th><th>what the notebook did</th><th>true cause</th><th>the diagnosis said</th><th>your guess</th></tr>");
        foreach (var a in (answers ?? throw new ArgumentNullException(nameof(answers))))
            html.Append($"<tr class=\"{(a.DiagnosisRight ? "good" : "bad")}\"><td>{a.Number}</td><td>{E(a.Truth.Story)}</td><td><b>{a.Truth.Cause}</b></td>")
                .Append($"<td>{Causes(a.Diagnoses.Select(d => d.Cause))}</td><td>{E(a.Guess?.ToString() ?? "none")}<br><small>{E(a.Feedback)}</small></td></tr>");
        return html.Append("</table>").ToString();
    }

    /// <summary>The reveal as text.</summary>
    public static string AnswersText(IEnumerable<MysteryAnswer> answers) =>
        string.Join("\n", (answers ?? throw new ArgumentNullException(nameof(answers))).Select(a => $"{a.Number}: {a.Truth.Cause}; diagnosis {Causes(a.Diagnoses.Select(d => d.Cause))}; {a.Feedback}"));

    static string TracedText(TracedDiagnosis t) => !t.Traced ? "not traced" : t.Kernel?.ToString() ?? "nothing traced";

    static string Expected(ResetCause cause) => KernelReasons.Of(cause) is { Count: > 0 } reasons ? string.Join(" or ", reasons) : "nothing traced (not an end host's kernel)";

    static string Mark(bool? agrees) => agrees switch { true => "✓", false => "✗", null => "–" };

    static string Causes(IEnumerable<ResetCause> causes)
    {
        var list = causes.ToList();
        return list.Count == 0 ? "no reset" : string.Join(", ", list.GroupBy(c => c).Select(g => g.Count() == 1 ? $"{g.Key}" : $"{g.Count()}× {g.Key}"));
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
