namespace RstLab.Diagnosis;

/// <summary>What the receiver does with a reset (RFC 9293 §3.10.7, RFC 5961 §3).</summary>
public enum ResetAcceptance
{
    /// <summary>seq is exactly rcv.nxt (or, in SYN-SENT, it acknowledges the SYN): the connection is reset.</summary>
    Accepted,
    /// <summary>seq is inside the receive window but not rcv.nxt: the receiver answers with a challenge ACK and keeps the connection.</summary>
    ChallengeAck,
    /// <summary>seq is outside the window (or, in SYN-SENT, the ack is wrong): dropped silently.</summary>
    Ignored,
    /// <summary>The capture shows nothing of the receiver's state.</summary>
    Unknown,
}
