using System.Net;
using System.Text;
using RstLab.Capture;
using RstLab.Diagrams;
using RstLab.Packets;

namespace RstLab.Diagnosis;

/// <summary>A self-contained HTML page: the diagnosis table, then a ladder diagram per reset connection.</summary>
public static class DiagnosisHtml
{
    /// <summary>Ladders drawn at most: a capture with thousands of resets gets the table for all and pictures for the first ones.</summary>
    public const int MaxLadders = 50;

    const int ArrowsBefore = 36;

    /// <summary>The page for the resets of <paramref name="capturePath"/>; reads the file again for the ladders' segments.</summary>
    public static string Page(string capturePath, IReadOnlyList<ResetDiagnosis> diagnoses)
    {
        Guard.ExistingFile(capturePath, "capture file (.pcap or .pcapng)");
        Guard.NotNull(diagnoses);
        var html = new StringBuilder();
        html.Append($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Resets in {E(Path.GetFileName(capturePath))}</title>")
            .Append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;vertical-align:top;text-align:left}th{background:#f3f3f3}td.why{max-width:40em}code{font-size:12px}</style></head><body>")
            .Append($"<h1>Why were these connections reset?</h1><p>{diagnoses.Count} reset(s) in <code>{E(capturePath)}</code>.</p>")
            .Append("<table><tr><th>frame</th><th>connection</th><th>sender</th><th>before</th><th>shape</th><th>numbers</th><th>receiver</th><th>cause</th><th>app saw</th><th>conn_state / history</th><th>why, and how to confirm</th></tr>");
        foreach (var d in diagnoses)
            html.Append($"<tr><td><a href=\"#f{d.Frame}\">{d.Frame}</a></td><td>{E(d.Connection)}</td><td>{d.SenderRole}</td><td>{d.Before}</td><td>{d.Shape}<br><small>{E(d.Signs)}</small></td>")
                .Append($"<td>{d.Numbers}</td><td>{d.Acceptance}</td><td><b>{d.Cause}</b> {d.Confidence * 100:0}%<br><small>{E(string.Join(", ", d.Alternatives))}</small></td>")
                .Append($"<td>{E(d.PeerError?.Name ?? "nothing")}</td><td>{d.ConnState}<br><code>{E(d.History)}</code></td><td class=\"why\">{E(d.Explanation)}<br><small>confirm: <code>{E(d.Confirm)}</code></small></td></tr>");
        html.Append("</table>");
        foreach (var (d, table) in Ladders(capturePath, diagnoses))
            html.Append($"<h2 id=\"f{d.Frame}\">Frame {d.Frame}: {E(d.Connection)} — {d.Cause}</h2>")
                .Append($"<p>The connection's segments up to the reset (row numbers count within this picture, not the file).</p>")
                .Append(LadderDiagram.Of(table, maxArrows: ArrowsBefore + 8).ToSvg());
        if (diagnoses.Count > MaxLadders)
            html.Append($"<p>Ladders are drawn for the first {MaxLadders} resets only.</p>");
        return html.Append("</body></html>").ToString();
    }

    static IEnumerable<(ResetDiagnosis, PacketTable)> Ladders(string capturePath, IReadOnlyList<ResetDiagnosis> diagnoses)
    {
        var wanted = diagnoses.Take(MaxLadders).ToList();
        if (wanted.Count == 0)
            yield break;
        // One more pass over the file, keeping per reset only the segments of its connection up to it (a bounded window).
        var windows = wanted.Select(_ => new Queue<TcpSegment>()).ToList();
        var last = wanted.Max(d => d.Frame);
        using (var reader = CaptureReader.Open(capturePath))
            while (reader.Read(out var frame) && frame.Number <= last)
            {
                if (!SegmentDecoder.TryDecode(frame.Link, frame.Data, out var h))
                    continue;
                var segment = (TcpSegment?)null;
                for (var i = 0; i < wanted.Count; i++)
                {
                    var d = wanted[i];
                    if (frame.Number > d.Frame || h.SourcePort != d.Sender.Port && h.DestinationPort != d.Sender.Port)
                        continue;
                    segment ??= h.ToSegment(frame.Time);
                    if (!Same(segment, d))
                        continue;
                    // A SYN after a finished connection on the same ports starts a new one: keep only the newest.
                    if (segment.Flags.HasFlag(TcpFlags.Syn) && !segment.Flags.HasFlag(TcpFlags.Ack) && windows[i].Any(s => s.IsRst || s.Flags.HasFlag(TcpFlags.Fin)))
                        windows[i].Clear();
                    windows[i].Enqueue(segment);
                    if (windows[i].Count > ArrowsBefore)
                        windows[i].Dequeue();
                }
            }
        for (var i = 0; i < wanted.Count; i++)
            yield return (wanted[i], new PacketTable(windows[i].ToList(), "", wanted[i].Responder.Port));
    }

    static bool Same(TcpSegment s, ResetDiagnosis d) =>
        (s.Source.Equals(d.Originator) && s.Destination.Equals(d.Responder)) || (s.Source.Equals(d.Responder) && s.Destination.Equals(d.Originator));

    static string E(string text) => WebUtility.HtmlEncode(text);
}
