namespace RstLab.Kernel;

/// <summary>Chosen counters' deltas for several runs side by side: one row per counter, one column per run.</summary>
/// <param name="Runs">The runs' names, in column order.</param>
/// <param name="Rows">One row per counter.</param>
/// <param name="Private">True when every delta was taken in a private namespace, so a 0 means the run did not move the counter.</param>
public sealed record CounterComparison(IReadOnlyList<string> Runs, IReadOnlyList<CounterComparisonRow> Rows, bool Private)
{
    /// <summary>Compares <paramref name="counters"/> (short or full names) across <paramref name="runs"/>.</summary>
    public static CounterComparison Of(IReadOnlyList<(string Run, CounterDelta Delta)> runs, bool isPrivate, params string[] counters)
    {
        Guard.NotNull(runs);
        Guard.NotNull(counters);
        if (runs.Count == 0)
            throw new LabArgumentException("Compare at least one run.", nameof(runs));
        if (counters.Length == 0)
            throw new LabArgumentException("Name at least one counter to compare.", nameof(counters));
        var rows = counters.Select(c =>
        {
            var full = CounterCatalog.FullName(c, runs[0].Delta.After.Values.Keys);
            return new CounterComparisonRow(full, CounterCatalog.Explain(full), runs.Select(r => r.Delta[full]).ToList());
        }).ToList();
        return new CounterComparison(runs.Select(r => r.Run).ToList(), rows, isPrivate);
    }

    /// <summary>The delta of <paramref name="counter"/> in run <paramref name="run"/>.</summary>
    public long this[string counter, string run]
    {
        get
        {
            var column = Runs.ToList().IndexOf(run);
            if (column < 0)
                throw new KeyNotFoundException($"No run named '{run}'; the runs are {string.Join(", ", Runs)}.");
            var row = Rows.FirstOrDefault(r => r.Counter == counter || r.Counter.EndsWith("." + counter, StringComparison.Ordinal))
                ?? throw new KeyNotFoundException($"Counter '{counter}' is not compared; the counters are {string.Join(", ", Rows.Select(r => r.Counter))}.");
            return row.Deltas[column];
        }
    }
}

/// <summary>One counter across the compared runs.</summary>
/// <param name="Counter">Full name, e.g. <c>TcpExt.TCPAbortOnData</c>.</param>
/// <param name="Explanation">What it counts (null for counters outside the RST catalog).</param>
/// <param name="Deltas">How much it moved in each run, in column order.</param>
public sealed record CounterComparisonRow(string Counter, string? Explanation, IReadOnlyList<long> Deltas);
