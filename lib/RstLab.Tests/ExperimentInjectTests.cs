using System.Net;
using System.Net.Sockets;
using RstLab.Packets;
using RstLab.Sockets;

namespace RstLab.Tests;

public sealed class ExperimentInjectTests
{
    [LiveFact]
    public void It_puts_a_forged_reset_where_tcp_accepts_it_in_a_private_namespace()
    {
        using var x = Lab.StartPrivate("07-rst-window", 8000);
        var (client, server) = ConnectedPair.Open(x);
        using var _ = server;
        server.Send("hello"u8);
        Assert.Equal(5, client.Receive(new byte[16]));

        x.Inject(ForgedReset.Into(x.Wire.Packets));

        var reset = SocketOutcome.Of("recv", () => client.Receive(new byte[16]));
        Assert.True(reset.Is(Errno.ECONNRESET), reset.ToString());
        Assert.Contains(x.Wire.Packets.Rows, r => !r.FromClient && r.Flags == TcpFlags.Rst && r.Seq == 6);
    }

    [LiveFact]
    public void It_refuses_to_inject_on_this_machines_loopback()
    {
        using var x = Lab.Start("07-rst-window", Lab.UnusedPort());
        var frame = SegmentForge.Build(new(IPAddress.Loopback, 40001), new(IPAddress.Loopback, x.Port), TcpFlags.Rst, 1);

        var refused = Assert.Throws<InvalidOperationException>(() => x.Inject(frame));
        Assert.Contains("Lab.StartPrivate", refused.Message);
    }
}
