using System.Net;
using System.Net.Sockets;
using RstLab.Evidence;
using RstLab.Kernel;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>The captured experiments of notebooks 01–03, making the calls their cells make (Experiment API, <c>Do</c> with the
/// cells' predictions), for the live tests and the benchmarks. Each returns the finished (disposed) experiment.</summary>
internal static class NotebookExperiments
{
    /// <summary>How notebook 02's server ends the connection.</summary>
    internal enum Close { Graceful, Linger0, Unread, UnreadLinger0 }

    /// <summary>The opening of 02's and 03's cells: the server binds 127.0.0.1 and listens (backlog 1), the client connects with a 2 s deadline.</summary>
    internal static (Socket Listener, Socket Client) Connect(Experiment x)
    {
        var at = new IPEndPoint(IPAddress.Loopback, x.Port);
        var listener = x.NewSocket();
        x.Server.Do(() => listener.Bind(at));
        x.Server.Do(() => listener.Listen(1));
        var client = x.NewSocket();
        x.Client.Do(() => client.Connect(at, TimeSpan.FromSeconds(2)), Expect.Ok);
        return (listener, client);
    }

    /// <summary>01's accept-queue overflow: a listener with backlog 1 that never accepts, six clients knocking, then sending.</summary>
    internal static (Experiment Run, IReadOnlyList<SocketEntry> Queue) Overflow(string name)
    {
        var overflow = Lab.StartPrivate(name, 8000, "net.ipv4.tcp_abort_on_overflow=1");
        IReadOnlyList<SocketEntry> queue = [];
        using (overflow)
        {
            var to8000 = new IPEndPoint(IPAddress.Loopback, 8000);
            var listener = overflow.NewSocket();
            overflow.Server.Do(() => listener.Set(SocketOption.TCP_DEFER_ACCEPT, 5));
            overflow.Server.Do(() => listener.Bind(to8000));
            overflow.Server.Do(() => listener.Listen(1));
            var clients = Enumerable.Range(0, 6).Select(_ => overflow.NewSocket()).ToList();
            foreach (var knocker in clients)
                overflow.Client.Do(() => knocker.Connect(to8000, TimeSpan.FromMilliseconds(300)));
            var connected = clients.Where(c => c.Connected).ToList();
            foreach (var gaveUp in clients.Except(connected)) gaveUp.Dispose();
            foreach (var sender in connected)
                overflow.Client.Do(() => sender.Send("hello"u8), Expect.Returns(5));
            queue = overflow.Sockets().Where(s => s.State == TcpState.Listen).ToList();
            Thread.Sleep(200);
            foreach (var reader in connected)
            {
                reader.ReceiveTimeout = 200;
                overflow.Client.Do(() => reader.Receive(new byte[16]));
            }
        }
        return (overflow, queue);
    }

    /// <summary>02's closes: connect, hello, accept, read it (or leave it unread), close as <paramref name="close"/> says, then the client reads and writes.</summary>
    internal static (Experiment Run, IReadOnlyList<SocketEntry> BeforeClose) Closing(string name, Close close)
    {
        var x = Lab.StartIsolated(name, Lab.UnusedPort());
        IReadOnlyList<SocketEntry> beforeClose = [];
        using (x)
        {
            var (listener, client) = Connect(x);
            x.Client.Do(() => client.Send("hello"u8), Expect.Returns(5));
            var server = x.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!;
            if (close is Close.Graceful or Close.Linger0)
                x.Server.Do(() => server.Receive(new byte[16]), Expect.Returns(5));
            else
                x.Server.Do(() => server.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead));
            beforeClose = x.Sockets();
            if (close is Close.Linger0 or Close.UnreadLinger0)
                x.Server.Do(() => server.Set(SocketOption.SO_LINGER, 1, 0));
            x.Server.Do(() => server.Close());
            if (close == Close.Graceful)
            {
                x.Client.Do(() => client.Receive(new byte[16]), Expect.Returns(0));
                x.Client.Do(() => client.Close());
            }
            else if (close != Close.UnreadLinger0)
            {
                x.Client.Do(() => client.Receive(new byte[16]), Expect.Fails(Errno.ECONNRESET));
                x.Client.Do(() => client.Send("again"u8), Expect.Fails(Errno.EPIPE));
            }
        }
        return (x, beforeClose);
    }

    /// <summary>03's article experiment: the server closes at once; once that settled the client writes three times and reads.</summary>
    internal static (Experiment Run, IReadOnlyList<SocketEntry> BeforeWrites) ClosedPeer(string name)
    {
        var closed = Lab.StartIsolated(name, Lab.UnusedPort());
        IReadOnlyList<SocketEntry> beforeWrites = [];
        using (closed)
        {
            var (listener, client) = Connect(closed);
            var server = closed.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!;
            closed.Server.Do(() => server.Close());
            beforeWrites = closed.SocketsWhen(s => s.State == TcpState.FinWait2);
            var chunk = new byte[5000];
            closed.Client.Do(() => client.Send(chunk), Expect.Returns(5000));
            closed.Client.Do(() => client.Send(chunk), Expect.Fails(Errno.EPIPE));
            closed.Client.Do(() => client.Send(chunk), Expect.Fails(Errno.EPIPE));
            closed.Client.Do(() => client.Receive(chunk), Expect.Returns(0));
        }
        return (closed, beforeWrites);
    }

    /// <summary>03's unread data: ten 5000-byte writes, the server reads 5000 and closes, the client writes three more and reads.</summary>
    internal static (Experiment Run, IReadOnlyList<SocketEntry> BeforeClose, long ServerRead) UnreadData(string name)
    {
        var unread = Lab.StartIsolated(name, Lab.UnusedPort());
        IReadOnlyList<SocketEntry> beforeClose = [];
        long serverRead = 0;
        using (unread)
        {
            var (listener, client) = Connect(unread);
            var server = unread.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!;
            var chunk = new byte[5000];
            for (var i = 1; i <= 10; i++)
                unread.Client.Do(() => client.Send(chunk), Expect.Returns(5000));
            unread.SocketsWhen(s => s.ReceiveQueue == 50000);
            serverRead = unread.Server.Do(() => server.Receive(chunk), Expect.Returns(5000));
            beforeClose = unread.Sockets();
            unread.Server.Do(() => server.Close());
            client.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead);
            unread.Client.Do(() => client.Send(chunk), Expect.Fails(Errno.ECONNRESET));
            unread.Client.Do(() => client.Send(chunk), Expect.Fails(Errno.EPIPE));
            unread.Client.Do(() => client.Send(chunk), Expect.Fails(Errno.EPIPE));
            unread.Client.Do(() => client.Receive(chunk), Expect.Returns(0));
        }
        return (unread, beforeClose, serverRead);
    }
}
