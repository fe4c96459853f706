namespace RstLab.Kernel;

/// <summary>How one host's counters moved: for the lab's namespace hosts, each namespace counts only its own traffic.</summary>
/// <param name="Host">What the host is in the story, e.g. <c>client</c> or <c>server (after the reboot)</c>.</param>
/// <param name="Namespace">The network namespace it read (<c>rstlab-…</c>), or <c>host</c> for this machine's own.</param>
/// <param name="Delta">The counters' changes.</param>
public sealed record HostCounters(string Host, string Namespace, CounterDelta Delta)
{
    /// <summary>How much a counter moved on this host, by full or short name.</summary>
    public long this[string name] => Delta[name];
}
