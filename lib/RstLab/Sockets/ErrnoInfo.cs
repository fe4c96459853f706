using System.Net.Sockets;

namespace RstLab.Sockets;

/// <summary>What a socket error means: .NET's name, the errno on Linux and macOS, Windows' code, and which RST condition produces it.</summary>
/// <param name="SocketError">.NET's portable name.</param>
/// <param name="Name">The POSIX errno name, e.g. <c>ECONNREFUSED</c>.</param>
/// <param name="Linux">The errno number on Linux.</param>
/// <param name="MacOS">The errno number on macOS (the article's platform).</param>
/// <param name="Windows">The Winsock code.</param>
/// <param name="Meaning">What the error says in words.</param>
/// <param name="Cause">Which RST condition (or other event) produces it.</param>
public sealed record ErrnoInfo(SocketError SocketError, string Name, int Linux, int MacOS, int Windows, string Meaning, string Cause)
{
    static readonly ErrnoInfo[] Known =
    [
        new(SocketError.ConnectionRefused, "ECONNREFUSED", 111, 61, 10061, "Connection refused",
            "RST condition 1: the SYN reached a port where nobody listens, and the peer's kernel answered RST,ACK"),
        new(SocketError.ConnectionReset, "ECONNRESET", 104, 54, 10054, "Connection reset by peer",
            "RST conditions 2 and 3: a RST arrived for an established connection (the peer aborted it, closed with unread data, or no longer knows it)"),
        new(SocketError.Shutdown, "EPIPE", 32, 32, 10058, "Broken pipe",
            "a write on a connection already reset or shut down; on Linux a RST received in CLOSE-WAIT is reported this way"),
        new(SocketError.TimedOut, "ETIMEDOUT", 110, 60, 10060, "Connection timed out",
            "no RST at all: SYNs or data went unanswered (dropped) until the kernel gave up"),
        new(SocketError.ConnectionAborted, "ECONNABORTED", 103, 53, 10053, "Software caused connection abort",
            "the local stack aborted the connection"),
        new(SocketError.HostUnreachable, "EHOSTUNREACH", 113, 65, 10065, "No route to host",
            "an ICMP error or no route, not a RST"),
        new(SocketError.NetworkUnreachable, "ENETUNREACH", 101, 51, 10051, "Network is unreachable",
            "no route to the network, not a RST"),
        new(SocketError.AddressAlreadyInUse, "EADDRINUSE", 98, 48, 10048, "Address already in use",
            "bind() found the port taken (TIME-WAIT or another socket)"),
        new(SocketError.WouldBlock, "EAGAIN", 11, 35, 10035, "Resource temporarily unavailable",
            "a non-blocking call could not proceed now (e.g. the send buffer is full)"),
        new(SocketError.NotConnected, "ENOTCONN", 107, 57, 10057, "Transport endpoint is not connected",
            "the socket has no connection (never connected, or already gone)"),
    ];

    /// <summary>The explanation for a .NET <see cref="System.Net.Sockets.SocketError"/>, or null when the lab has none.</summary>
    public static ErrnoInfo? Of(SocketError error) => Known.FirstOrDefault(k => k.SocketError == error);

    /// <summary>The explanation for an exception thrown by a socket call.</summary>
    public static ErrnoInfo? Of(SocketException exception)
    {
        Guard.NotNull(exception);
        return Of(exception.SocketErrorCode);
    }

    /// <summary>The errno number on the platform this code runs on.</summary>
    public int Native => OperatingSystem.IsMacOS() ? MacOS : OperatingSystem.IsWindows() ? Windows : Linux;

    /// <summary>One line, e.g. "ConnectionRefused: ECONNREFUSED 111 (macOS 61)".</summary>
    public override string ToString() => $"{SocketError}: {Name} {Linux} on Linux (macOS {MacOS}, Windows {Windows}): {Meaning}";
}
