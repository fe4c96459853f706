namespace RstLab.Diagnosis;

/// <summary>Whether a reset's seq and ack follow RFC 9293's rules for the segment it answers.</summary>
public enum NumbersCheck
{
    /// <summary>§3.10.7.1 for a segment that belongs to no connection: <c>[R]</c> seq = SEG.ACK, or <c>[R.]</c> seq 0, ack = SEG.SEQ + SEG.LEN.</summary>
    NoConnectionRule,
    /// <summary>An abort (§3.10.4, §3.10.7.3): seq = the sender's snd.nxt.</summary>
    AbortRule,
    /// <summary>Neither rule gives these numbers.</summary>
    Breaks,
    /// <summary>The capture holds no segment for it to answer and no sequence state of the sender.</summary>
    Unchecked,
}
