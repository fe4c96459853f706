namespace RstLab.Diagnosis;

/// <summary>The TTLs (hop limits) each host's ordinary segments arrived with: a reset with another TTL came from somewhere else.</summary>
internal sealed class HostTtls
{
    const int MaxHosts = 65536;
    readonly Dictionary<(UInt128, bool), UInt128[]> _seen = [];

    public void Record(UInt128 host, bool ipv6, byte ttl)
    {
        if (!_seen.TryGetValue((host, ipv6), out var bits))
        {
            // Bounded: a capture of more hosts than this forgets the oldest picture rather than grow without end.
            if (_seen.Count >= MaxHosts)
                _seen.Clear();
            _seen[(host, ipv6)] = bits = new UInt128[2];
        }
        bits[ttl >> 7] |= UInt128.One << (ttl & 127);
    }

    /// <summary>The TTLs seen from the host, lowest first (empty when none).</summary>
    public IReadOnlyList<int> Of(UInt128 host, bool ipv6)
    {
        if (!_seen.TryGetValue((host, ipv6), out var bits))
            return [];
        return Enumerable.Range(0, 256).Where(t => (bits[t >> 7] & (UInt128.One << (t & 127))) != 0).ToList();
    }
}
