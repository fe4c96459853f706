using RstLab.Packets;

namespace RstLab.Scenarios;

/// <summary>How long the kernel took to refuse: from each bare SYN to the RST that answered it, read from capture timestamps.</summary>
/// <param name="Attempt">1-based attempt (connection) number.</param>
/// <param name="ClientPort">The client's ephemeral port.</param>
/// <param name="Microseconds">SYN to RST, in microseconds.</param>
public sealed record RefusalLatency(int Attempt, int ClientPort, double Microseconds)
{
    /// <summary>One entry per connection in <paramref name="packets"/> whose SYN was answered by a RST.</summary>
    public static IReadOnlyList<RefusalLatency> From(PacketTable packets)
    {
        Guard.NotNull(packets);
        var result = new List<RefusalLatency>();
        for (var c = 1; c <= packets.ConnectionCount; c++)
        {
            var rows = packets.Connection(c).ToList();
            var syn = rows.FirstOrDefault(r => r.Flags == TcpFlags.Syn);
            var rst = syn is null ? null : rows.FirstOrDefault(r => r.IsRst && r.Number > syn.Number);
            if (syn is not null && rst is not null)
                result.Add(new RefusalLatency(result.Count + 1, syn.Segment.Source.Port, (rst.Segment.Time - syn.Segment.Time).TotalMicroseconds));
        }
        return result;
    }
}
