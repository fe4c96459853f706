namespace RstLab.Diagnosis;

/// <summary>What came just before a reset, on its connection.</summary>
public enum ResetPrecedent
{
    /// <summary>Nothing: the reset is the first segment of its connection in the capture.</summary>
    Nothing,
    /// <summary>A SYN from the receiver.</summary>
    Syn,
    /// <summary>The handshake's last ACK from the receiver, the sender having sent only its SYN-ACK.</summary>
    HandshakeAck,
    /// <summary>Data from the receiver (possibly left unread).</summary>
    PeerData,
    /// <summary>Data from the receiver after the sender had closed (sent FIN).</summary>
    DataAfterClose,
    /// <summary>The receiver's FIN.</summary>
    PeerFin,
    /// <summary>A bare ACK from the receiver.</summary>
    PeerAck,
    /// <summary>A keepalive probe from the receiver.</summary>
    KeepaliveProbe,
    /// <summary>The sender's own keepalive probes, unanswered.</summary>
    UnansweredProbes,
    /// <summary>A long idle gap (30 s or more) before the segment it answers.</summary>
    IdleGap,
}
