using RstLab.Tracing;

namespace RstLab.Diagnosis;

/// <summary>Where the diagnosis meets the kernel: the reasons <c>tcp:tcp_send_reset</c> gives for the resets of each cause (measured on this project's kernel, <c>RESETS.md</c>).</summary>
public static class KernelReasons
{
    static readonly Dictionary<ResetCause, RstReason[]> Known = new()
    {
        [ResetCause.NoListener] = [RstReason.NO_SOCKET],
        // close() with unread data; SO_LINGER {1,0} is traced as a state change, not as TCP_ABORT_ON_LINGER.
        [ResetCause.AbortiveClose] = [RstReason.TCP_ABORT_ON_CLOSE, RstReason.TCP_STATE, RstReason.TCP_ABORT_ON_DATA, RstReason.TCP_ABORT_ON_LINGER],
        [ResetCause.ListenerClosed] = [RstReason.TCP_STATE],
        [ResetCause.AcceptQueueOverflow] = [RstReason.INVALID_SYN],
        // The closed socket answers the data: still orphaned in FIN-WAIT-1 it aborts (TCP_ABORT_ON_DATA), once in
        // FIN-WAIT-2 or TIME-WAIT its timewait socket answers; which one is a matter of microseconds (both seen here).
        [ResetCause.PeerClosed] = [RstReason.TCP_TIMEWAIT_SOCKET, RstReason.TCP_ABORT_ON_DATA],
        [ResetCause.KeepAliveRace] = [RstReason.TCP_TIMEWAIT_SOCKET, RstReason.TCP_ABORT_ON_DATA],
        // No socket for the four-tuple; a listener on the port refuses a segment without SYN as TCP_FLAGS.
        [ResetCause.PeerLostConnection] = [RstReason.NO_SOCKET, RstReason.TCP_FLAGS],
        // The segment the NAT let through untranslated belongs to no connection at the server (its listener refuses it: TCP_FLAGS).
        [ResetCause.MiddleboxIdleTimeout] = [RstReason.NO_SOCKET, RstReason.TCP_FLAGS],
        [ResetCause.KeepaliveTimeout] = [RstReason.TCP_KEEPALIVE_TIMEOUT],
        // Netfilter builds its resets itself (nf_send_reset): the end hosts' kernels trace nothing.
        [ResetCause.FirewallReject] = [],
        [ResetCause.UnacceptableReset] = [],
    };

    /// <summary>The reasons the kernel traces for a reset of <paramref name="cause"/>; empty when no end host's kernel sends it (a firewall's, an injected one).</summary>
    public static IReadOnlyList<RstReason> Of(ResetCause cause) => Known[cause];

    /// <summary>True when the traced reason (null: nothing traced for this reset) is one <paramref name="cause"/> comes with.</summary>
    public static bool Agree(ResetCause cause, RstReason? traced) =>
        traced is { } reason ? Known[cause].Contains(reason) : Known[cause].Length == 0;
}
