namespace RstLab.Cli.Recording;

/// <summary>How a new recording differs from the committed one: packets, and each connection's flags.</summary>
/// <param name="Name">The recording, e.g. <c>01-refused</c>.</param>
/// <param name="OldPackets">Packets in the committed recording, or null when there is none.</param>
/// <param name="NewPackets">Packets in the new one.</param>
/// <param name="Connections">Per connection: the committed flags and the new (null where that side has no such connection).</param>
public sealed record RecordingChange(string Name, int? OldPackets, int NewPackets, IReadOnlyList<(string? Old, string? New)> Connections)
{
    /// <summary>Compares the recording <paramref name="name"/> in <paramref name="staged"/> with the one in <paramref name="committed"/>.</summary>
    public static RecordingChange Compare(string staged, string committed, string name)
    {
        var (fresh, packets) = ConnectionFlags.Of(Path.Combine(staged, name + ".pcap"));
        var oldPath = Path.Combine(committed, name + ".pcap");
        (IReadOnlyList<string> Connections, int Packets)? old = File.Exists(oldPath) ? ConnectionFlags.Of(oldPath) : null;
        var count = Math.Max(fresh.Count, old?.Connections.Count ?? 0);
        var connections = Enumerable.Range(0, count)
            .Select(i => (old is { } o && i < o.Connections.Count ? o.Connections[i] : null, i < fresh.Count ? fresh[i] : null)).ToList();
        return new RecordingChange(name, old?.Packets, packets, connections);
    }

    /// <summary>Connections whose flags differ, bare ACKs aside.</summary>
    public IEnumerable<(int Number, string? Old, string? New)> Changed =>
        Connections.Select((c, i) => (Number: i + 1, c.Old, c.New))
            .Where(c => c.Old is null || c.New is null || ConnectionFlags.WithoutBareAcks(c.Old) != ConnectionFlags.WithoutBareAcks(c.New));

    /// <summary>One phrase: <c>new</c>, <c>same flags</c>, or how many connections changed.</summary>
    public string Summary =>
        OldPackets is null ? "new recording"
        : Changed.Any() ? $"{Changed.Count()} of {Connections.Count} connections changed"
        : (Connections.Count == 1 ? "same flags in its one connection" : $"same flags in all {Connections.Count} connections")
            + (Connections.All(c => c.Old == c.New) ? "" : " (bare ACKs aside)");
}
