namespace RstLab.Packets;

/// <summary>RFC 793/9293's rule (§3.10.7.1) for the reset a kernel sends when a segment belongs to no connection: which flags, seq and ack it must carry.</summary>
public static class ResetRule
{
    /// <summary>The reset a segment for no connection draws: none for a RST; <c>[R]</c> seq = SEG.ACK if it carried an ACK; else <c>[R.]</c> seq 0, ack = SEG.SEQ + SEG.LEN.</summary>
    public static ExpectedReset? For(TcpSegment incoming)
    {
        Guard.NotNull(incoming);
        if (incoming.IsRst)
            return null;
        if (incoming.Flags.HasFlag(TcpFlags.Ack))
            return new ExpectedReset(TcpFlags.Rst, incoming.Acknowledgment, 0,
                $"it carried an ACK, so the reset takes seq = SEG.ACK = {incoming.Acknowledgment} and carries no ACK");
        var ack = unchecked(incoming.Sequence + incoming.SequenceLength);
        return new ExpectedReset(TcpFlags.Rst | TcpFlags.Ack, 0, ack,
            $"it carried no ACK, so the reset takes seq = 0 and ack = SEG.SEQ + SEG.LEN = {incoming.Sequence} + {incoming.SequenceLength} = {ack}");
    }
}

/// <summary>The reset the rule demands.</summary>
/// <param name="Flags">RST, with ACK only when the incoming segment had none.</param>
/// <param name="Sequence">The reset's seq.</param>
/// <param name="Acknowledgment">The reset's ack (0 and not sent when <paramref name="Flags"/> has no ACK).</param>
/// <param name="Why">The rule in words, with the numbers.</param>
public sealed record ExpectedReset(TcpFlags Flags, uint Sequence, uint Acknowledgment, string Why)
{
    /// <summary>True when <paramref name="reset"/> carries exactly these flags (RST and ACK; PSH and others ignored), seq, and, with ACK, ack.</summary>
    public bool IsMetBy(TcpSegment reset)
    {
        Guard.NotNull(reset);
        var relevant = reset.Flags & (TcpFlags.Rst | TcpFlags.Ack | TcpFlags.Syn | TcpFlags.Fin);
        return relevant == Flags && reset.Sequence == Sequence
            && (!Flags.HasFlag(TcpFlags.Ack) || reset.Acknowledgment == Acknowledgment);
    }

    /// <summary>The expected reset as tcpdump would print it, e.g. <c>[R.] seq 0, ack 1001</c>.</summary>
    public override string ToString() =>
        $"[{Flags.ToText()}] seq {Sequence}" + (Flags.HasFlag(TcpFlags.Ack) ? $", ack {Acknowledgment}" : "");
}
