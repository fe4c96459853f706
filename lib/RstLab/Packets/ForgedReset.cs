using RstLab.Capture;

namespace RstLab.Packets;

/// <summary>A bare RST that claims to come from the server of a captured connection, aimed at its client: what an attacker off the path must guess.</summary>
public static class ForgedReset
{
    /// <summary>The TTL the forged resets arrive with: the attacker sits some hops away, so it differs from the real server's 64.</summary>
    public const byte AttackerTtl = 50;

    /// <summary>A bare <c>[R]</c> from the server's address and port to the client's, with seq = the server's next sequence number (the client's rcv.nxt) plus <paramref name="offset"/>, window 0 and TTL <see cref="AttackerTtl"/>.</summary>
    /// <param name="packets">The connection's capture so far; its last segment from the server gives the addresses and snd.nxt.</param>
    /// <param name="offset">How far from rcv.nxt: 0 is exact, a little more lands in the client's window, a lot more lands beyond it.</param>
    public static Frame Into(PacketTable packets, long offset = 0)
    {
        Guard.NotNull(packets);
        var last = packets.Rows.LastOrDefault(r => !r.FromClient && !r.IsRst)?.Segment
            ?? throw new LabArgumentException("The capture holds no segment from the server yet: forge the reset once the connection is up.", nameof(packets));
        var next = unchecked((uint)(last.Sequence + last.SequenceLength + offset));
        return SegmentForge.Build(last.Source, last.Destination, TcpFlags.Rst, sequence: next, window: 0, ttl: AttackerTtl);
    }
}
