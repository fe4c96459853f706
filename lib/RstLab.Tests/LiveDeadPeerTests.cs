using System.Net;
using System.Net.Sockets;
using RstLab.Evidence;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>Notebook 03's dead-peer cells, as one test: without writing, the client learns of the peer's FIN and RST by asking
/// whether its sockets are readable (<c>Poll</c>, <c>Select</c>), then reads 0 and ECONNRESET.</summary>
[Collection("live")]
public sealed class LiveDeadPeerTests
{
    [Fact]
    public void It_sees_both_sockets_become_readable_and_reads_0_for_the_fin_and_econnreset_for_the_rst()
    {
        using var dead = Lab.StartIsolated("zz-dead-peer", Lab.UnusedPort());
        var at = new IPEndPoint(IPAddress.Loopback, dead.Port);
        var listener = dead.NewSocket();
        dead.Server.Do(() => listener.Bind(at));
        dead.Server.Do(() => listener.Listen(2));
        var (finSide, rstSide) = (dead.NewSocket(), dead.NewSocket());
        dead.Client.Do(() => finSide.Connect(at, TimeSpan.FromSeconds(2)), Expect.Ok);
        dead.Client.Do(() => rstSide.Connect(at, TimeSpan.FromSeconds(2)), Expect.Ok);
        dead.Client.Do(() => rstSide.Send("hello"u8), Expect.Returns(5));
        dead.Client.Do(() => finSide.Poll(TimeSpan.Zero, SelectMode.SelectRead) ? 1 : 0, Expect.Returns(0));
        dead.Client.Do(() => rstSide.Poll(TimeSpan.Zero, SelectMode.SelectRead) ? 1 : 0, Expect.Returns(0));

        var finPeer = dead.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!;
        var rstPeer = dead.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!;
        Assert.True(rstPeer.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead), "the hello did not arrive");
        dead.Server.Do(() => finPeer.Close());
        dead.Server.Do(() => rstPeer.Close());

        var watched = new List<Socket> { finSide, rstSide };
        Socket.Select(watched, null, null, TimeSpan.FromSeconds(1));
        Assert.Equal([finSide, rstSide], watched);   // Select listed both
        dead.Client.Do(() => finSide.Poll(TimeSpan.Zero, SelectMode.SelectRead) ? 1 : 0, Expect.Returns(1));
        dead.Client.Do(() => finSide.Receive(new byte[64]), Expect.Returns(0));
        dead.Client.Do(() => rstSide.Poll(TimeSpan.Zero, SelectMode.SelectRead) ? 1 : 0, Expect.Returns(1));
        dead.Client.Do(() => rstSide.Receive(new byte[64]), Expect.Fails(Errno.ECONNRESET));

        Assert.All(dead.Client, c => Assert.True(c.AsExpected, c.ToString()));   // every client call predicted, every one held
        Assert.All(dead.Server, c => Assert.True(c.Succeeded, c.ToString()));
        Assert.Equal((SocketError.ConnectionReset, 104), (dead.Client[^1].Error, dead.Client[^1].NativeErrorCode));
    }
}
