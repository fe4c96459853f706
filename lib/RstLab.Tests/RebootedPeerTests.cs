using RstLab.Packets;
using System.Net;
using System.Net.Sockets;
using RstLab.Namespaces;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Tests;

[Collection("live")]
public sealed class RebootedPeerTests
{
    [LiveFact]
    public void It_resets_a_write_to_a_rebooted_host_then_reports_EPIPE()
    {
        var run = RebootedPeer.Start("04-test-reboot");
        using (run)
        {
            Assert.True(run.Live, run.Reason);
            var client = ConnectAndExchange(run);
            run.CrashServer();
            run.RebootServer();
            run.Server.Listen(RebootedPeer.ArticlePort);
            run.ClientSaw(Send(client), Poll(client, 2), Send(client), Send(client));
        }

        Assert.Equal([SocketError.Success, SocketError.ConnectionReset, SocketError.Shutdown], run.Sequence);
        Assert.Equal([104, 32], run.Calls.Skip(1).Select(a => a.NativeErrorCode));
        Assert.NotNull(run.ResetAfter);
        Assert.True(run.Wire.IsLive);
        var rst = Assert.Single(run.Wire.Packets.Rsts);
        Assert.False(rst.FromClient);
        Assert.Equal(TcpFlags.Rst, rst.Flags);
        Assert.True(run.Host("server")["OutRsts"] >= 1);
        Assert.Equal(1, run.Host("client")["EstabResets"]);
        Assert.DoesNotContain(NetworkNamespace.List(), n => run.Steps.Any(s => s.Contains(n)));
    }

    [LiveFact]
    public void It_lets_keepalive_find_the_rebooted_host_without_a_write()
    {
        var run = RebootedPeer.Start("04-test-keepalive");
        using (run)
        {
            Assert.True(run.Live, run.Reason);
            var client = ConnectAndExchange(run, keepalive: true);
            run.CrashServer();
            run.RebootServer();
            run.Server.Listen(RebootedPeer.ArticlePort);
            run.ClientSaw(Poll(client, 6), SocketOutcome.Of("recv()", () => client.Receive(new byte[64])), Send(client));
        }

        Assert.Equal([SocketError.ConnectionReset, SocketError.Shutdown], run.Sequence);
        var rst = Assert.Single(run.Wire.Packets.Rsts);
        var probe = run.Wire.Packets.Rows.Last(r => r.FromClient && r.Number < rst.Number);
        Assert.Equal(0, probe.Length);
        Assert.Equal(probe.Segment.Acknowledgment, rst.Segment.Sequence);
        Assert.InRange(run.ResetAfter!.Value.TotalSeconds, 0.5, 4);
    }

    [LiveFact]
    public void It_makes_a_loopback_socket_vanish_without_FIN_or_RST()
    {
        var run = RebootedPeer.StartOnLoopback("04-test-vanish");
        using (run)
        {
            Assert.True(run.Live, run.Reason);
            var listener = run.Server.Listen(run.Port);
            var client = run.Client.Connect(IPAddress.Loopback, run.Port);
            var server = run.Server.Accept(listener);
            server.Set(SocketOption.TCP_REPAIR, 1);
            server.Close();
            run.ClientSaw(Send(client), Poll(client, 2), Send(client), Send(client));
            Assert.Throws<InvalidOperationException>(run.CrashServer);
        }

        Assert.Equal([SocketError.Success, SocketError.ConnectionReset, SocketError.Shutdown], run.Sequence);
        Assert.DoesNotContain(run.Wire.Packets.Rows, r => !r.FromClient && (r.Flags.HasFlag(TcpFlags.Fin) || r.IsRst) && r.Number < run.Wire.Packets.Rsts.First().Number);
        Assert.Single(run.Wire.Packets.Rsts);
        Assert.True(run.Host("this machine")["EstabResets"] >= 1);
    }

    [Fact]
    public void It_shows_the_recording_and_refuses_calls_when_it_cannot_run()
    {
        using var run = RebootedPeer.NotRun("04-reboot", "Creating a network namespace needs root (CAP_SYS_ADMIN)");

        Assert.False(run.Live);
        Assert.False(run.Wire.IsLive);
        Assert.NotEmpty(run.Wire.Packets.Rsts);
        var e = Assert.Throws<InvalidOperationException>(() => run.Client);
        Assert.Contains("needs root", e.Message);
        Assert.Throws<InvalidOperationException>(run.CrashServer);
    }

    static Socket ConnectAndExchange(RebootedPeer run, bool keepalive = false)
    {
        var listener = run.Server.Listen(RebootedPeer.ArticlePort);
        var client = run.Client.Connect(TwoHosts.ServerAddress, RebootedPeer.ArticlePort);
        var server = run.Server.Accept(listener);
        if (keepalive)
        {
            client.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 1);
            client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 1);
            client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 2);
        }
        run.Exchanged(Send(client), SocketOutcome.Of("server recv()", () => server.Receive(new byte[64])));
        return client;
    }

    static SocketOutcome Send(Socket client) => SocketOutcome.Of("send(5 bytes)", () => client.Send("again"u8));

    static SocketOutcome Poll(Socket client, int seconds) =>
        SocketOutcome.Of($"poll(readable, {seconds} s)", () => client.Poll(TimeSpan.FromSeconds(seconds), SelectMode.SelectRead) ? 1 : 0);
}
