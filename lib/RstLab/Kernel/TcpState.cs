namespace RstLab.Kernel;

/// <summary>A TCP state (RFC 9293 §3.3.2, plus Linux's NEW-SYN-RECV), shown as the RFC spells it (<see cref="TcpStateText.ToText"/>: <c>TIME-WAIT</c>).</summary>
public enum TcpState
{
    /// <summary>CLOSED: no connection.</summary>
    Closed,
    /// <summary>LISTEN: waiting for a SYN.</summary>
    Listen,
    /// <summary>SYN-SENT: SYN sent, waiting for SYN,ACK.</summary>
    SynSent,
    /// <summary>SYN-RECEIVED: SYN received and answered.</summary>
    SynReceived,
    /// <summary>ESTABLISHED: data flows (ss prints ESTAB).</summary>
    Established,
    /// <summary>FIN-WAIT-1: our FIN sent, not yet acknowledged.</summary>
    FinWait1,
    /// <summary>FIN-WAIT-2: our FIN acknowledged, waiting for the peer's.</summary>
    FinWait2,
    /// <summary>CLOSE-WAIT: the peer's FIN received, the application has not closed.</summary>
    CloseWait,
    /// <summary>CLOSING: both FINs crossed.</summary>
    Closing,
    /// <summary>LAST-ACK: our FIN sent after the peer's, waiting for its ACK.</summary>
    LastAck,
    /// <summary>TIME-WAIT: the side that closed first waits 2 MSL (60 s on Linux).</summary>
    TimeWait,
    /// <summary>NEW-SYN-RECV: Linux's request socket for a half-open connection.</summary>
    NewSynReceived,
}
