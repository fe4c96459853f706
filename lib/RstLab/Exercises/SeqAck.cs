namespace RstLab.Exercises;

/// <summary>Where a reset's sequence and acknowledgment numbers came from: the answer to "why these seq/ack?".</summary>
public enum SeqAck
{
    /// <summary>An answer to a segment without ACK (a SYN) for no connection: seq 0, ack = SEG.SEQ + SEG.LEN (RFC 9293 §3.10.7.1).</summary>
    AnswerToSyn,
    /// <summary>An answer to a segment with ACK: seq = that segment's ACK, and no ACK flag (RFC 9293 §3.10.7.1).</summary>
    FromTheSegmentsAck,
    /// <summary>An abort by a side that has the connection: seq = its snd.nxt, ack = its rcv.nxt.</summary>
    SendersOwnState,
}
