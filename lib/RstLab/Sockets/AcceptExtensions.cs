using System.Net.Sockets;

namespace RstLab.Sockets;

/// <summary><c>accept()</c> with a deadline, so a connection that never arrives cannot hang a cell: <c>listener.Accept(TimeSpan.FromSeconds(2))</c>.</summary>
public static class AcceptExtensions
{
    /// <summary>The next connection waiting on <paramref name="listener"/>, with 2 s send and receive timeouts; throws <see cref="TimeoutException"/> if none arrives within <paramref name="timeout"/>.</summary>
    public static Socket Accept(this Socket listener, TimeSpan timeout) => Lab.Accept(listener, timeout);
}
