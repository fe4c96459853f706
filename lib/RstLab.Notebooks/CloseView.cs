using System.Net;
using System.Text;
using RstLab.Diagrams;
using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Scenarios;

namespace RstLab.Notebooks;

/// <summary>HTML and text for notebook 02's closes: panels side by side (ladder, peer's calls, socket table afterwards) and counters compared.</summary>
public static class CloseView
{
    const string Style = "<style>.rstlab-side{display:grid;gap:12px;align-items:start}.rstlab-side>div{min-width:0;border:1px solid #ccd;padding:6px}.rstlab-side h4{margin:2px 0 4px;font:bold 14px sans-serif}.rstlab-side svg{width:100%;height:auto}.rstlab-side table{font-size:12px}</style>";

    /// <summary>The closes in columns, then their counters compared.</summary>
    public static string Comparison(CloseComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var html = new StringBuilder(Style);
        html.Append($"<div class=\"rstlab-side\" style=\"grid-template-columns:repeat({comparison.Closes.Count},minmax(0,1fr))\">");
        foreach (var (title, experiment) in comparison.Closes)
        {
            html.Append($"<div><h4>{E(title)}</h4>");
            html.Append(HtmlView.Note(experiment.Wire.Origin));
            html.Append(LadderDiagram.Of(experiment.Wire.Packets).ToSvg());
            html.Append(HtmlView.Note("What the client's calls returned:"));
            html.Append(experiment.Client.Count == 0 ? HtmlView.Note("(no calls recorded)") : HtmlView.Outcomes(experiment.Client, brief: true));
            html.Append(HtmlView.Note($"The socket table for port {experiment.Port} afterwards:"));
            html.Append(HtmlView.Sockets(experiment.Sockets()));
            html.Append("</div>");
        }
        html.Append("</div>");
        return html.Append(Counters(comparison.Counters)).ToString();
    }

    /// <summary>Abort RSTs with the state their numbers came from: seq beside snd.nxt, ack beside rcv.nxt.</summary>
    public static string Numbers(IEnumerable<AbortNumbers> aborts)
    {
        ArgumentNullException.ThrowIfNull(aborts);
        var html = new StringBuilder(HtmlView.Note("Relative numbers; snd.nxt and rcv.nxt are where the last segment each way ended before the RST."));
        html.Append("<table class=\"rstlab rstlab-abort-numbers\"><tr><th>close</th><th>flags</th><th>seq</th><th>sender's snd.nxt</th><th>ack</th><th>sender's rcv.nxt</th><th>note</th></tr>");
        foreach (var a in aborts)
            html.Append($"<tr><td>{E(a.Title)}</td><td>[{E(a.Rst.Flags.ToText())}]</td><td>{a.Rst.Seq}</td><td>{a.SendNext}{Mark(a.SeqIsSendNext)}</td><td>{a.Rst.Ack?.ToString() ?? "(no ACK)"}</td><td>{a.ReceiveNext}{Mark(a.AckIsReceiveNext)}</td><td>{E(a.Rst.Note)}</td></tr>");
        return html.Append("</table>").ToString();
    }

    /// <summary>Abort RSTs as text, one line each.</summary>
    public static string NumbersText(IEnumerable<AbortNumbers> aborts)
    {
        ArgumentNullException.ThrowIfNull(aborts);
        return string.Join("\n", aborts.Select(a => $"{a.Title}: [{a.Rst.Flags.ToText()}] seq {a.Rst.Seq} (snd.nxt {a.SendNext}), ack {a.Rst.Ack?.ToString() ?? "none"} (rcv.nxt {a.ReceiveNext})"));
    }

    static string Mark(bool same) => same ? " ✓ same" : " ✗ differs";

    /// <summary>A table of counter deltas: one row per counter, one column per run.</summary>
    public static string Counters(CounterComparison counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var html = new StringBuilder(HtmlView.Note(counters.Private
            ? "Counter deltas in the lab's private namespace: only these experiments' traffic."
            : "Counter deltas on this machine: other traffic may have added to them."));
        html.Append("<table class=\"rstlab rstlab-counter-comparison\"><tr><th>counter</th>");
        foreach (var run in counters.Runs)
            html.Append($"<th>{E(run)}</th>");
        html.Append("<th>counts</th></tr>");
        foreach (var row in counters.Rows)
        {
            html.Append($"<tr><td>{E(row.Counter)}</td>");
            foreach (var delta in row.Deltas)
                html.Append($"<td>+{delta}</td>");
            html.Append($"<td>{E(row.Explanation ?? "")}</td></tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>The closes as text: per close its flags, the peer's calls and the sockets afterwards; then the counters.</summary>
    public static string ComparisonText(CloseComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var text = new StringBuilder();
        foreach (var (title, experiment) in comparison.Closes)
        {
            text.AppendLine($"{title}: {string.Join(" ", experiment.Wire.Packets.Rows.Select(r => "[" + r.Flags + "]"))}");
            foreach (var call in experiment.Client)
                text.AppendLine($"  {call}");
            var after = experiment.Sockets();
            text.AppendLine("  sockets afterwards: " + (after.Count == 0 ? "none" : string.Join(", ", after.Select(s => $"{s.State.ToText()} {s.Local}"))));
        }
        return text.Append(CountersText(comparison.Counters)).ToString();
    }

    /// <summary>The counter comparison as aligned text.</summary>
    public static string CountersText(CounterComparison counters)
    {
        ArgumentNullException.ThrowIfNull(counters);
        var text = new StringBuilder();
        text.AppendLine($"{"counter",-24}" + string.Concat(counters.Runs.Select(r => $" {r,16}")));
        foreach (var row in counters.Rows)
            text.AppendLine($"{row.Counter,-24}" + string.Concat(row.Deltas.Select(d => $" {"+" + d,16}")));
        return text.ToString();
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
