using Plotly.NET;
using Plotly.NET.CSharp;
using RstLab.Scenarios;
using RstLab.Sockets;
using Chart = Plotly.NET.CSharp.Chart;

namespace RstLab.Charts;

/// <summary>Plotly.NET charts of the lab's measurements; they take data, never run an experiment.</summary>
public static class LabCharts
{
    /// <summary>Refusal latency per attempt: SYN→RST from the capture and the whole connect() call as the application saw it, in microseconds.</summary>
    public static GenericChart RefusalLatency(IReadOnlyList<RefusalLatency> wire, IReadOnlyList<SocketOutcome> calls)
    {
        Guard.NotNull(wire);
        Guard.NotNull(calls);
        var charts = new List<GenericChart>();
        if (wire.Count > 0)
            charts.Add(Chart.Line<int, double, string>(
                x: wire.Select(w => w.Attempt).ToArray(),
                y: wire.Select(w => w.Microseconds).ToArray(),
                Name: "SYN → RST on the wire (capture timestamps)",
                ShowMarkers: true));
        if (calls.Count > 0)
            charts.Add(Chart.Line<int, double, string>(
                x: Enumerable.Range(1, calls.Count).ToArray(),
                y: calls.Select(c => c.Elapsed.TotalMicroseconds).ToArray(),
                Name: "connect() call, start to ConnectionRefused",
                ShowMarkers: true));
        if (charts.Count == 0)
            throw new LabArgumentException("Nothing to plot: no refused attempts were measured.");
        // Log scale: the wire's few microseconds and a cold first connect() (JIT) differ by orders of magnitude.
        return Titled(Chart.Combine(charts), "How long the kernel took to refuse, attempt by attempt", "attempt", "microseconds (log scale)", StyleParam.AxisType.Log);
    }

    internal static GenericChart Titled(GenericChart chart, string title, string x, string y, StyleParam.AxisType? yAxis = null) =>
        Plotly.NET.Chart.withTitle(title, null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: x)
            .WithYAxisStyle<double, double, string>(TitleText: y, AxisType: yAxis ?? StyleParam.AxisType.Linear)
            .WithSize(Width: 800, Height: 420);
}
