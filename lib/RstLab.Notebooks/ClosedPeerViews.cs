using System.Net;
using System.Text;
using RstLab.Scenarios;

namespace RstLab.Notebooks;

/// <summary>HTML for the closed-peer notebook's results: buffer measurements, the SIGPIPE child, dead-peer polling, where the bytes went.</summary>
public static class ClosedPeerViews
{
    /// <summary>Buffer measurements, one row each: requested and effective sizes, writes, bytes accepted, and both queues at the plateau.</summary>
    public static string Fills(IEnumerable<SendBufferFill> fills)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var html = new StringBuilder(HtmlView.Style);
        html.Append("<table class=\"rstlab rstlab-fills\"><tr><th>SO_SNDBUF requested</th><th>effective (read back)</th><th>peer SO_RCVBUF requested</th><th>effective</th><th>writes</th><th>bytes accepted</th><th>client Send-Q</th><th>peer Recv-Q</th><th>time</th></tr>");
        foreach (var f in fills)
            html.Append($"<tr><td>{(f.RequestedSend?.ToString() ?? "unset")}</td><td>{(f.RequestedSend is null ? $"{f.EffectiveSend} → {f.EffectiveSendAfter} (autotuned)" : f.EffectiveSend.ToString())}</td>" +
                $"<td>{(f.RequestedReceive?.ToString() ?? "unset")}</td><td>{f.EffectiveReceive}</td><td>{f.Writes}</td><td>{f.Accepted}</td><td>{f.SendQueue}</td><td>{f.ReceiveQueue}</td><td>{f.Elapsed.TotalMilliseconds:0} ms</td></tr>");
        html.Append("</table><div class=\"rstlab-note\">Send-Q and Recv-Q come from the kernel's socket table once no write has been accepted for " +
            $"{SendBufferSweep.Quiet.TotalMilliseconds:0} ms; the time includes that wait.</div>");
        return html.ToString();
    }

    /// <summary>The SIGPIPE child runs: SIGPIPE's disposition as the kernel saw it, what each write did, and how the process ended.</summary>
    public static string SigPipe(IEnumerable<SigPipeRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var html = new StringBuilder(HtmlView.Style);
        html.Append("<table class=\"rstlab rstlab-sigpipe\"><tr><th>child process</th><th>SIGPIPE (from /proc/PID/status)</th><th>what it printed</th><th>how it ended</th></tr>");
        foreach (var r in runs)
            html.Append($"<tr{(r.KilledBySigPipe ? " class=\"rst\"" : "")}><td>{E(r.Program)}</td><td>{(r.IgnoredSigPipe ? "ignored" : "default action: terminate")}</td><td>{string.Join("<br>", r.Lines.Select(E))}</td><td>{E(r.Ending)}</td></tr>");
        return html.Append("</table>").ToString();
    }

    /// <summary>Where the bytes went: written, acknowledged by the peer's kernel, read by the peer application, never read.</summary>
    public static string Deliveries(IEnumerable<ClosedPeerDelivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var html = new StringBuilder(HtmlView.Style);
        html.Append("<table class=\"rstlab rstlab-delivery\"><tr><th>run</th><th>bytes write() accepted</th><th>acknowledged by the peer's kernel</th><th>read by the peer application</th><th>never read</th></tr>");
        foreach (var d in deliveries)
            html.Append($"<tr{(d.NeverRead > 0 ? " class=\"bad\"" : "")}><td>{E(d.Experiment)}</td><td>{d.Written}</td><td>{(d.AcknowledgedByPeerKernel?.ToString() ?? "(not captured live)")}</td><td>{d.ReadByPeer}</td><td>{d.NeverRead}</td></tr>");
        return html.Append("</table>").ToString();
    }

    static string E(string text) => WebUtility.HtmlEncode(text);
}
