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

/// <summary>The HTML and plain-text view of every type a notebook displays: registered as .NET Interactive formatters in a kernel, used directly by the file-based apps.</summary>
public static class Formatters
{
    static readonly Lazy<ViewList> Views = new(All);

    /// <summary>Registers the formatters with .NET Interactive (idempotent: a rerun replaces them).</summary>
    public static void Register()
    {
        foreach (var view in Views.Value)
            view.Register();
    }

    /// <summary>The plain-text view of <paramref name="value"/>: the one a notebook's text/plain output shows, or null for a type the lab has no view for.</summary>
    public static string? Text(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // The most specific view, as .NET Interactive picks it: the exact type, then a class, then an interface.
        var type = value.GetType();
        var view = Views.Value.FirstOrDefault(v => v.Type == type)
            ?? Views.Value.FirstOrDefault(v => !v.Type.IsInterface && v.Type.IsInstanceOfType(value))
            ?? Views.Value.FirstOrDefault(v => v.Type.IsInstanceOfType(value));
        return view?.Text(value);
    }

    static ViewList All()
    {
        var views = new ViewList();
        views.Html<PacketTable>(t => Notebooks.HtmlView.Packets(t), t => Notebooks.TextView.Packets(t));
        views.Html<WireCapture>(w => Notebooks.HtmlView.Packets(w.Packets), w => Notebooks.TextView.Packets(w.Packets));
        views.Html<SocketOutcome>(Notebooks.HtmlView.Outcome, o => o.ToString());
        views.Html<IEnumerable<SocketOutcome>>(os => Notebooks.HtmlView.Outcomes(os), os => string.Join("\n", os));
        views.Html<CounterDelta>(d => Notebooks.HtmlView.Counters(d), d => string.Join("\n", d.RstRelated.Select(c => $"{c.Name} +{c.Delta}: {c.Explanation}")));
        views.Html<IEnumerable<SocketEntry>>(Notebooks.HtmlView.Sockets, es => string.Join("\n", es.Select(e => $"{e.State.ToText()} Recv-Q {e.ReceiveQueue} Send-Q {e.SendQueue} {e.Local} {e.Remote}")));
        views.Html<IEnumerable<Capability>>(Notebooks.HtmlView.Capabilities, cs => string.Join("\n", cs.Select(c => $"{(c.Available ? "yes" : "NO ")} {c.Name}: {c.Detail} {c.Remedy}")));
        views.Html<SocketEntry>(e => Notebooks.HtmlView.Sockets([e]), e => $"{e.State.ToText()} Recv-Q {e.ReceiveQueue} Send-Q {e.SendQueue} {e.Local} {e.Remote}");
        views.Html<RstLab.Evidence.Checks>(Notebooks.HtmlView.Checks, c => string.Join("\n", c.Results.Select(r => r.Holds ? $"✓ {r.Claim} ({r.Observed})" : r.Diff())));
        views.Html<Errno>(x => System.Net.WebUtility.HtmlEncode(x.ToString()) + "<br>" + System.Net.WebUtility.HtmlEncode(x.Cause), x => x.ToString());
        views.Html<CallLog>(ExperimentView.Calls, ExperimentView.CallsText);
        views.Html<Experiment>(ExperimentView.Experiment, ExperimentView.ExperimentText);
        views.Html<TcpFlags>(f => f.ToText(), f => f.ToText());
        views.Html<TcpState>(s => s.ToText(), s => s.ToText());
        views.Html<LadderDiagram>(d => d.ToSvg(), d => d.ToText());
        views.Html<RebootedPeer>(RebootedPeerView.Html, RebootedPeerView.Text);
        views.Html<IEnumerable<HostCounters>>(RebootedPeerView.Html, RebootedPeerView.Text);
        views.Html<ForgedSegments>(RebootedPeerView.Html, RebootedPeerView.Text);
        views.Html<IEnumerable<ForgedAnswer>>(RebootedPeerView.Html, RebootedPeerView.Text);
        views.Html<GenericChart>(c => PlotlyFor(CSharpCells.Current()) + Chart(c), _ => "(a chart: open the notebook in VS Code or Jupyter to see it)");
        views.Html<CloseComparison>(Notebooks.CloseView.Comparison, Notebooks.CloseView.ComparisonText);
        views.Html<CounterComparison>(Notebooks.CloseView.Counters, Notebooks.CloseView.CountersText);
        views.Html<IEnumerable<AbortNumbers>>(Notebooks.CloseView.Numbers, Notebooks.CloseView.NumbersText);
        views.Html<RstLab.Exercises.Feedback>(ExerciseView.Feedback, f => f.ToString());
        views.Html<RstLab.Exercises.Prediction>(ExerciseView.Prediction, p => p.ToString());
        views.Html<IEnumerable<RstLab.Exercises.NotebookProgress>>(ExerciseView.Progress, ps => string.Join("\n", ps.Select(p => $"{p.Notebook}: {p}")));
        ClosedPeer(views);
        Diagnosis(views);
        views.Html<LabBanner>(b => $"<div class=\"rstlab-note\">RST lab loaded from {System.Net.WebUtility.HtmlEncode(b.LibraryPath)}; charts draw offline.{(b.Leftovers.Length > 0 ? " " + System.Net.WebUtility.HtmlEncode(b.Leftovers) : "")}{(b.StaleCapture.Length > 0 ? " " + System.Net.WebUtility.HtmlEncode(b.StaleCapture) : "")}</div>",
            b => $"RST lab loaded from {b.LibraryPath}{(b.Leftovers.Length > 0 ? ". " + b.Leftovers : "")}{(b.StaleCapture.Length > 0 ? ". " + b.StaleCapture : "")}");
        return views;
    }

    /// <summary>A chart as HTML that uses plotly.js from the page (no CDN; <see cref="PlotlyFor"/> puts it there); says so if it is missing.</summary>
    public static string Chart(GenericChart chart)
    {
        var html = GenericChart.toChartHTML(chart);
        return "<script type=\"text/javascript\">if (typeof Plotly === 'undefined') { document.currentScript.insertAdjacentHTML('afterend', "
            + "'<div>plotly.js is not loaded: run the first cell of this notebook, then this one again.</div>'); }</script>" + html;
    }

    // plotly.js is 3.6 MB: only a notebook that draws a chart carries it, once (a page without charts loads a third faster).
    static string? _plotlyCarrier;
    static readonly Lock PlotlyLock = new();

    /// <summary>plotly.js as a script for the first cell since <see cref="LabNotebook.Load"/> to show a chart, and for that cell when it runs again
    /// (its new output replaces the one that carried it); empty for every other cell.</summary>
    /// <param name="cell">The code of the cell that shows the chart.</param>
    public static string PlotlyFor(string cell)
    {
        lock (PlotlyLock)
        {
            if (_plotlyCarrier is not null && _plotlyCarrier != cell)
                return "";
            _plotlyCarrier = cell;
        }
        return $"<script type=\"text/javascript\">{LabNotebook.PlotlyJs()}</script>";
    }

    /// <summary>Forgets which cell carried plotly.js, so that the next chart carries it: the notebook starts again.</summary>
    public static void ForgetPlotly()
    {
        lock (PlotlyLock)
            _plotlyCarrier = null;
    }

    // 03-closed-peer: write results, buffer measurements, the SIGPIPE child, dead-peer polling, where the bytes went.
    static void ClosedPeer(ViewList views)
    {
        views.Html<ClosedPeerRun>(r => Notebooks.HtmlView.Outcomes(r.Steps), r => string.Join("\n", r.Steps));
        views.Html<SendBufferFill>(f => ClosedPeerViews.Fills([f]), f => f.ToString());
        views.Html<IEnumerable<SendBufferFill>>(ClosedPeerViews.Fills, fs => string.Join("\n", fs));
        views.Html<SigPipeRun>(r => ClosedPeerViews.SigPipe([r]), r => r.ToString());
        views.Html<IEnumerable<SigPipeRun>>(ClosedPeerViews.SigPipe, rs => string.Join("\n", rs));
        views.Html<ClosedPeerDelivery>(d => ClosedPeerViews.Deliveries([d]), d => d.ToString());
        views.Html<IEnumerable<ClosedPeerDelivery>>(ClosedPeerViews.Deliveries, ds => string.Join("\n", ds));
        views.Html<BufferLimits>(l => Notebooks.HtmlView.Note(l.ToString()), l => l.ToString());
    }

    // 05-diagnose: diagnoses, recordings against their labels, causes beside the kernel's reasons, the mystery.
    static void Diagnosis(ViewList views)
    {
        views.Html<IEnumerable<RstLab.Diagnosis.ResetDiagnosis>>(DiagnosisView.Diagnoses, DiagnosisView.DiagnosesText);
        views.Html<IEnumerable<RstLab.Diagnosis.RecordingVerdict>>(DiagnosisView.Verdicts, DiagnosisView.VerdictsText);
        views.Html<IEnumerable<RstLab.Diagnosis.TracedDiagnosis>>(DiagnosisView.Traced, DiagnosisView.TracedText);
        views.Html<Mystery>(DiagnosisView.Mystery, DiagnosisView.MysteryText);
        views.Html<IEnumerable<MysteryAnswer>>(DiagnosisView.Answers, DiagnosisView.AnswersText);
    }

    sealed class ViewList : List<View>
    {
        public void Html<T>(Func<T, string> html, Func<T, string> text) => Add(new View<T>(html, text));
    }

    abstract record View(Type Type)
    {
        public abstract string Text(object value);

        // Only this method touches .NET Interactive: a file-based app, which has no Interactive assemblies, never calls it.
        public abstract void Register();
    }

    sealed record View<T>(Func<T, string> Html, Func<T, string> PlainText) : View(typeof(T))
    {
        public override string Text(object value) => PlainText((T)value);

        public override void Register()
        {
            Formatter.Register<T>((value, writer) => writer.Write(Html(value)), HtmlFormatter.MimeType);
            Formatter.Register<T>((value, writer) => writer.Write(PlainText(value)), PlainTextFormatter.MimeType);
        }
    }
}
