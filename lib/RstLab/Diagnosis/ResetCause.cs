namespace RstLab.Diagnosis;

/// <summary>Why a reset was sent: the causes of <c>RESETS.md</c> that a capture can tell apart.</summary>
public enum ResetCause
{
    /// <summary>A SYN reached a port where nobody listens; the kernel answered.</summary>
    NoListener,
    /// <summary>A firewall or other box on the path forged it (<c>reject with tcp reset</c>, an IPS).</summary>
    FirewallReject,
    /// <summary>A NAT, load balancer or firewall forgot the connection after an idle period.</summary>
    MiddleboxIdleTimeout,
    /// <summary>The application closed abortively: <c>close()</c> with unread data, or <c>SO_LINGER {1,0}</c>.</summary>
    AbortiveClose,
    /// <summary>The listener closed while connections waited in its accept queue.</summary>
    ListenerClosed,
    /// <summary>The accept queue was full and <c>tcp_abort_on_overflow=1</c>.</summary>
    AcceptQueueOverflow,
    /// <summary>Data reached a peer that had already closed (FIN sent), whose socket no longer takes it.</summary>
    PeerClosed,
    /// <summary>A reused idle connection: the server closed it just as the client sent a new request.</summary>
    KeepAliveRace,
    /// <summary>The peer's stack has no socket for the connection: its host crashed or rebooted, or the socket vanished.</summary>
    PeerLostConnection,
    /// <summary>The sender's keepalive probes went unanswered and it gave up.</summary>
    KeepaliveTimeout,
    /// <summary>A reset the receiver does not obey (RFC 5961): a blind injection or a stale segment.</summary>
    UnacceptableReset,
}
