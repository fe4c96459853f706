using RstLab.Evidence;
using RstLab.Kernel;
using RstLab.Packets;
using System.Net.Sockets;
using RstLab.Capture;
using RstLab.Scenarios;
using RstLab.Sockets;

namespace RstLab.Tests;

/// <summary>Notebook 03's two captured experiments, written as the notebook writes them, live in the lab's own namespace: exact counters, packets, errno sequences, socket tables.</summary>
[Collection("live")]
public sealed class LiveClosedPeerTests
{
    [LiveFact]
    public void It_runs_the_closed_peers_calls_in_an_isolated_experiment_each_with_its_prediction()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        var port = Lab.UnusedPort();
        var closed = Lab.StartIsolated("03-closed-peer", port);
        IReadOnlyList<SocketEntry> beforeWrites;
        using (closed)
        {
            var at = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port);
            var listener = closed.NewSocket();
            closed.Server.Do(() => listener.Bind(at));
            closed.Server.Do(() => listener.Listen(1));
            var client = closed.NewSocket();
            closed.Client.Do(() => client.Connect(at, TimeSpan.FromSeconds(2)), Expect.Ok);
            var server = closed.Server.Do(() => listener.Accept(TimeSpan.FromSeconds(2)))!;
            closed.Server.Do(() => server.Close());
            beforeWrites = closed.SocketsWhen(s => s.State == TcpState.FinWait2);
            var chunk = new byte[5000];
            closed.Client.Do(() => client.Send(chunk), Expect.Returns(5000));
            closed.Client.Do(() => client.Send(chunk), Expect.Fails(Errno.EPIPE));
            closed.Client.Do(() => client.Receive(chunk), Expect.Returns(0));
        }

        Assert.True(closed.IsLive && closed.IsPrivate, closed.ToString());
        Assert.All(closed.Client, c => Assert.True(c.AsExpected, $"{c.Call} {Evidence.ExpectedResult.Text(c)}, expected {c.Expected}"));
        Assert.Equal(["listener.Bind(at)", "listener.Listen(1)", "listener.Accept(TimeSpan.FromSeconds(2))", "server.Close()"], closed.Server.Select(c => c.Call));
        Assert.Contains(beforeWrites, s => s.State == TcpState.CloseWait && s.ReceiveQueue == 1);
        Assert.True(Expect.All(Expect.Moved("OutRsts", 1), Expect.Moved("EstabResets", 1)).IsMetBy(closed.Counters!), closed.Counters!.ToString());
        Assert.Empty(closed.Sockets());
        Assert.Equal(5000, ClosedPeerDelivery.Of("closed", closed, readByPeer: 0).Written);
    }

    [LiveFact]
    public void It_answers_data_sent_after_the_peers_close_with_a_bare_rst_then_epipe()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        using var bench = CloseBench.Open();
        var closed = bench.Start("test-closed-peer");
        IReadOnlyList<RstLab.Kernel.SocketEntry> beforeWrites;
        using (closed)
        using (var client = closed.Connect())
        using (var server = closed.Accept())
        {
            server.Close();
            beforeWrites = closed.SocketsWhen(s => s.State == TcpState.FinWait2);
            var chunk = new byte[5000];
            closed.PeerSaw(
                SocketOutcome.Of("write #1", () => client.Send(chunk)),
                SocketOutcome.Of("write #2", () => client.Send(chunk)),
                SocketOutcome.Of("write #3", () => client.Send(chunk)),
                SocketOutcome.Of("recv()", () => client.Receive(chunk)));
        }

        Assert.True(closed.Wire.IsLive && closed.CountersArePrivate, closed.Wire.Unavailable ?? bench.Reason);
        Assert.Equal([(SocketError.Success, 0, 5000L), (SocketError.Shutdown, 32, 0), (SocketError.Shutdown, 32, 0), (SocketError.Success, 0, 0)], closed.PeerCalls.Select(c => (c.Error, c.NativeErrorCode, c.Value)));
        Assert.Contains(beforeWrites, s => s.State == TcpState.CloseWait && s.ReceiveQueue == 1);
        Assert.Contains(beforeWrites, s => s.State == TcpState.FinWait2 && s.Timer is not null);
        var rows = closed.Wire.Packets.Rows;
        Assert.Equal(["S", "S.", ".", "F.", ".", "P.", "R"], rows.Select(r => r.Flags.ToText()));
        Assert.Equal(rows[5].Segment.Acknowledgment, rows[6].Segment.Sequence);
        Assert.Empty(closed.SocketsAfter);
        Assert.Equal((1L, 1L), (closed.Counters!["OutRsts"], closed.Counters["EstabResets"]));
        Assert.Equal(("closed", 5000L, (long?)0L, 0L), ClosedPeerDelivery.Of("closed", closed, readByPeer: 0) is var d ? (d.Experiment, d.Written, d.AcknowledgedByPeerKernel, d.ReadByPeer) : default);
    }

    [LiveFact]
    public void It_resets_an_established_writer_once_then_gives_epipe_after_a_close_with_unread_data()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        using var bench = CloseBench.Open();
        var unread = bench.Start("test-unread-data");
        IReadOnlyList<RstLab.Kernel.SocketEntry> beforeClose;
        SocketOutcome serverRead;
        using (unread)
        using (var client = unread.Connect())
        using (var server = unread.Accept())
        {
            var chunk = new byte[5000];
            for (var i = 1; i <= 10; i++)
                unread.PeerSaw(SocketOutcome.Of($"write #{i}", () => client.Send(chunk)));
            Assert.Contains(unread.SocketsWhen(s => s.ReceiveQueue == 50000), s => s.ReceiveQueue == 50000);
            serverRead = SocketOutcome.Of("server: recv(5000)", () => server.Receive(new byte[5000]));
            beforeClose = unread.Sockets();
            server.Close();
            Assert.True(client.Poll(TimeSpan.FromSeconds(1), SelectMode.SelectRead), "the RST did not arrive");
            unread.PeerSaw(
                SocketOutcome.Of("write #11", () => client.Send(chunk)),
                SocketOutcome.Of("write #12", () => client.Send(chunk)),
                SocketOutcome.Of("recv()", () => client.Receive(chunk)));
        }

        Assert.True(unread.Wire.IsLive && unread.CountersArePrivate, unread.Wire.Unavailable ?? bench.Reason);
        Assert.All(unread.PeerCalls.Take(10), c => Assert.Equal(5000, c.Value));
        Assert.Equal([(SocketError.ConnectionReset, 104), (SocketError.Shutdown, 32), (SocketError.Success, 0)], unread.PeerCalls.Skip(10).Select(c => (c.Error, c.NativeErrorCode)));
        Assert.Equal(5000, serverRead.Value);
        Assert.Contains(beforeClose, s => s.State == TcpState.Established && s.ReceiveQueue == 45000);
        var rst = Assert.Single(unread.Wire.Packets.Rsts);
        Assert.Equal(("R.", false, 50001L), (rst.Flags.ToText(), rst.FromClient, rst.Ack ?? 0));
        Assert.DoesNotContain(unread.Wire.Packets.Rows, r => r.Flags.HasFlag(TcpFlags.Fin));
        Assert.Equal((1L, 1L, 2L), (unread.Counters!["TCPAbortOnClose"], unread.Counters["OutRsts"], unread.Counters["EstabResets"]));
        var delivery = ClosedPeerDelivery.Of("unread", unread, serverRead.Value);
        Assert.Equal((50000L, (long?)50000L, 5000L, 45000L), (delivery.Written, delivery.AcknowledgedByPeerKernel, delivery.ReadByPeer, delivery.NeverRead));
        var e = Assert.Throws<LabArgumentException>(() => ClosedPeerDelivery.Of("unread", unread, readByPeer: 50001));
        Assert.Contains("readByPeer must be 0–50000", e.Message);
    }
}
