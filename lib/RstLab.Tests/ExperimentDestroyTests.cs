using System.Net;
using RstLab.Sockets;

namespace RstLab.Tests;

public sealed class ExperimentDestroyTests
{
    [LiveFact]
    public void It_kills_a_connection_from_outside_as_ss_K_does()
    {
        using var x = Lab.StartPrivate("07-ss-kill", 8000);
        var (client, server) = ConnectedPair.Open(x);

        var printed = x.Destroy(server);

        Assert.Contains("127.0.0.1:8000", printed);
        var killed = SocketOutcome.Of("recv", () => server.Receive(new byte[16]));
        Assert.True(killed.Is(Errno.ECONNABORTED), killed.ToString());
        var peer = SocketOutcome.Of("recv", () => client.Receive(new byte[16]));
        Assert.True(peer.Is(Errno.ECONNRESET), peer.ToString());
        server.Dispose();
    }

    [LiveFact]
    public void It_refuses_a_socket_without_a_connection()
    {
        using var x = Lab.StartPrivate("07-ss-kill", 8000);
        var unconnected = x.NewSocket();

        var refused = Assert.Throws<LabArgumentException>(() => x.Destroy(unconnected));
        Assert.Contains("not connected", refused.Message);
    }
}
