using System.Net;
using System.Net.Sockets;

namespace RstLab.Sockets;

/// <summary>connect() with a deadline, the way C programs do it: non-blocking connect, then poll for writable.</summary>
/// <remarks>Not ConnectAsync waited on synchronously: its completion needs a thread-pool thread, and on a busy 2-core machine
/// (captures, tests, a notebook kernel) a loopback connect that took microseconds was reported after seconds, or timed out.</remarks>
internal static class TimedConnect
{
    /// <summary>Connects <paramref name="socket"/> to <paramref name="to"/>; throws <see cref="SocketException"/> with the kernel's error, or <see cref="TimeoutException"/> saying <paramref name="unanswered"/>.</summary>
    public static void Run(Socket socket, EndPoint to, TimeSpan timeout, string unanswered)
    {
        socket.Blocking = false;
        try
        {
            try
            {
                socket.Connect(to);
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                // The handshake is under way.
            }
            // Writable: connected, or failed with its error in SO_ERROR (a refusal wakes the poll as well).
            var done = socket.Poll(timeout, SelectMode.SelectWrite) || socket.Poll(0, SelectMode.SelectError);
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success)
                throw new SocketException((int)error);
            if (!done)
                throw new TimeoutException(unanswered);
            // .NET records a non-blocking connect as done only when asked while the socket is writable; asked later, with a
            // full send buffer, LocalEndPoint would be null. Ask now.
            if (!socket.Connected)
                throw new SocketException((int)SocketError.NotConnected);
        }
        finally
        {
            socket.Blocking = true;
        }
    }
}
