using System.Net;
using System.Text;
using RstLab.Evidence;
using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Probe;
using RstLab.Sockets;

namespace RstLab.Notebooks;

/// <summary>HTML for the lab's types: plain tables with a little CSS, RST rows in red; no kernel needed, so tests call it directly.</summary>
public static class HtmlView
{
    /// <summary>How many packet rows a table shows before "N more rows".</summary>
    public const int MaxRows = 40;

    internal const string Style = "<style>.rstlab{border-collapse:collapse;font:13px/1.4 ui-monospace,monospace;margin:4px 0}.rstlab th,.rstlab td{border:1px solid #ccd;padding:2px 6px;text-align:left !important;vertical-align:top}.rstlab th{background:#eef}.rstlab tr.rst td{background:#fdd;color:#900;font-weight:bold}.rstlab tr.bad td{background:#fdd}.rstlab tr.good td:first-child{color:#070}.rstlab-note{font:12px sans-serif;color:#555;margin:2px 0}</style>";

    /// <summary>A packet table: origin sentence, one row per segment, RST rows highlighted, capped at <paramref name="maxRows"/>.</summary>
    public static string Packets(PacketTable table, int maxRows = MaxRows)
    {
        ArgumentNullException.ThrowIfNull(table);
        var html = new StringBuilder(Style);
        html.Append($"<div class=\"rstlab-note\">{E(table.Origin)}</div>");
        var many = table.ConnectionCount > 1;
        html.Append("<table class=\"rstlab rstlab-packets\"><tr><th>#</th><th>time (s)</th><th>Δ (s)</th>");
        if (many) html.Append("<th>conn</th>");
        html.Append("<th>direction</th><th>flags</th><th>seq</th><th>ack</th><th>win</th><th>len</th><th>note</th>");
        var traced = table.Rows.Any(r => r.Kernel is not null);
        if (traced) html.Append("<th>kernel's reason</th>");
        html.Append("</tr>");
        foreach (var r in table.Rows.Take(maxRows))
        {
            html.Append(r.IsRst ? "<tr class=\"rst\">" : "<tr>");
            html.Append($"<td>{r.Number}</td><td>{r.Time:0.000000}</td><td>{r.Delta:0.000000}</td>");
            if (many) html.Append($"<td>{r.Connection}</td>");
            html.Append($"<td>{E(r.Direction)}</td><td>[{E(r.Flags.ToText())}]</td><td>{r.Seq}</td><td>{r.Ack?.ToString() ?? ""}</td><td>{r.Window}</td><td>{r.Length}</td><td>{E(r.Note)}</td>");
            if (traced) html.Append($"<td>{E(r.Kernel?.ToString() ?? "")}</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
        if (table.Rows.Count > maxRows)
            html.Append($"<div class=\"rstlab-note\">… {table.Rows.Count - maxRows} more rows not shown ({table.Rows.Count} in all).</div>");
        if (table.Rows.Count == 0)
            html.Append("<div class=\"rstlab-note\">No packets.</div>");
        return html.ToString();
    }

    /// <summary>A socket call's outcome with the errno explained.</summary>
    public static string Outcome(SocketOutcome outcome) => Outcomes([outcome]);

    /// <summary>Several socket calls' outcomes, one row each; <paramref name="brief"/> keeps call, result, Linux and macOS errno (for side-by-side views).</summary>
    public static string Outcomes(IEnumerable<SocketOutcome> outcomes, bool brief = false)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var html = new StringBuilder(Style);
        html.Append("<table class=\"rstlab rstlab-outcomes\"><tr><th>call</th><th>result</th><th>errno (Linux)</th><th>macOS</th>");
        html.Append(brief ? "</tr>" : "<th>Windows</th><th>time</th><th>meaning</th></tr>");
        foreach (var o in outcomes)
        {
            var x = o.Errno;
            html.Append(o.Succeeded ? "<tr>" : "<tr class=\"rst\">");
            html.Append($"<td>{E(o.Call)}</td><td>{(o.Succeeded ? $"ok ({o.Value})" : o.Error.ToString())}</td>");
            html.Append(o.Succeeded ? "<td></td><td></td>" : $"<td>{o.NativeErrorCode} {E(x?.Name ?? "")}</td><td>{x?.MacOS}</td>");
            if (!brief)
                html.Append($"<td>{x?.Windows}</td><td>{o.Elapsed.TotalMilliseconds:0.###} ms</td><td>{E(x is null ? "" : $"{x.Meaning}: {x.Cause}")}</td>");
            html.Append("</tr>");
        }
        return html.Append("</table>").ToString();
    }

    /// <summary>Counter changes, RST-related ones first with their meaning.</summary>
    public static string Counters(CounterDelta delta, bool rstRelatedOnly = true)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var html = new StringBuilder(Style);
        var rows = rstRelatedOnly ? delta.RstRelated.ToList() : delta.Changes.ToList();
        html.Append("<table class=\"rstlab rstlab-counters\"><tr><th>counter</th><th>before</th><th>after</th><th>Δ</th><th>counts</th></tr>");
        foreach (var c in rows)
            html.Append($"<tr><td>{E(c.Name)}</td><td>{c.Before}</td><td>{c.After}</td><td>+{c.Delta}</td><td>{E(c.Explanation ?? "")}</td></tr>");
        html.Append("</table>");
        if (rows.Count == 0)
            html.Append("<div class=\"rstlab-note\">No RST-related counter moved.</div>");
        var others = delta.Changes.Count - rows.Count;
        if (others > 0)
            html.Append($"<div class=\"rstlab-note\">{others} other counters moved too (segments in and out; counted on the machine's own network stack, other programs' traffic adds to them, while a lab namespace counts only its own).</div>");
        return html.ToString();
    }

    /// <summary>Rows of the kernel's socket table.</summary>
    public static string Sockets(IEnumerable<SocketEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var html = new StringBuilder(Style);
        html.Append("<table class=\"rstlab rstlab-sockets\"><tr><th>state</th><th>Recv-Q</th><th>Send-Q</th><th>local</th><th>peer</th><th>timer</th></tr>");
        var any = false;
        foreach (var s in entries)
        {
            any = true;
            html.Append($"<tr><td>{E(s.State.ToText())}</td><td>{s.ReceiveQueue}</td><td>{s.SendQueue}</td><td>{E(s.Local.ToString())}</td><td>{E(s.Remote.ToString())}</td><td>{(s.Timer is TimeSpan t ? $"{t.TotalSeconds:0.0} s left" : "")}</td></tr>");
        }
        html.Append("</table>");
        if (!any)
            html.Append("<div class=\"rstlab-note\">The kernel has no socket on these ports.</div>");
        return html.ToString();
    }

    /// <summary>The capability probe: what this machine allows and what to do about what it does not.</summary>
    public static string Capabilities(IEnumerable<Capability> capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var html = new StringBuilder(Style);
        html.Append("<table class=\"rstlab rstlab-capabilities\"><tr><th>capability</th><th>here?</th><th>seen</th><th>what to do if missing</th></tr>");
        foreach (var c in capabilities)
            html.Append($"<tr class=\"{(c.Available ? "good" : "bad")}\"><td>{E(c.Name)}</td><td>{(c.Available ? "✓ yes" : "✗ no")}</td><td>{E(c.Detail)}</td><td>{E(c.Remedy)}</td></tr>");
        return html.Append("</table>").ToString();
    }

    /// <summary>A check cell's claims, ✓ or ✗ each, with what was observed.</summary>
    public static string Checks(RstLab.Evidence.Checks checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var html = new StringBuilder(Style);
        html.Append($"<table class=\"rstlab rstlab-checks\"><tr><th></th><th>claim ({E(checks.Notebook)})</th><th>observed</th><th>expected</th></tr>");
        foreach (var r in checks.Results)
            html.Append($"<tr class=\"{(r.Holds ? "good" : "bad")}\"><td>{(r.Holds ? "✓" : "✗")}</td><td>{E(r.Claim)}</td><td>{Lines(r.Observed)}</td><td>{Lines(r.Expected)}</td></tr>");
        html.Append("</table>");
        html.Append($"<div class=\"rstlab-note\">{checks.Results.Count(r => r.Holds)} of {checks.Results.Count} claims hold on this machine.</div>");
        return html.ToString();
    }

    /// <summary>A sentence for the reader, e.g. why part of an experiment could not run here.</summary>
    public static string Note(string sentence) => $"{Style}<div class=\"rstlab-note\">{E(sentence)}</div>";

    static string E(string text) => WebUtility.HtmlEncode(text);

    static string Lines(string text) => E(text).Replace("\n", "<br>", StringComparison.Ordinal);
}
