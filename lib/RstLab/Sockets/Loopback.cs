using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using RstLab.Packets;

namespace RstLab.Sockets;

/// <summary>Sockets on 127.0.0.1 only: free ports, listeners and timed connects.</summary>
public static class Loopback
{
    // Bound but not listening until the process exits: connect() never takes a bound port as its source port, so no other
    // program's (or notebook's) connection shows up in a capture on it. Such a socket answers nothing and is not in the socket table.
    static readonly ConcurrentBag<Socket> Reserved = [];

    /// <summary>A TCP port on 127.0.0.1 (or the loopback <paramref name="address"/>, e.g. ::1) where nothing listens, kept for this process (the kernel picks it).</summary>
    public static int UnusedPort(IPAddress? address = null)
    {
        var on = address ?? IPAddress.Loopback;
        if (!LabAddresses.IsLoopback(on))
            throw new LabArgumentException($"{on} is not a loopback address: the lab picks ports only on 127.0.0.0/8 or ::1.", nameof(address));
        var reservation = new Socket(on.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        reservation.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);   // the experiment may still listen there
        reservation.Bind(new IPEndPoint(on, 0));
        Reserved.Add(reservation);
        return ((IPEndPoint)reservation.LocalEndPoint!).Port;
    }

    /// <summary>A socket listening on 127.0.0.1 (port 0: the kernel picks one).</summary>
    public static Socket Listen(int port = 0, int backlog = 16)
    {
        Guard.PortOrAny(port);
        Guard.InRange(backlog, 1, 4096, "The kernel caps the accept queue at net.core.somaxconn (4096).");
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, port));
            listener.Listen(backlog);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> within <paramref name="timeout"/>; the outcome holds the error, never throws it.</summary>
    /// <param name="port">The server port.</param>
    /// <param name="timeout">How long to wait for the handshake (default 2 s).</param>
    /// <param name="connected">The connected socket on success (caller disposes), else null.</param>
    public static SocketOutcome TryConnect(int port, TimeSpan? timeout, out Socket? connected)
    {
        Guard.Port(port);
        var wait = Guard.Timeout(timeout ?? TimeSpan.FromSeconds(2), name: nameof(timeout));
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var outcome = SocketOutcome.Of($"connect(127.0.0.1:{port})", () =>
        {
            TimedConnect.Run(socket, new IPEndPoint(IPAddress.Loopback, port), wait, $"no answer within {wait.TotalSeconds:0.#} s");
            return 0;
        }, () => socket.LocalEndPoint as IPEndPoint);
        if (outcome.Succeeded)
        {
            connected = socket;
        }
        else
        {
            connected = null;
            socket.Dispose();
        }
        return outcome;
    }

    /// <summary>Connects and closes again; the outcome says whether the connect worked and how fast.</summary>
    public static SocketOutcome TryConnect(int port, TimeSpan? timeout = null)
    {
        var outcome = TryConnect(port, timeout, out var socket);
        socket?.Dispose();
        return outcome;
    }
}
