using RstLab.Kernel;

namespace RstLab.Scenarios;

/// <summary>Closes side by side: each one's packets, ladder, the client's calls and the socket table afterwards, with the RST counters compared.</summary>
public sealed class CloseComparison
{
    /// <summary>The counters that tell the closes apart.</summary>
    public static readonly string[] CloseCounters = ["Tcp.OutRsts", "Tcp.EstabResets", "TcpExt.TCPAbortOnData", "TcpExt.TCPAbortOnClose"];

    CloseComparison(IReadOnlyList<(string Title, Experiment Experiment)> closes)
    {
        Closes = closes;
        Counters = CounterComparison.Of(
            closes.Select(c => (c.Title, c.Experiment.Counters!)).ToList(),
            closes.All(c => c.Experiment.Counters!.Exact),
            CloseCounters);
    }

    /// <summary>The closes, titled, in column order.</summary>
    public IReadOnlyList<(string Title, Experiment Experiment)> Closes { get; }

    /// <summary>The RST counters of each close.</summary>
    public CounterComparison Counters { get; }

    /// <summary>Compares finished (disposed) experiments, each with a title such as "graceful close".</summary>
    public static CloseComparison Of(params (string Title, Experiment Experiment)[] closes)
    {
        Guard.NotNull(closes);
        if (closes.Length == 0)
            throw new LabArgumentException("Compare at least one close.", nameof(closes));
        var running = closes.FirstOrDefault(c => c.Experiment is null || c.Experiment.Counters is null);
        if (running != default)
            throw new InvalidOperationException($"'{running.Title}' has not finished: compare an experiment after its using block or Dispose() (it has ended).");
        return new CloseComparison(closes);
    }
}
