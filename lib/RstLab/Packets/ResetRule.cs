using RstLab.Evidence;

namespace RstLab.Packets;

/// <summary>RFC 793/9293's rule (§3.10.7.1) for the reset a kernel sends when a segment belongs to no connection: which flags, seq and ack it must carry.</summary>
public static class ResetRule
{
    /// <summary>The reset a segment for no connection draws: none for a RST; <c>[R]</c> seq = SEG.ACK if it carried an ACK; else <c>[R.]</c> seq 0, ack = SEG.SEQ + SEG.LEN.</summary>
    public static ExpectedSegment? For(TcpSegment incoming)
    {
        Guard.NotNull(incoming);
        if (incoming.IsRst)
            return null;
        if (incoming.Flags.HasFlag(TcpFlags.Ack))
            return new ExpectedSegment(null, TcpFlags.Rst)
            {
                Sequence = incoming.Acknowledgment,
                Why = $"it carried an ACK, so the reset takes seq = SEG.ACK = {incoming.Acknowledgment} and carries no ACK",
            };
        var ack = unchecked(incoming.Sequence + incoming.SequenceLength);
        return new ExpectedSegment(null, TcpFlags.RstAck)
        {
            Sequence = 0,
            Acknowledgment = ack,
            Why = $"it carried no ACK, so the reset takes seq = 0 and ack = SEG.SEQ + SEG.LEN = {incoming.Sequence} + {incoming.SequenceLength} = {ack}",
        };
    }

    /// <summary>The reset the rule demands for a table row, from the row's receiver: <c>[R.] seq 0, ack ISN + 1</c> for a client's SYN.</summary>
    public static ExpectedSegment? For(PacketRow incoming)
    {
        Guard.NotNull(incoming);
        return For(incoming.Segment) is { } reset ? reset with { FromClient = !incoming.FromClient } : null;
    }
}
