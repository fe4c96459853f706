using Plotly.NET;
using Plotly.NET.CSharp;
using RstLab.Scenarios;
using Chart = Plotly.NET.CSharp.Chart;

namespace RstLab.Charts;

/// <summary>Plotly.NET charts of what <c>write()</c> accepted against buffer sizes; they take <see cref="SendBufferFill"/> measurements, never run one.</summary>
public static class SendBufferCharts
{
    /// <summary>The article's run on macOS: 26 writes of 5000 bytes succeeded (130000 bytes), the 27th raised SIGPIPE.</summary>
    public const int ArticleWrites = 26;

    /// <summary>Cumulative bytes accepted after each write call, one line per measurement, with the article's 26 writes for comparison: each line flattens where the calls return EAGAIN, where a blocking <c>write()</c> would block.</summary>
    public static GenericChart PerWrite(IEnumerable<SendBufferFill> fills, bool withArticle = true)
    {
        Guard.NotNull(fills);
        var charts = fills.Select(f => Chart.Line<int, long, string>(
            x: Enumerable.Range(1, f.Calls.Count).ToArray(),
            y: f.Calls.ToArray(),
            Name: Short(f),
            ShowMarkers: f.Calls.Count <= 80)).ToList();
        if (charts.Count == 0)
            throw new LabArgumentException("Nothing to plot: pass at least one measurement.", nameof(fills));
        if (withArticle)
            charts.Add(Chart.Point<int, long, string>(
                x: [ArticleWrites],
                y: [(long)ArticleWrites * SendBufferSweep.ArticleChunk],
                Name: "the article (macOS, peer closed): 26 writes, 130000 bytes, then SIGPIPE",
                Marker: ArticleMarker()));
        return Below(LabCharts.Titled(Chart.Combine(charts), "Bytes write() accepted, call by call, to a peer that never reads", "write call (non-blocking; flat where it returned EAGAIN)", "bytes accepted so far"));
    }

    /// <summary>Bytes accepted before <c>write()</c> would block against the requested <c>SO_SNDBUF</c> (log–log), with the effective (doubled) value read back, the client's Send-Q and the peer's Recv-Q at the plateau, and the autotuned total for comparison.</summary>
    public static GenericChart AgainstSendBuffer(IReadOnlyList<SendBufferFill> sweep, SendBufferFill? autotuned = null)
    {
        var points = Requested(sweep, f => f.RequestedSend, "SO_SNDBUF");
        var x = points.Select(p => p.Size).ToArray();
        var charts = new List<GenericChart>
        {
            Chart.Line<int, long, string>(x: x, y: points.Select(p => p.Fill.Accepted).ToArray(), Name: "bytes accepted before write() would block", ShowMarkers: true),
            Chart.Line<int, long, string>(x: x, y: points.Select(p => (long)p.Fill.EffectiveSend).ToArray(), Name: "effective SO_SNDBUF (read back: doubled)", ShowMarkers: true, LineDash: StyleParam.DrawingStyle.Dot),
            Chart.Line<int, long, string>(x: x, y: points.Select(p => p.Fill.SendQueue).ToArray(), Name: "client Send-Q (not yet acknowledged)", ShowMarkers: true),
            Chart.Line<int, long, string>(x: x, y: points.Select(p => p.Fill.ReceiveQueue).ToArray(), Name: "peer Recv-Q (received, never read)", ShowMarkers: true),
        };
        if (autotuned is not null)
            charts.Add(Chart.Line<int, long, string>(x: [x.Min(), x.Max()], y: [autotuned.Accepted, autotuned.Accepted], Name: $"no SO_SNDBUF (autotuned to {autotuned.EffectiveSendAfter}): bytes accepted", LineDash: StyleParam.DrawingStyle.Dash));
        return Below(Logs(LabCharts.Titled(Chart.Combine(charts), "What the send buffer buys: bytes accepted against the SO_SNDBUF requested", "requested SO_SNDBUF (bytes, log scale)", "bytes (log scale)", StyleParam.AxisType.Log)));
    }

    /// <summary>Bytes accepted before <c>write()</c> would block against the peer's requested <c>SO_RCVBUF</c> (log–log), with the effective value read back and both queues at the plateau.</summary>
    public static GenericChart AgainstReceiveBuffer(IReadOnlyList<SendBufferFill> sweep)
    {
        var points = Requested(sweep, f => f.RequestedReceive, "SO_RCVBUF");
        var x = points.Select(p => p.Size).ToArray();
        var charts = new List<GenericChart>
        {
            Chart.Line<int, long, string>(x: x, y: points.Select(p => p.Fill.Accepted).ToArray(), Name: "bytes accepted before write() would block", ShowMarkers: true),
            Chart.Line<int, long, string>(x: x, y: points.Select(p => (long)p.Fill.EffectiveReceive).ToArray(), Name: "peer's effective SO_RCVBUF (read back: doubled)", ShowMarkers: true, LineDash: StyleParam.DrawingStyle.Dot),
            Chart.Line<int, long, string>(x: x, y: points.Select(p => p.Fill.ReceiveQueue).ToArray(), Name: "peer Recv-Q (received, never read)", ShowMarkers: true),
            Chart.Line<int, long, string>(x: x, y: points.Select(p => p.Fill.SendQueue).ToArray(), Name: "client Send-Q (not yet acknowledged)", ShowMarkers: true),
        };
        var send = points[0].Fill.RequestedSend is int s ? $"SO_SNDBUF {s}" : "no SO_SNDBUF";
        return Below(Logs(LabCharts.Titled(Chart.Combine(charts), $"What the peer's receive buffer buys (client: {send})", "peer's requested SO_RCVBUF (bytes, log scale)", "bytes (log scale)", StyleParam.AxisType.Log)));
    }

    // A big black cross: the article's run climbs the same 5000-bytes-a-call line, so only its end can stand out.
    static Plotly.NET.TraceObjects.Marker ArticleMarker()
    {
        var marker = new Plotly.NET.TraceObjects.Marker();
        marker.SetProperty("size", 16);
        marker.SetProperty("symbol", "x");
        marker.SetProperty("color", "black");
        return marker;
    }

    static IReadOnlyList<(int Size, SendBufferFill Fill)> Requested(IReadOnlyList<SendBufferFill> sweep, Func<SendBufferFill, int?> size, string option)
    {
        Guard.NotNull(sweep);
        if (sweep.Count == 0)
            throw new LabArgumentException("Nothing to plot: the sweep has no points.", nameof(sweep));
        if (sweep.Any(f => size(f) is null))
            throw new LabArgumentException($"Every point of this sweep needs a requested {option}; plot an autotuned measurement separately.", nameof(sweep));
        return sweep.Select(f => (size(f)!.Value, f)).OrderBy(p => p.Item1).ToList();
    }

    // The legend below the plot: the trace names are sentences, and beside the plot they squeeze it.
    static GenericChart Below(GenericChart chart) =>
        chart.WithLegendStyle(Orientation: StyleParam.Orientation.Vertical, X: 0.0, Y: -0.22, YAnchor: StyleParam.YAnchorPosition.Top)
            .WithSize(Width: 800, Height: 600);

    static GenericChart Logs(GenericChart chart) =>
        chart.WithXAxisStyle<double, double, string>(AxisType: StyleParam.AxisType.Log);

    static string Short(SendBufferFill f) =>
        (f.RequestedSend is int s ? $"SO_SNDBUF {s} (→ {f.EffectiveSend})" : $"no SO_SNDBUF (autotuned to {f.EffectiveSendAfter})") +
        (f.RequestedReceive is int r ? $", peer SO_RCVBUF {r}" : "") + $": {f.Accepted} bytes in {f.Writes} writes, then EAGAIN";
}
