using System.Net;
using System.Net.Sockets;

namespace RstLab.Sockets;

/// <summary><c>connect()</c> with a deadline, so a SYN nobody answers cannot hang a cell.</summary>
public static class ConnectExtensions
{
    /// <summary>Connects <paramref name="socket"/> to <paramref name="to"/>, or throws a <see cref="SocketException"/> (<c>TimedOut</c>) after <paramref name="timeout"/>.</summary>
    public static void Connect(this Socket socket, IPEndPoint to, TimeSpan timeout)
    {
        Guard.NotNull(to);
        Packets.LabAddresses.Require(to.Address, insideLabNamespace: true, nameof(to));
        Guard.NotNull(socket);
        Guard.Timeout(timeout, TimeSpan.FromSeconds(10));
        TimedConnect.Run(socket, to, timeout, $"connect({to}): no answer within {timeout.TotalMilliseconds:0} ms");
    }
}
