namespace RstLab.Packets;

/// <summary>Explains a segment in one sentence; for a RST, names the rule that produced its seq and ack.</summary>
internal static class Notes
{
    public static string Explain(TcpSegment s, bool fromClient, Conversation c)
    {
        var side = fromClient ? "client" : "server";
        var f = s.Flags;
        if (f.HasFlag(TcpFlags.Rst))
            return ExplainRst(s, fromClient, c);
        if (f.HasFlag(TcpFlags.Syn) && !f.HasFlag(TcpFlags.Ack))
            return $"{side} opens: its initial sequence number (ISN) is {s.Sequence}";
        if (f.HasFlag(TcpFlags.Syn))
            return $"{side} accepts: ISN {s.Sequence}, acknowledges the SYN (ack = peer ISN + 1)";
        if (f.HasFlag(TcpFlags.Fin))
            return $"{side} closes gracefully: no more data from it" + (s.PayloadLength > 0 ? $" (after {s.PayloadLength} bytes)" : "");
        if (s.PayloadLength > 0)
            return $"{s.PayloadLength} bytes of data from the {side}";
        // A keepalive (or zero-window) probe re-sends the last byte's sequence number (snd.una - 1) with no data, so the peer must answer.
        if (f == TcpFlags.Ack && c.NextSequence(fromClient) is uint own && s.Sequence == unchecked(own - 1))
            return $"probe from the {side}: no data, seq one below what the peer has acknowledged, so the peer must answer (keepalive, or a zero-window probe)";
        var peer = c.LastFrom(!fromClient);
        if (peer is not null && peer.Flags.HasFlag(TcpFlags.Syn) && peer.Flags.HasFlag(TcpFlags.Ack))
            return "handshake complete: the connection is established";
        if (peer is not null && peer.Flags.HasFlag(TcpFlags.Fin) && s.Acknowledgment == unchecked(peer.Sequence + peer.SequenceLength))
            return $"{side} acknowledges the FIN";
        return "acknowledgment";
    }

    static string ExplainRst(TcpSegment rst, bool fromClient, Conversation c)
    {
        var side = fromClient ? "client" : "server";
        var trigger = c.LastFrom(!fromClient);
        var hasAck = rst.Flags.HasFlag(TcpFlags.Ack);
        if (trigger is not null && ResetRule.For(trigger) is { } rule && rule.IsMetBy(rst))
        {
            if (!hasAck)
                return $"RST from the {side}'s kernel: no connection accepts this segment. It carried an ACK, so RFC 9293 §3.10.7.1 sets seq = SEG.ACK = {rst.Sequence} and no ACK flag";
            var what = trigger.Flags.HasFlag(TcpFlags.Syn) ? "no socket listens on this port" : "no connection owns this segment";
            var carrier = trigger.Flags.HasFlag(TcpFlags.Syn) ? "The SYN" : "It";
            return $"RST from the {side}'s kernel: {what}. {carrier} carried no ACK, so RFC 9293 §3.10.7.1 sets seq = 0 and ack = SEG.SEQ + SEG.LEN = {trigger.Sequence} + {trigger.SequenceLength} = {rst.Acknowledgment}";
        }
        var next = c.NextSequence(fromClient);
        var peerNext = c.NextSequence(!fromClient);
        if (next is uint n && rst.Sequence == n)
        {
            var ackPart = hasAck && peerNext is uint p
                ? rst.Acknowledgment == p
                    ? $", ack = all it received (rcv.nxt {p})"
                    : $", ack {rst.Acknowledgment} = what it had received (rcv.nxt) when it reset"
                : "";
            return $"RST from the {side}: it aborts the connection. seq = its next sequence number (snd.nxt {n}){ackPart}";
        }
        return $"RST from the {side}: seq {rst.Sequence}" + (hasAck ? $", ack {rst.Acknowledgment}" : ", no ACK flag");
    }
}
