using System.Net.Sockets;

namespace RstLab.Sockets;

/// <summary>A socket option the course sets by its C name (<c>TCP_REPAIR</c>, <c>SO_LINGER</c>), with Linux's level and number.</summary>
/// <param name="Name">The C name, e.g. <c>TCP_REPAIR</c>.</param>
/// <param name="Level">The level: <c>SOL_SOCKET</c> (1) or <c>IPPROTO_TCP</c> (6).</param>
/// <param name="Number">The option's number at that level on Linux.</param>
public sealed record SocketOption(string Name, int Level, int Number)
{
    /// <summary><c>SOL_SOCKET</c> on Linux.</summary>
    public const int SOL_SOCKET = 1;

    /// <summary><c>IPPROTO_TCP</c>.</summary>
    public const int IPPROTO_TCP = 6;

    /// <summary><c>SO_LINGER</c>: <c>{on, seconds}</c>; <c>{1, 0}</c> makes close() abort with a RST.</summary>
    public static readonly SocketOption SO_LINGER = new("SO_LINGER", SOL_SOCKET, 13);

    /// <summary><c>SO_SNDBUF</c>: the send buffer size asked for (Linux doubles it).</summary>
    public static readonly SocketOption SO_SNDBUF = new("SO_SNDBUF", SOL_SOCKET, 7);

    /// <summary><c>SO_RCVBUF</c>: the receive buffer size asked for (Linux doubles it).</summary>
    public static readonly SocketOption SO_RCVBUF = new("SO_RCVBUF", SOL_SOCKET, 8);

    /// <summary><c>SO_KEEPALIVE</c>: send keepalive probes on an idle connection.</summary>
    public static readonly SocketOption SO_KEEPALIVE = new("SO_KEEPALIVE", SOL_SOCKET, 9);

    /// <summary><c>TCP_KEEPIDLE</c>: idle seconds before the first keepalive probe.</summary>
    public static readonly SocketOption TCP_KEEPIDLE = new("TCP_KEEPIDLE", IPPROTO_TCP, 4);

    /// <summary><c>TCP_KEEPINTVL</c>: seconds between keepalive probes.</summary>
    public static readonly SocketOption TCP_KEEPINTVL = new("TCP_KEEPINTVL", IPPROTO_TCP, 5);

    /// <summary><c>TCP_KEEPCNT</c>: unanswered probes before the connection is dropped.</summary>
    public static readonly SocketOption TCP_KEEPCNT = new("TCP_KEEPCNT", IPPROTO_TCP, 6);

    /// <summary><c>TCP_DEFER_ACCEPT</c>: seconds a listener waits for data before a connection joins the accept queue.</summary>
    public static readonly SocketOption TCP_DEFER_ACCEPT = new("TCP_DEFER_ACCEPT", IPPROTO_TCP, 9);

    /// <summary><c>SO_REUSEPORT</c>: listeners that all set it share one port as a group; the kernel spreads new connections among them.</summary>
    public static readonly SocketOption SO_REUSEPORT = new("SO_REUSEPORT", SOL_SOCKET, 15);

    /// <summary><c>TCP_REPAIR</c>: repair mode (needs CAP_NET_ADMIN); a socket closed in it vanishes without FIN or RST.</summary>
    public static readonly SocketOption TCP_REPAIR = new("TCP_REPAIR", IPPROTO_TCP, 19);

    /// <summary>The option as packetdrill writes it, e.g. <c>IPPROTO_TCP, TCP_REPAIR</c>.</summary>
    public override string ToString() => $"{(Level == SOL_SOCKET ? "SOL_SOCKET" : "IPPROTO_TCP")}, {Name}";
}
