namespace RstLab.Tracing;

/// <summary>Why the kernel sent a reset: <c>enum sk_rst_reason</c> of Linux's <c>include/net/rstreason.h</c> (6.10 and later), named and numbered as there.</summary>
/// <remarks>Named as the kernel prints them in the <c>tcp:tcp_send_reset</c> tracepoint, so a learner can grep the kernel's sources for each.</remarks>
#pragma warning disable CA1707 // the kernel's own names, on purpose
public enum RstReason
{
    /// <summary>No reason given.</summary>
    NOT_SPECIFIED = 0,
    /// <summary>No socket owns the segment's four-tuple (no listener, or a connection the host does not know).</summary>
    NO_SOCKET = 1,
    /// <summary>The segment's ACK is outside what was sent (SYN-RECV or SYN-SENT).</summary>
    TCP_INVALID_ACK_SEQUENCE = 2,
    /// <summary>PAWS (RFC 7323) rejected the segment's timestamp.</summary>
    TCP_RFC7323_PAWS = 3,
    /// <summary>The ACK acknowledges data older than the window.</summary>
    TCP_TOO_OLD_ACK = 4,
    /// <summary>The ACK acknowledges data never sent.</summary>
    TCP_ACK_UNSENT_DATA = 5,
    /// <summary>Flags not acceptable in this state (e.g. SYN on an established connection).</summary>
    TCP_FLAGS = 6,
    /// <summary>An old ACK in SYN-RECV.</summary>
    TCP_OLD_ACK = 7,
    /// <summary>Data arrived after the application closed its socket (counted as TCPAbortOnData).</summary>
    TCP_ABORT_ON_DATA = 8,
    /// <summary>A TIME-WAIT or orphaned socket answered a segment with a reset.</summary>
    TCP_TIMEWAIT_SOCKET = 9,
    /// <summary>A SYN-RECV request or a listener refused the segment (e.g. the final ACK with a full accept queue and tcp_abort_on_overflow=1).</summary>
    INVALID_SYN = 10,
    /// <summary>close() with unread data in the receive buffer (counted as TCPAbortOnClose).</summary>
    TCP_ABORT_ON_CLOSE = 11,
    /// <summary>SO_LINGER timeout expired on an orphaned socket (counted as TCPAbortOnLinger).</summary>
    TCP_ABORT_ON_LINGER = 12,
    /// <summary>Out of memory or too many orphans (counted as TCPAbortOnMemory).</summary>
    TCP_ABORT_ON_MEMORY = 13,
    /// <summary>A state change that aborts the connection (e.g. close() with SO_LINGER {1, 0}, a listener closed with queued connections).</summary>
    TCP_STATE = 14,
    /// <summary>Keepalive probes exhausted.</summary>
    TCP_KEEPALIVE_TIMEOUT = 15,
    /// <summary>disconnect() (connect with AF_UNSPEC) with data unread.</summary>
    TCP_DISCONNECT_WITH_DATA = 16,
    /// <summary>MPTCP: unspecified error.</summary>
    MPTCP_RST_EUNSPEC = 17,
    /// <summary>MPTCP: MPTCP-specific error.</summary>
    MPTCP_RST_EMPTCP = 18,
    /// <summary>MPTCP: lack of resources.</summary>
    MPTCP_RST_ERESOURCE = 19,
    /// <summary>MPTCP: administratively prohibited.</summary>
    MPTCP_RST_EPROHIBIT = 20,
    /// <summary>MPTCP: too much outstanding data.</summary>
    MPTCP_RST_EWQ2BIG = 21,
    /// <summary>MPTCP: unacceptable performance.</summary>
    MPTCP_RST_EBADPERF = 22,
    /// <summary>MPTCP: middlebox interference.</summary>
    MPTCP_RST_EMIDDLEBOX = 23,
    /// <summary>An internal error.</summary>
    ERROR = 24,
}
