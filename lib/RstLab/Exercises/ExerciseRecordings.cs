using System.Net;
using System.Net.Sockets;
using RstLab.Evidence;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Exercises;

/// <summary>The experiments behind the diagnosis exercises' recordings (<c>data/exercises/</c>), run by <c>sudo ./lab record --exercises</c>; no notebook shows them.</summary>
public static class ExerciseRecordings
{
    /// <summary>Runs every recording's experiment; each saves its capture where <see cref="Capture.Recordings.RecordVariable"/> points.
    /// Returns the experiments, ended, so the caller can say which did not run live.</summary>
    public static IReadOnlyList<Experiment> RunAll() => [TwoPorts(), TwoRequests(), Goodbye(), SecondRequest()];

    /// <summary>01.3: one connection to a listener, closed gracefully, then a SYN to a port where nobody listens.</summary>
    public static Experiment TwoPorts()
    {
        var open = Loopback.UnusedPort();
        var closed = Loopback.UnusedPort();
        while (closed == open)
            closed = Loopback.UnusedPort();
        var x = Experiment.Start("exercises/01-two-ports", open, closed);
        using (x)
        {
            var listener = x.NewSocket();
            x.Server.Do(() => listener.Bind(new IPEndPoint(IPAddress.Loopback, open)));
            x.Server.Do(() => listener.Listen(1));
            var first = x.NewSocket();
            x.Client.Do(() => first.Connect(new IPEndPoint(IPAddress.Loopback, open), TimeSpan.FromSeconds(2)));
            var accepted = x.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!;
            x.Server.Do(() => accepted.Close());
            x.Client.Do(() => first.Receive(new byte[16]), Expect.Returns(0));
            x.Client.Do(() => first.Close());
            var second = x.NewSocket();
            x.Client.Do(() => second.Connect(new IPEndPoint(IPAddress.Loopback, closed), TimeSpan.FromSeconds(2)), Expect.Fails(Errno.ECONNREFUSED));
        }
        return x;
    }

    /// <summary>02.3: the server answers one request and closes with the second unread: an abort.</summary>
    public static Experiment TwoRequests()
    {
        var x = Experiment.StartIsolated("exercises/02-two-requests", 8080);
        using (x)
        {
            var at = new IPEndPoint(IPAddress.Loopback, 8080);
            var listener = x.NewSocket();
            x.Server.Do(() => listener.Bind(at));
            x.Server.Do(() => listener.Listen(1));
            var client = x.NewSocket();
            x.Client.Do(() => client.Connect(at, TimeSpan.FromSeconds(2)));
            x.Client.Do(() => client.Send("GET /1\n"u8), Expect.Returns(7));
            var server = x.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!;
            x.Server.Do(() => server.Receive(new byte[7]), Expect.Returns(7));        // exactly the first request
            x.Server.Do(() => server.Send("200 OK\n"u8), Expect.Returns(7));
            x.Client.Do(() => client.Receive(new byte[16]), Expect.Returns(7));
            x.Client.Do(() => client.Send("GET /2\n"u8), Expect.Returns(7));
            x.Server.Do(() => server.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead));   // arrived, never read
            x.Server.Do(() => server.Close());
            client.ReceiveTimeout = 1000;
            x.Client.Do(() => client.Receive(new byte[16]), Expect.Fails(Errno.ECONNRESET));
        }
        return x;
    }

    /// <summary>03.3: the server sends a line and closes; the client reads it and the FIN, writes anyway, and gets the RST.</summary>
    public static Experiment Goodbye()
    {
        var x = Experiment.StartIsolated("exercises/03-goodbye", 8025);
        using (x)
        {
            var (client, server) = Accepted(x, 8025);
            x.Server.Do(() => server.Send("221 bye\n"u8), Expect.Returns(8));
            x.Server.Do(() => server.Close());
            client.ReceiveTimeout = 1000;
            x.Client.Do(() => client.Receive(new byte[8]), Expect.Returns(8));
            x.Client.Do(() => client.Receive(new byte[8]), Expect.Returns(0));                    // the FIN
            x.Client.Do(() => client.Send("QUIT\n"u8), Expect.Returns(5));                        // accepted by its own kernel
            x.Client.Do(() => client.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectError) ? 1 : 0);   // the RST arrives
            x.Client.Do(() => client.Send("QUIT\n"u8), Expect.Fails(Errno.EPIPE));
        }
        return x;
    }

    /// <summary>04.3: the server answers one request, then its socket vanishes without a segment (TCP_REPAIR, as in a crash); the client's
    /// second request draws the reset, and its recv() reports it. Needs CAP_NET_ADMIN, which root has in the experiment's namespace.</summary>
    public static Experiment SecondRequest()
    {
        var x = Experiment.StartIsolated("exercises/04-second-request", 8040);
        using (x)
        {
            var (client, server) = Accepted(x, 8040);                                           // the listener stays open
            client.ReceiveTimeout = 1000;
            x.Client.Do(() => client.Send("PING 1\n"u8), Expect.Returns(7));
            x.Server.Do(() => server.Receive(new byte[7]), Expect.Returns(7));
            x.Server.Do(() => server.Send("PONG 1\n"u8), Expect.Returns(7));
            x.Client.Do(() => client.Receive(new byte[16]), Expect.Returns(7));
            x.Server.Do(() => server.Set(SocketOption.TCP_REPAIR, 1));
            x.Server.Do(() => server.Close());                                                   // in repair mode: no segment
            x.Client.Do(() => client.Send("PING 2\n"u8), Expect.Returns(7));
            x.Client.Do(() => client.Receive(new byte[16]), Expect.Fails(Errno.ECONNRESET));
        }
        return x;
    }

    // A listener on 127.0.0.1:port, one connection to it, accepted: the start the diagnosis recordings share.
    static (Socket Client, Socket Server) Accepted(Experiment x, int port)
    {
        var at = new IPEndPoint(IPAddress.Loopback, port);
        var listener = x.NewSocket();
        x.Server.Do(() => listener.Bind(at));
        x.Server.Do(() => listener.Listen(1));
        var client = x.NewSocket();
        x.Client.Do(() => client.Connect(at, TimeSpan.FromSeconds(2)));
        return (client, x.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!);
    }
}
