using System.Net.Sockets;

namespace RstLab.Sockets;

/// <summary>An errno as a named value (<c>Errno.EPIPE</c>): its number on Linux, macOS and Windows, .NET's name for it, and which RST condition produces it.</summary>
/// <param name="Name">The POSIX name, e.g. <c>ECONNREFUSED</c>.</param>
/// <param name="Linux">The number on Linux.</param>
/// <param name="MacOS">The number on macOS (the article's platform).</param>
/// <param name="Windows">The Winsock code.</param>
/// <param name="SocketError">.NET's portable name.</param>
/// <param name="Meaning">What the error says in words.</param>
/// <param name="Cause">Which RST condition (or other event) produces it.</param>
public sealed record Errno(string Name, int Linux, int MacOS, int Windows, SocketError SocketError, string Meaning, string Cause)
{
    /// <summary>Connection refused: a SYN answered by RST,ACK (RST condition 1).</summary>
    public static readonly Errno ECONNREFUSED = new("ECONNREFUSED", 111, 61, 10061, SocketError.ConnectionRefused, "Connection refused",
        "RST condition 1: the SYN reached a port where nobody listens, and the peer's kernel answered RST,ACK");

    /// <summary>Connection reset by peer: a RST reached an established connection.</summary>
    public static readonly Errno ECONNRESET = new("ECONNRESET", 104, 54, 10054, SocketError.ConnectionReset, "Connection reset by peer",
        "RST conditions 2 and 3: a RST arrived for an established connection (the peer aborted it, closed with unread data, or no longer knows it)");

    /// <summary>Broken pipe: a write on a connection already reset or shut down (.NET: <c>Shutdown</c>).</summary>
    public static readonly Errno EPIPE = new("EPIPE", 32, 32, 10058, SocketError.Shutdown, "Broken pipe",
        "a write on a connection already reset or shut down; on Linux a RST received in CLOSE-WAIT is reported this way");

    /// <summary>Connection timed out: no answer at all, no RST.</summary>
    public static readonly Errno ETIMEDOUT = new("ETIMEDOUT", 110, 60, 10060, SocketError.TimedOut, "Connection timed out",
        "no RST at all: SYNs or data went unanswered (dropped) until the kernel gave up");

    /// <summary>Software caused connection abort.</summary>
    public static readonly Errno ECONNABORTED = new("ECONNABORTED", 103, 53, 10053, SocketError.ConnectionAborted, "Software caused connection abort",
        "the local stack aborted the connection");

    /// <summary>No route to host: ICMP, not a RST.</summary>
    public static readonly Errno EHOSTUNREACH = new("EHOSTUNREACH", 113, 65, 10065, SocketError.HostUnreachable, "No route to host",
        "an ICMP error or no route, not a RST");

    /// <summary>Network is unreachable: no route, not a RST.</summary>
    public static readonly Errno ENETUNREACH = new("ENETUNREACH", 101, 51, 10051, SocketError.NetworkUnreachable, "Network is unreachable",
        "no route to the network, not a RST");

    /// <summary>Address already in use: bind() found the port taken.</summary>
    public static readonly Errno EADDRINUSE = new("EADDRINUSE", 98, 48, 10048, SocketError.AddressAlreadyInUse, "Address already in use",
        "bind() found the port taken (TIME-WAIT or another socket)");

    /// <summary>Resource temporarily unavailable: a non-blocking call could not proceed now.</summary>
    public static readonly Errno EAGAIN = new("EAGAIN", 11, 35, 10035, SocketError.WouldBlock, "Resource temporarily unavailable",
        "a non-blocking call could not proceed now (e.g. the send buffer is full)");

    /// <summary>Transport endpoint is not connected.</summary>
    public static readonly Errno ENOTCONN = new("ENOTCONN", 107, 57, 10057, SocketError.NotConnected, "Transport endpoint is not connected",
        "the socket has no connection (never connected, or already gone)");

    /// <summary>Every errno the lab names.</summary>
    public static IReadOnlyList<Errno> All { get; } =
        [ECONNREFUSED, ECONNRESET, EPIPE, ETIMEDOUT, ECONNABORTED, EHOSTUNREACH, ENETUNREACH, EADDRINUSE, EAGAIN, ENOTCONN];

    /// <summary>The errno behind a .NET <see cref="System.Net.Sockets.SocketError"/>, or null when the lab names none.</summary>
    public static Errno? Of(SocketError error) => All.FirstOrDefault(k => k.SocketError == error);

    /// <summary>The errno behind an exception thrown by a socket call.</summary>
    public static Errno? Of(SocketException exception)
    {
        Guard.NotNull(exception);
        return Of(exception.SocketErrorCode);
    }

    /// <summary>The number on the platform this code runs on.</summary>
    public int Native => OperatingSystem.IsMacOS() ? MacOS : OperatingSystem.IsWindows() ? Windows : Linux;

    /// <summary>One line, e.g. "ConnectionRefused: ECONNREFUSED 111 on Linux (macOS 61, Windows 10061): Connection refused".</summary>
    public override string ToString() => $"{SocketError}: {Name} {Linux} on Linux (macOS {MacOS}, Windows {Windows}): {Meaning}";
}
