namespace RstLab.Kernel;

/// <summary>A TCP state (RFC 9293 §3.3.2, plus Linux's NEW-SYN-RECV), numbered as the kernel numbers it (<c>include/net/tcp_states.h</c>) and shown as the RFC spells it (<see cref="TcpStateText.ToText"/>: <c>TIME-WAIT</c>).</summary>
/// <remarks>The same value serves the socket table (<c>/proc/net/tcp</c> prints the number), the ladder's states and the reset tracepoint (which prints <c>TCP_CLOSE</c>); 0 is no state.</remarks>
public enum TcpState
{
    /// <summary>ESTABLISHED: data flows (ss prints ESTAB; the kernel's TCP_ESTABLISHED).</summary>
    Established = 1,
    /// <summary>SYN-SENT: SYN sent, waiting for SYN,ACK.</summary>
    SynSent,
    /// <summary>SYN-RECEIVED: SYN received and answered (the kernel's TCP_SYN_RECV).</summary>
    SynReceived,
    /// <summary>FIN-WAIT-1: our FIN sent, not yet acknowledged.</summary>
    FinWait1,
    /// <summary>FIN-WAIT-2: our FIN acknowledged, waiting for the peer's.</summary>
    FinWait2,
    /// <summary>TIME-WAIT: the side that closed first waits 2 MSL (60 s on Linux).</summary>
    TimeWait,
    /// <summary>CLOSED: no connection (the kernel's TCP_CLOSE; a socket is moved there just before it sends an abortive reset).</summary>
    Closed,
    /// <summary>CLOSE-WAIT: the peer's FIN received, the application has not closed.</summary>
    CloseWait,
    /// <summary>LAST-ACK: our FIN sent after the peer's, waiting for its ACK.</summary>
    LastAck,
    /// <summary>LISTEN: waiting for a SYN.</summary>
    Listen,
    /// <summary>CLOSING: both FINs crossed.</summary>
    Closing,
    /// <summary>NEW-SYN-RECV: Linux's request socket for a half-open connection, between SYN and the final ACK.</summary>
    NewSynReceived,
}
