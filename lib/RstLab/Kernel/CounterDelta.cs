namespace RstLab.Kernel;

/// <summary>How the kernel's counters moved between two snapshots.</summary>
public sealed class CounterDelta
{
    internal CounterDelta(CounterSnapshot before, CounterSnapshot after)
    {
        Before = before;
        After = after;
        Changes = after.Values
            .Where(kv => before.Values.TryGetValue(kv.Key, out var old) && old != kv.Value)
            .Select(kv => new CounterChange(kv.Key, before.Values[kv.Key], kv.Value, CounterCatalog.Explain(kv.Key)))
            .OrderByDescending(c => c.Explanation is not null)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The snapshot before the experiment.</summary>
    public CounterSnapshot Before { get; }

    /// <summary>The snapshot after it.</summary>
    public CounterSnapshot After { get; }

    /// <summary>Every counter that changed; RST-related ones (with an explanation) first.</summary>
    public IReadOnlyList<CounterChange> Changes { get; }

    /// <summary>True when both snapshots come from one of the lab's private namespaces: a move is exactly the experiment's; else other traffic can add to it.</summary>
    public bool Exact => Before.Private && After.Private;

    /// <summary>The RST-related counters that changed.</summary>
    public IEnumerable<CounterChange> RstRelated => Changes.Where(c => c.Explanation is not null);

    /// <summary>How much a counter moved (0 if it did not), by full or short name.</summary>
    public long this[string name]
    {
        get
        {
            var full = CounterCatalog.FullName(name, After.Values.Keys);
            return After.Values[full] - Before.Values.GetValueOrDefault(full);
        }
    }
}

/// <summary>One counter that moved.</summary>
/// <param name="Name">Full name, e.g. <c>Tcp.OutRsts</c>.</param>
/// <param name="Before">Value before.</param>
/// <param name="After">Value after.</param>
/// <param name="Explanation">What the counter counts, for RST-related counters; null for the rest.</param>
public sealed record CounterChange(string Name, long Before, long After, string? Explanation)
{
    /// <summary>After minus before.</summary>
    public long Delta => After - Before;
}
