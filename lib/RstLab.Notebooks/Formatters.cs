using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using RstLab.Capture;
using RstLab.Diagrams;
using RstLab.Kernel;
using RstLab.Packets;
using RstLab.Probe;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Notebooks;

/// <summary>Registers HTML and plain-text formatters for every type a notebook displays.</summary>
public static class Formatters
{
    /// <summary>Registers the formatters (idempotent: a rerun replaces them).</summary>
    public static void Register()
    {
        Html<PacketTable>(t => Notebooks.HtmlView.Packets(t), t => Notebooks.TextView.Packets(t));
        Html<WireCapture>(w => Notebooks.HtmlView.Packets(w.Packets), w => Notebooks.TextView.Packets(w.Packets));
        Html<SocketOutcome>(Notebooks.HtmlView.Outcome, o => o.ToString());
        Html<IEnumerable<SocketOutcome>>(os => Notebooks.HtmlView.Outcomes(os), os => string.Join("\n", os));
        Html<CounterDelta>(d => Notebooks.HtmlView.Counters(d), d => string.Join("\n", d.RstRelated.Select(c => $"{c.Name} +{c.Delta}: {c.Explanation}")));
        Html<IEnumerable<SocketEntry>>(Notebooks.HtmlView.Sockets, es => string.Join("\n", es.Select(e => $"{e.State.ToText()} Recv-Q {e.ReceiveQueue} Send-Q {e.SendQueue} {e.Local} {e.Remote}")));
        Html<IEnumerable<Capability>>(Notebooks.HtmlView.Capabilities, cs => string.Join("\n", cs.Select(c => $"{(c.Available ? "yes" : "NO ")} {c.Name}: {c.Detail} {c.Remedy}")));
        Html<SocketEntry>(e => Notebooks.HtmlView.Sockets([e]), e => $"{e.State.ToText()} Recv-Q {e.ReceiveQueue} Send-Q {e.SendQueue} {e.Local} {e.Remote}");
        Html<RstLab.Evidence.Checks>(Notebooks.HtmlView.Checks, c => string.Join("\n", c.Results.Select(r => r.Holds ? $"✓ {r.Claim} ({r.Observed})" : r.Diff())));
        Html<Errno>(x => System.Net.WebUtility.HtmlEncode(x.ToString()) + "<br>" + System.Net.WebUtility.HtmlEncode(x.Cause), x => x.ToString());
        Html<CallLog>(ExperimentView.Calls, ExperimentView.CallsText);
        Html<Experiment>(ExperimentView.Experiment, ExperimentView.ExperimentText);
        Html<TcpFlags>(f => f.ToText(), f => f.ToText());
        Html<TcpState>(s => s.ToText(), s => s.ToText());
        Html<LadderDiagram>(d => d.ToSvg(), d => d.ToText());
        Html<RebootedPeer>(RebootedPeerView.Html, RebootedPeerView.Text);
        Html<IEnumerable<HostCounters>>(RebootedPeerView.Html, RebootedPeerView.Text);
        Html<ForgedSegments>(RebootedPeerView.Html, RebootedPeerView.Text);
        Html<IEnumerable<ForgedAnswer>>(RebootedPeerView.Html, RebootedPeerView.Text);
        Html<GenericChart>(Chart, _ => "(a chart: open the notebook in VS Code or Jupyter to see it)");
        Html<CloseComparison>(Notebooks.CloseView.Comparison, Notebooks.CloseView.ComparisonText);
        Html<CounterComparison>(Notebooks.CloseView.Counters, Notebooks.CloseView.CountersText);
        Html<IEnumerable<AbortNumbers>>(Notebooks.CloseView.Numbers, Notebooks.CloseView.NumbersText);
        Html<RstLab.Exercises.Feedback>(ExerciseView.Feedback, f => f.ToString());
        Html<RstLab.Exercises.Prediction>(ExerciseView.Prediction, p => p.ToString());
        Html<IEnumerable<RstLab.Exercises.NotebookProgress>>(ExerciseView.Progress, ps => string.Join("\n", ps.Select(p => $"{p.Notebook}: {p}")));
        ClosedPeer();
        Diagnosis();
        Html<LabBanner>(b => $"<div class=\"rstlab-note\">RST lab loaded from {System.Net.WebUtility.HtmlEncode(b.LibraryPath)}; charts draw offline.{(b.Leftovers.Length > 0 ? " " + System.Net.WebUtility.HtmlEncode(b.Leftovers) : "")}{(b.StaleCapture.Length > 0 ? " " + System.Net.WebUtility.HtmlEncode(b.StaleCapture) : "")}</div><script type=\"text/javascript\">{LabNotebook.PlotlyJs()}</script>",
            b => $"RST lab loaded from {b.LibraryPath}{(b.Leftovers.Length > 0 ? ". " + b.Leftovers : "")}{(b.StaleCapture.Length > 0 ? ". " + b.StaleCapture : "")}");
    }

    /// <summary>A chart as HTML that uses the plotly.js the first cell loaded (no CDN); says so if it is missing.</summary>
    public static string Chart(GenericChart chart)
    {
        var html = GenericChart.toChartHTML(chart);
        return "<script type=\"text/javascript\">if (typeof Plotly === 'undefined') { document.currentScript.insertAdjacentHTML('afterend', '<div>plotly.js is not loaded: run the first cell of this notebook again.</div>'); }</script>" + html;
    }

    // 03-closed-peer: write results, buffer measurements, the SIGPIPE child, dead-peer polling, where the bytes went.
    static void ClosedPeer()
    {
        Html<ClosedPeerRun>(r => Notebooks.HtmlView.Outcomes(r.Steps), r => string.Join("\n", r.Steps));
        Html<SendBufferFill>(f => ClosedPeerViews.Fills([f]), f => f.ToString());
        Html<IEnumerable<SendBufferFill>>(ClosedPeerViews.Fills, fs => string.Join("\n", fs));
        Html<SigPipeRun>(r => ClosedPeerViews.SigPipe([r]), r => r.ToString());
        Html<IEnumerable<SigPipeRun>>(ClosedPeerViews.SigPipe, rs => string.Join("\n", rs));
        Html<ClosedPeerDelivery>(d => ClosedPeerViews.Deliveries([d]), d => d.ToString());
        Html<IEnumerable<ClosedPeerDelivery>>(ClosedPeerViews.Deliveries, ds => string.Join("\n", ds));
        Html<BufferLimits>(l => Notebooks.HtmlView.Note(l.ToString()), l => l.ToString());
    }

    // 05-diagnose: diagnoses, recordings against their labels, causes beside the kernel's reasons, the mystery.
    static void Diagnosis()
    {
        Html<IEnumerable<RstLab.Diagnosis.ResetDiagnosis>>(DiagnosisView.Diagnoses, DiagnosisView.DiagnosesText);
        Html<IEnumerable<RstLab.Diagnosis.RecordingVerdict>>(DiagnosisView.Verdicts, DiagnosisView.VerdictsText);
        Html<IEnumerable<RstLab.Diagnosis.TracedDiagnosis>>(DiagnosisView.Traced, DiagnosisView.TracedText);
        Html<Mystery>(DiagnosisView.Mystery, DiagnosisView.MysteryText);
        Html<IEnumerable<MysteryAnswer>>(DiagnosisView.Answers, DiagnosisView.AnswersText);
    }

    static void Html<T>(Func<T, string> html, Func<T, string> text)
    {
        Formatter.Register<T>((value, writer) => writer.Write(html(value)), HtmlFormatter.MimeType);
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), PlainTextFormatter.MimeType);
    }
}
