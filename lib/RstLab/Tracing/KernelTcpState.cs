namespace RstLab.Tracing;

/// <summary>A socket's TCP state as the kernel names it (<c>include/net/tcp_states.h</c>), as the reset tracepoints print it.</summary>
#pragma warning disable CA1707 // the kernel's own names, on purpose
public enum KernelTcpState
{
    /// <summary>ESTABLISHED.</summary>
    TCP_ESTABLISHED = 1,
    /// <summary>SYN-SENT.</summary>
    TCP_SYN_SENT,
    /// <summary>SYN-RECEIVED.</summary>
    TCP_SYN_RECV,
    /// <summary>FIN-WAIT-1.</summary>
    TCP_FIN_WAIT1,
    /// <summary>FIN-WAIT-2.</summary>
    TCP_FIN_WAIT2,
    /// <summary>TIME-WAIT.</summary>
    TCP_TIME_WAIT,
    /// <summary>CLOSED (the state a socket is moved to just before it sends an abortive reset).</summary>
    TCP_CLOSE,
    /// <summary>CLOSE-WAIT.</summary>
    TCP_CLOSE_WAIT,
    /// <summary>LAST-ACK.</summary>
    TCP_LAST_ACK,
    /// <summary>LISTEN.</summary>
    TCP_LISTEN,
    /// <summary>CLOSING.</summary>
    TCP_CLOSING,
    /// <summary>A request socket of a listener, between SYN and the final ACK.</summary>
    TCP_NEW_SYN_RECV,
}
