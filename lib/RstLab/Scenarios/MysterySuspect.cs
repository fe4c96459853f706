using System.Net;
using System.Net.Sockets;
using RstLab.Diagnosis;
using RstLab.Evidence;
using RstLab.Sockets;

namespace RstLab.Scenarios;

/// <summary>One way the mystery of <c>05-diagnose</c> can make a reset: the course's experiments, each on one connection.</summary>
/// <param name="Recording">Its recording in <c>data/</c> (e.g. <c>05-unread-close</c>), shown where it cannot run live.</param>
/// <param name="Cause">The true cause of its reset.</param>
/// <param name="Story">What the notebook did, in one sentence (shown on reveal).</param>
/// <param name="Make">The socket calls, run in the experiment's network.</param>
public sealed record MysterySuspect(string Recording, ResetCause Cause, string Story, Action<Experiment> Make)
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(2);

    /// <summary>Every suspect, in a fixed order (the seed picks among them).</summary>
    public static IReadOnlyList<MysterySuspect> All { get; } =
    [
        new("05-no-listener", ResetCause.NoListener, "connect() to a port where nobody listens", x =>
        {
            var client = x.NewSocket();
            x.Client.Do(() => client.Connect(At(x), Wait), Expect.Fails(Errno.ECONNREFUSED));
        }),
        new("05-unread-close", ResetCause.AbortiveClose, "the server closed without reading the client's hello", x =>
        {
            var (client, server) = Connected(x);
            x.Client.Do(() => client.Send("hello"u8), Expect.Returns(5));
            Thread.Sleep(20);   // the hello reaches the server's receive buffer
            x.Server.Do(() => server.Close());
            x.Client.Do(() => client.Receive(new byte[16]), Expect.Fails(Errno.ECONNRESET));
        }),
        new("05-linger-abort", ResetCause.AbortiveClose, "the server read the hello, then closed with SO_LINGER {on, 0}", x =>
        {
            var (client, server) = Connected(x);
            x.Client.Do(() => client.Send("hello"u8), Expect.Returns(5));
            x.Server.Do(() => server.Receive(new byte[16]), Expect.Returns(5));
            x.Server.Do(() => server.Set(SocketOption.SO_LINGER, 1, 0));
            x.Server.Do(() => server.Close());
            x.Client.Do(() => client.Receive(new byte[16]), Expect.Fails(Errno.ECONNRESET));
        }),
        new("05-closed-peer", ResetCause.PeerClosed, "the server accepted and closed at once; the client wrote anyway", x =>
        {
            var (client, server) = Connected(x);
            x.Server.Do(() => server.Close());
            x.Client.Do(() => client.Poll(Wait, SelectMode.SelectRead) ? 1 : 0, Expect.Returns(1));   // the FIN
            x.Client.Do(() => client.Send("hello"u8), Expect.Returns(5));
            x.Wire.WaitFor(s => s.IsRst, Wait);   // the server's answer
        }),
        new("05-keepalive-race", ResetCause.KeepAliveRace, "request, response, 0.3 s idle, the server closed the pooled connection as the client sent its next request", x =>
        {
            var (client, server) = Connected(x);
            x.Client.Do(() => client.Send("GET /1"u8), Expect.Returns(6));
            x.Server.Do(() => server.Receive(new byte[16]), Expect.Returns(6));
            x.Server.Do(() => server.Send("200 OK"u8), Expect.Returns(6));
            x.Client.Do(() => client.Receive(new byte[16]), Expect.Returns(6));
            Thread.Sleep(300);
            x.Server.Do(() => server.Close());
            Thread.Sleep(50);   // the FIN arrives; the pool does not look
            x.Client.Do(() => client.Send("GET /2"u8), Expect.Returns(6));
            x.Wire.WaitFor(s => s.IsRst, Wait);
        }),
    ];

    static IPEndPoint At(Experiment x) => new(IPAddress.Loopback, x.Port);

    static (Socket Client, Socket Server) Connected(Experiment x)
    {
        var listener = x.NewSocket();
        x.Server.Do(() => listener.Bind(At(x)));
        x.Server.Do(() => listener.Listen(1));
        var client = x.NewSocket();
        x.Client.Do(() => client.Connect(At(x), Wait));
        var server = x.Server.Do(() => listener.Accept(Wait)) ?? throw new InvalidOperationException("The server accepted no connection.");
        return (client, server);
    }

}
