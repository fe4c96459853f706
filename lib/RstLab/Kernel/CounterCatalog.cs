namespace RstLab.Kernel;

/// <summary>The counters that speak about resets, with what each one counts on Linux.</summary>
public static class CounterCatalog
{
    /// <summary>Full counter name → one-line explanation.</summary>
    public static IReadOnlyDictionary<string, string> RstCounters { get; } = new Dictionary<string, string>
    {
        ["Tcp.OutRsts"] = "segments sent with the RST flag, by any rule",
        ["Tcp.AttemptFails"] = "connect attempts that failed: SYN-SENT or SYN-RECV went straight to CLOSED (e.g. a RST answered the SYN)",
        ["Tcp.EstabResets"] = "connections reset while ESTABLISHED or CLOSE-WAIT (a RST was sent or received)",
        ["Tcp.ActiveOpens"] = "connect() calls that sent a SYN (client side opens)",
        ["Tcp.PassiveOpens"] = "SYNs a listener answered (server side opens)",
        ["Tcp.InErrs"] = "segments received with errors (bad checksum, malformed)",
        ["TcpExt.TCPAbortOnData"] = "resets sent because data arrived after close, or because SO_LINGER {on, 0} aborted a connection (a naming quirk: linger-0 counts here)",
        ["TcpExt.TCPAbortOnClose"] = "resets sent because the application closed with unread data in the receive buffer (RFC 2525)",
        ["TcpExt.TCPAbortOnMemory"] = "resets sent because orphaned sockets used too much memory",
        ["TcpExt.TCPAbortOnTimeout"] = "connections dropped after too many retransmissions or keepalive probes",
        ["TcpExt.TCPAbortOnLinger"] = "resets sent because the FIN-WAIT-2 linger time (tcp_fin_timeout) ran out",
        ["TcpExt.TCPAbortFailed"] = "resets the kernel wanted to send but could not (no memory)",
        ["TcpExt.ListenOverflows"] = "times the accept queue was full when a connection had to join it",
        ["TcpExt.ListenDrops"] = "SYNs or handshake ACKs a listener dropped (includes overflows)",
        ["TcpExt.EmbryonicRsts"] = "resets sent to connections still in SYN-RECV (e.g. tcp_abort_on_overflow=1 on a full accept queue)",
        ["TcpExt.TCPReqQFullDoCookies"] = "SYN queue full: the listener answered with a SYN cookie instead",
        ["TcpExt.TCPReqQFullDrop"] = "SYN queue full and no cookies: the SYN was dropped",
        ["TcpExt.TCPChallengeACK"] = "challenge ACKs sent for an in-window RST or SYN whose seq was not exact (RFC 5961)",
        ["TcpExt.TCPACKSkippedChallenge"] = "challenge ACKs not sent: the socket had answered an invalid segment less than tcp_invalid_ratelimit ago",
        ["TcpExt.TCPSYNChallenge"] = "challenge ACKs sent for a SYN on an established connection",
        ["TcpExt.TCPBacklogDrop"] = "segments dropped because the socket backlog was full",
        ["TcpExt.TW"] = "sockets that entered TIME-WAIT (counted as the wait begins, not when it ends)",
    };

    /// <summary>The explanation for an RST-related counter, or null for any other.</summary>
    public static string? Explain(string fullName) => RstCounters.GetValueOrDefault(Guard.NotBlank(fullName));

    /// <summary>Resolves a short name (<c>OutRsts</c>) to its full one (<c>Tcp.OutRsts</c>) among <paramref name="known"/>.</summary>
    public static string FullName(string name, IEnumerable<string> known)
    {
        Guard.NotBlank(name);
        Guard.NotNull(known);
        var all = known as ICollection<string> ?? known.ToList();
        if (all.Contains(name))
            return name;
        var matches = all.Where(k => k.EndsWith("." + name, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new KeyNotFoundException($"This kernel has no counter named '{name}'. Known RST counters: {string.Join(", ", RstCounters.Keys)}."),
            _ => throw new KeyNotFoundException($"'{name}' is ambiguous: {string.Join(", ", matches)}. Use the full name."),
        };
    }
}
