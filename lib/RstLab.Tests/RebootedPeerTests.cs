using System.Net.Sockets;
using RstLab.Scenarios;

namespace RstLab.Tests;

[Collection("live")]
public sealed class RebootedPeerTests
{
    [LiveFact]
    public void It_resets_a_write_to_a_rebooted_host_then_reports_EPIPE()
    {
        var run = RebootedPeer.CrashAndReboot("04-test-reboot");

        Assert.True(run.Ran, run.Reason);
        Assert.Equal([SocketError.Success, SocketError.ConnectionReset, SocketError.Shutdown], run.Sequence);
        Assert.Equal([104, 32], run.Afterwards.Skip(1).Select(a => a.NativeErrorCode));
        Assert.True(run.Wire.IsLive);
        var rst = Assert.Single(run.Wire.Packets.Rsts);
        Assert.False(rst.FromClient);
        Assert.Equal("R", rst.Flags);
        Assert.True(run.Host("server")["OutRsts"] >= 1);
        Assert.Equal(1, run.Host("client")["EstabResets"]);
    }

    [LiveFact]
    public void It_lets_keepalive_find_the_rebooted_host_without_a_write()
    {
        var run = RebootedPeer.KeepaliveAfterReboot("04-test-keepalive");

        Assert.True(run.Ran, run.Reason);
        Assert.Equal([SocketError.Success, SocketError.ConnectionReset, SocketError.Shutdown], run.Sequence);
        var rst = Assert.Single(run.Wire.Packets.Rsts);
        var probe = run.Wire.Packets.Rows.Last(r => r.FromClient && r.Number < rst.Number);
        Assert.Equal(0, probe.Length);
        Assert.Equal(probe.Segment.Acknowledgment, rst.Segment.Sequence);
        Assert.InRange(run.ResetAfter!.Value.TotalSeconds, 0.5, 4);
    }

    [LiveFact]
    public void It_makes_a_loopback_socket_vanish_without_FIN_or_RST()
    {
        var run = RebootedPeer.VanishOnLoopback("04-test-vanish");

        Assert.True(run.Ran, run.Reason);
        Assert.Equal([SocketError.Success, SocketError.ConnectionReset, SocketError.Shutdown], run.Sequence);
        Assert.DoesNotContain(run.Wire.Packets.Rows, r => !r.FromClient && (r.Flags.Contains('F') || r.IsRst) && r.Number < run.Wire.Packets.Rsts.First().Number);
        Assert.Single(run.Wire.Packets.Rsts);
    }
}
