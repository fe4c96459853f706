using System.Net;
using System.Text;
using RstLab.Kernel;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Notebooks;

/// <summary>HTML and text for 04-rebooted-peer's results: what happened step by step, the client's calls, each host's counters, and forged segments next to the rule.</summary>
public static class RebootedPeerView
{
    /// <summary>An experiment: the steps in order, then each side's calls; or, when it could not run, why.</summary>
    public static string Html(RebootedPeer run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.Live)
            return HtmlView.Note(run.Reason!);
        var html = new StringBuilder();
        if (run.Steps.Count > 0)
        {
            html.Append("<ol class=\"rstlab-note\">");
            foreach (var step in run.Steps)
                html.Append($"<li>{E(step)}</li>");
            html.Append("</ol>");
        }
        foreach (var calls in run.Logs.Where(l => l.Count > 0))
            html.Append(ExperimentView.Calls(calls));
        return html.ToString();
    }

    /// <summary>An experiment as plain text.</summary>
    public static string Text(RebootedPeer run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Live
            ? string.Join("\n", run.Steps.Select((s, i) => $"{i + 1}. {s}")
                .Concat(run.Logs.Where(l => l.Count > 0).Select(l => l.ToString())))
            : run.Reason!;
    }

    /// <summary>Each host's counter changes under its name and namespace.</summary>
    public static string Html(IEnumerable<HostCounters> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var html = new StringBuilder();
        foreach (var h in hosts)
            html.Append($"<div class=\"rstlab-note\"><b>{E(h.Host)}</b> ({E(h.Namespace)})</div>").Append(HtmlView.Counters(h.Delta));
        return html.Length == 0 ? HtmlView.Note("No counters: the experiment did not run here.") : html.ToString();
    }

    /// <summary>Each host's RST-related counter changes as text.</summary>
    public static string Text(IEnumerable<HostCounters> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        return string.Join("\n", hosts.Select(h => $"{h.Host} ({h.Namespace}): " + string.Join(", ", h.Delta.RstRelated.Select(c => $"{c.Name} +{c.Delta}"))));
    }

    /// <summary>The forged segments: each with the reset the kernel sent and the one the rule demands.</summary>
    public static string Html(IEnumerable<ForgedAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var html = new StringBuilder("<table class=\"rstlab rstlab-forged\"><tr><th>forged segment</th><th>the kernel answered</th><th>RFC 9293 §3.10.7.1 demands</th><th></th><th>why</th></tr>");
        foreach (var a in answers)
            html.Append($"<tr class=\"{(a.FollowsRule ? "good" : "bad")}\"><td>{E(Describe(a.Segment.Segment))}</td><td>{E(a.Reset is null ? "nothing" : Describe(a.Reset.Segment))}</td><td>{E(a.Expected.ToString())}</td><td>{(a.FollowsRule ? "✓" : "✗")}</td><td>{E(a.Expected.Why)}</td></tr>");
        return HtmlView.Note("Each segment sent to the port, the reset the kernel sent back, and the reset the rule demands:") + html.Append("</table>");
    }

    /// <summary>The forged segments and answers as text.</summary>
    public static string Text(IEnumerable<ForgedAnswer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return string.Join("\n", answers.Select(a => $"{Describe(a.Segment.Segment)} → {(a.Reset is null ? "nothing" : Describe(a.Reset.Segment))}; rule: {a.Expected} {(a.FollowsRule ? "✓" : "✗")}"));
    }

    /// <summary>The forging experiment: what was injected where; or why it could not be.</summary>
    public static string Html(ForgedSegments run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return HtmlView.Note(Text(run));
    }

    /// <summary>The forging experiment as one sentence.</summary>
    public static string Text(ForgedSegments run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (!run.Live)
            return run.Reason!;
        var text = $"Injected {run.Forged.Count} hand-built segments through lo: " + string.Join("; ", run.Forged.Select(Describe)) + ".";
        if (run.Ipv4 is { } v4)
            text += $" First, the same kind of segment over IPv4 ({Describe(v4.Segment)}): {(v4.Captured ? "it crossed lo" : "the capture did not see it")}, " +
                $"{(v4.Answered ? "and a reset came back" : "and no reset came back")}; the kernel's martian-destination count (in_martian_dst) rose by {v4.MartianDrops}.";
        return text;
    }

    static string Describe(RstLab.Packets.TcpSegment s) =>
        $"{s.Source} → {s.Destination} [{s.FlagsText}] seq {s.Sequence}" + (s.Flags.HasFlag(RstLab.Packets.TcpFlags.Ack) ? $", ack {s.Acknowledgment}" : "") + (s.PayloadLength > 0 ? $", len {s.PayloadLength}" : "");

    static string E(string text) => WebUtility.HtmlEncode(text);
}
