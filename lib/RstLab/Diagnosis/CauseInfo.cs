using RstLab.Tracing;

namespace RstLab.Diagnosis;

/// <summary>What a cause means in words and what to run on a live system to confirm it.</summary>
/// <param name="Cause">The cause.</param>
/// <param name="Meaning">One sentence for a learner.</param>
/// <param name="Confirm">Commands to run (on the host named in the sentence) that would show it happening.</param>
public sealed record CauseInfo(ResetCause Cause, string Meaning, string Confirm)
{
    // The tracepoint exists on Linux 6.10 and later (its reasons are RstReason's names); netfilter resets never appear in it, which is itself a sign.
    const string Trace = "bpftrace -e 'tracepoint:tcp:tcp_send_reset { printf(\"%d %d\\n\", args->reason, args->state); }'";

    static readonly CauseInfo[] Known =
    [
        new(ResetCause.NoListener, "a SYN reached a port where nobody listens, and the server's kernel refused it",
            "on the server: ss -ltn 'sport = :PORT' (no listener); nstat -az TcpOutRsts TcpAttemptFails; " + Trace + $" (reason {nameof(RstReason.NO_SOCKET)})"),
        new(ResetCause.FirewallReject, "a firewall on the path answered for the peer (nftables/iptables reject with tcp reset, or an IPS)",
            "on the hosts and routers between: nft list ruleset | grep -n reset; iptables-save | grep -n tcp-reset; the server's tcp_send_reset trace stays silent"),
        new(ResetCause.MiddleboxIdleTimeout, "a NAT, load balancer or firewall forgot the idle connection (its entry expired) and the next segment was reset",
            "on the box: conntrack -L -p tcp; sysctl net.netfilter.nf_conntrack_tcp_timeout_established net.netfilter.nf_conntrack_tcp_loose; the load balancer's idle timeout; capture on both sides of the box"),
        new(ResetCause.AbortiveClose, "the application closed abortively: close() with data still unread (RFC 2525), or SO_LINGER {1, 0}",
            "on the sender: nstat -az TcpExtTCPAbortOnClose TcpExtTCPAbortOnData; " + Trace + $" ({nameof(RstReason.TCP_ABORT_ON_CLOSE)} or {nameof(RstReason.TCP_STATE)}); strace -e trace=close,setsockopt -p PID"),
        new(ResetCause.ListenerClosed, "the listener closed (server stopped or reloaded) with connections still waiting in its accept queue",
            "on the server: ss -ltn (Recv-Q of the listener before it went); the service's restart log (journalctl -u SERVICE); SO_REUSEPORT and net.ipv4.tcp_migrate_req"),
        new(ResetCause.AcceptQueueOverflow, "the accept queue was full and net.ipv4.tcp_abort_on_overflow = 1, so the server's kernel reset the new connection",
            "on the server: sysctl net.ipv4.tcp_abort_on_overflow; nstat -az TcpExtListenOverflows TcpExtListenDrops; ss -ltn (Recv-Q against Send-Q)"),
        new(ResetCause.PeerClosed, "data reached a peer that had already closed (it sent FIN), and its kernel no longer takes data for the connection",
            "on the sender: " + Trace + $" ({nameof(RstReason.TCP_TIMEWAIT_SOCKET)} or {nameof(RstReason.NO_SOCKET)}); the writer's errno: EPIPE after the reset"),
        new(ResetCause.KeepAliveRace, "a pooled idle connection was reused just as the server closed it: the server's keep-alive timeout is shorter than the client's pool idle time",
            "compare the server's keep-alive timeout (e.g. Kestrel KeepAliveTimeout, nginx keepalive_timeout) with the client's (SocketsHttpHandler.PooledConnectionIdleTimeout, agent keepAlive); make the client's shorter"),
        new(ResetCause.PeerLostConnection, "the peer's stack had no socket for the connection: its host crashed or rebooted, or the socket vanished without a FIN",
            "on the peer: uptime; journalctl --list-boots; " + Trace + $" ({nameof(RstReason.NO_SOCKET)}); on the sender: nstat -az TcpEstabResets"),
        new(ResetCause.KeepaliveTimeout, "the sender's keepalive probes went unanswered, so it gave up (ETIMEDOUT locally) and reset the connection",
            "on the sender: ss -tno (keepalive timers); sysctl net.ipv4.tcp_keepalive_time net.ipv4.tcp_keepalive_intvl net.ipv4.tcp_keepalive_probes; " + Trace + $" ({nameof(RstReason.TCP_KEEPALIVE_TIMEOUT)})"),
        new(ResetCause.UnacceptableReset, "the receiver does not obey this reset: its numbers do not match the connection (a blind injection, or a stale segment)",
            "on the receiver: nstat -az TcpExtTCPChallengeACK TcpExtTCPACKSkippedChallenge; look for who else can reach the path"),
    ];

    /// <summary>The words and commands for <paramref name="cause"/>.</summary>
    public static CauseInfo Of(ResetCause cause) => Known.First(k => k.Cause == cause);
}
