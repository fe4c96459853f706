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
    public void It_sends_several_frames_back_to_back_and_each_takes_one_step()
    {
        using var x = Lab.StartPrivate("zz-inject-burst", 8000);
        var (_, server) = ConnectedPair.Open(x);
        using var _ = server;
        var steps = 0;
        Action<RstLab.Scenarios.IExperimentRun> onStep = e => { if (e == x) steps++; };
        RstLab.Scenarios.ExperimentRuns.Stepped += onStep;
        var packets = x.Wire.Packets;
        try
        {
            x.Inject(ForgedReset.Into(packets, offset: 1000), ForgedReset.Into(packets, offset: 2000), ForgedReset.Into(packets, offset: 3000));
        }
        finally
        {
            RstLab.Scenarios.ExperimentRuns.Stepped -= onStep;
        }

        Assert.Equal(1, steps);   // one call, one step: rerun, the cell that injected replays instead of injecting again
        var rows = x.Wire.Packets.Rows;
        var forged = rows.Where(r => r.IsRst).ToList();
        Assert.Equal([1001, 2001, 3001], forged.Select(r => r.Seq));
        Assert.True(forged[^1].Time - forged[0].Time < 0.5, $"the three resets took {forged[^1].Time - forged[0].Time:F3} s");
        // Within tcp_invalid_ratelimit (500 ms by default) the client answers one of them with a challenge ACK.
        Assert.Single(rows, r => r.FromClient && r.Flags == TcpFlags.Ack && r.Number > forged[0].Number);
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
