namespace RstLab.Tracing;

/// <summary>Which of the two reset tracepoints an event came from.</summary>
public enum ResetDirection
{
    /// <summary><c>tcp:tcp_send_reset</c>: this machine's kernel sent the reset.</summary>
    Sent,
    /// <summary><c>tcp:tcp_receive_reset</c>: a socket of this machine received a reset.</summary>
    Received,
}
