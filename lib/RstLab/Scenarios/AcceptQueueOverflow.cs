using System.Net;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Kernel;
using RstLab.Namespaces;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>RST condition 1's cousin: a listener whose accept queue is full, with <c>tcp_abort_on_overflow=1</c>, in a private namespace so no other traffic and no global sysctl is touched.</summary>
public static class AcceptQueueOverflow
{
    /// <summary>The article's port; free inside the lab's own namespace.</summary>
    public const int Port = 8000;

    /// <summary>Runs the experiment: a listener (backlog 1, never accepting, TCP_DEFER_ACCEPT so the handshake's last step waits for data) and <paramref name="clients"/> clients that connect, then each send 5 bytes.</summary>
    /// <param name="recording">Recording name for the capture, e.g. <c>01-overflow</c>.</param>
    /// <param name="clients">How many clients knock (2 to 32).</param>
    public static OverflowRun Run(string recording, int clients = 6)
    {
        Recordings.ValidateName(recording);
        Guard.InRange(clients, 2, 32, "Enough to overflow a backlog of 1, few enough to finish quickly.");
        NetworkNamespace ns;
        try
        {
            ns = NetworkNamespace.Create();
        }
        catch (NamespaceUnavailableException e)
        {
            return new OverflowRun(false, e.Message, null, [], null, WireCapture.Recorded(recording, e.Message));
        }
        using (ns)
        {
            ns.Sysctl("net.ipv4.tcp_abort_on_overflow", "1");
            var wire = WireCapture.Start(recording, "lo", begin => ns.Run(begin), Port);
            try
            {
                var before = ns.Run(CounterSnapshot.Take);
                var (results, listener) = ns.Run(() => Knock(clients), TimeSpan.FromSeconds(30));
                var after = ns.Run(CounterSnapshot.Take);
                wire.WaitFor(s => s.IsRst, TimeSpan.FromMilliseconds(500));
                return new OverflowRun(true, null, before.To(after), results, listener, wire);
            }
            finally
            {
                wire.Dispose();
            }
        }
    }

    static (IReadOnlyList<OverflowClient>, SocketEntry?) Knock(int count)
    {
        var sockets = new List<Socket>();
        var clients = new List<OverflowClient>();
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Set(SocketOption.TCP_DEFER_ACCEPT, 5);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
            listener.Listen(1);
            var connects = new List<SocketOutcome>();
            for (var i = 0; i < count; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                connects.Add(SocketOutcome.Of($"connect(127.0.0.1:{Port})", () =>
                {
                    TimedConnect.Run(socket, new IPEndPoint(IPAddress.Loopback, Port), TimeSpan.FromMilliseconds(300), "SYN unanswered: dropped by the full listener");
                    return 0;
                }, () => socket.LocalEndPoint as IPEndPoint));
            }
            var sends = sockets.Select((s, i) => connects[i].Succeeded
                ? SocketOutcome.Of("send(5 bytes)", () => s.Send("hello"u8), () => s.LocalEndPoint as IPEndPoint)
                : null).ToList();
            var queue = SocketTable.Read(Port).FirstOrDefault(e => e.State == TcpState.Listen);
            Thread.Sleep(200);
            for (var i = 0; i < count; i++)
            {
                var socket = sockets[i];
                socket.ReceiveTimeout = 200;
                var receive = connects[i].Succeeded
                    ? SocketOutcome.Of("recv()", () => socket.Receive(new byte[16]), () => socket.LocalEndPoint as IPEndPoint)
                    : null;
                clients.Add(new OverflowClient(i + 1, connects[i], sends[i], receive));
            }
            return (clients, queue);
        }
        finally
        {
            foreach (var socket in sockets)
                socket.Dispose();
        }
    }
}

/// <summary>One client of the overflow experiment and what each of its calls returned.</summary>
/// <param name="Client">1-based client number, in connect order.</param>
/// <param name="Connect">connect(): succeeds once the kernel completed the handshake, or times out when the full listener dropped the SYN.</param>
/// <param name="Send">send() of 5 bytes (null when not connected).</param>
/// <param name="Receive">recv() afterwards: ConnectionReset when the listener answered with RST, TimedOut when the data sits in the queue.</param>
public sealed record OverflowClient(int Client, SocketOutcome Connect, SocketOutcome? Send, SocketOutcome? Receive)
{
    /// <summary>True when this client's connection was reset.</summary>
    public bool WasReset => Receive?.Error == SocketError.ConnectionReset || Send?.Error == SocketError.ConnectionReset;
}

/// <summary>The outcome of the overflow experiment.</summary>
/// <param name="Ran">False when it could not run here (no namespaces); <paramref name="Reason"/> says why.</param>
/// <param name="Reason">Why it did not run, and what to do.</param>
/// <param name="Counters">The namespace's counter changes (null when it did not run).</param>
/// <param name="Clients">Each client's calls.</param>
/// <param name="Listener">The listener in the socket table after the sends: Recv-Q is the accept queue's length.</param>
/// <param name="Wire">The packets inside the namespace (live, or the recording).</param>
public sealed record OverflowRun(bool Ran, string? Reason, CounterDelta? Counters, IReadOnlyList<OverflowClient> Clients, SocketEntry? Listener, WireCapture Wire);
