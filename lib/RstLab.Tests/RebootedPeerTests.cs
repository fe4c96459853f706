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
            AfterTheCrash(run, client, pollSeconds: 2);
        }

        Assert.Equal([SocketError.Success, SocketError.ConnectionReset, SocketError.Shutdown], ClientAfter(run, healthy: 1).Select(c => c.Error));
        Assert.Equal([104, 32], ClientAfter(run, healthy: 1).Skip(1).Select(a => a.NativeErrorCode));
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
            run.Client.Do(() => client.Poll(TimeSpan.FromSeconds(6), SelectMode.SelectRead) ? 1 : 0);
            run.Client.Do(() => client.Receive(new byte[64]));
            run.Client.Do(() => client.Send("again"u8));
        }

        Assert.Equal([SocketError.ConnectionReset, SocketError.Shutdown], ClientAfter(run, healthy: 1).Select(c => c.Error));
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
            AfterTheCrash(run, client, pollSeconds: 2);
            Assert.Throws<InvalidOperationException>(run.CrashServer);
        }

        Assert.Equal([SocketError.Success, SocketError.ConnectionReset, SocketError.Shutdown], ClientAfter(run, healthy: 0).Select(c => c.Error));
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
        run.Client.Do(() => client.Send("hello"u8));
        run.Server.Do(() => server.Receive(new byte[64]));
        return client;
    }

    // 04's calls once the peer forgot the connection: a write only queued, the wait for the RST, two writes that fail.
    static void AfterTheCrash(RebootedPeer run, Socket client, int pollSeconds)
    {
        run.Client.Do(() => client.Send("again"u8));
        run.Client.Do(() => client.Poll(TimeSpan.FromSeconds(pollSeconds), SelectMode.SelectRead) ? 1 : 0);
        run.Client.Do(() => client.Send("again"u8));
        run.Client.Do(() => client.Send("again"u8));
    }

    /// <summary>The client's calls after its first <paramref name="healthy"/> ones, polls left out: what it saw once the peer forgot the connection.</summary>
    internal static IEnumerable<SocketOutcome> ClientAfter(RebootedPeer run, int healthy) =>
        run.Logs.LastOrDefault()?.Skip(healthy).Where(c => !c.Call.Contains(".Poll(", StringComparison.Ordinal)) ?? [];
}
