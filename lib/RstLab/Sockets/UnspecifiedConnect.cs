using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace RstLab.Sockets;

/// <summary><c>connect()</c> with an <c>AF_UNSPEC</c> address, which .NET's own API cannot express: on Linux it dissolves a socket's association.</summary>
public static class UnspecifiedConnect
{
    const int SockaddrSize = 16;   // struct sockaddr: sa_family (2 bytes), then 14 bytes of address

    /// <summary>Calls <c>connect(fd, {AF_UNSPEC}, 16)</c> on <paramref name="socket"/> (Linux only); throws a <see cref="SocketException"/> carrying the errno's <see cref="SocketError"/> when it fails.</summary>
    public static void ConnectUnspecified(this Socket socket)
    {
        Guard.NotNull(socket);
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("connect() with AF_UNSPEC disconnects a TCP socket on Linux; other systems refuse it or do something else.");
        var address = new byte[SockaddrSize];   // all zero: sa_family = AF_UNSPEC (0)
        if (connect((int)socket.Handle, address, SockaddrSize) == 0)
            return;
        var errno = Marshal.GetLastPInvokeError();
        throw new SocketException((int)(Errno.All.FirstOrDefault(e => e.Linux == errno)?.SocketError ?? SocketError.SocketError));
    }

    [DllImport("libc", SetLastError = true)]
    static extern int connect(int fd, byte[] address, int length);
}
