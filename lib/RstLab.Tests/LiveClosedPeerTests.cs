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
    public void It_answers_data_sent_after_the_peers_close_with_a_bare_rst_then_epipe()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        var (closed, beforeWrites) = NotebookExperiments.ClosedPeer("test-closed-peer");

        Assert.True(closed.IsLive && closed.IsPrivate, closed.ToString());
        Assert.All(closed.Client, c => Assert.True(c.AsExpected, $"{c.Call} {Evidence.ExpectedResult.Text(c)}, expected {c.Expected}"));
        Assert.Equal(["listener.Bind(at)", "listener.Listen(1)", "listener.Accept(TimeSpan.FromSeconds(2))", "server.Close()"], closed.Server.Select(c => c.Call));
        Assert.Equal([(SocketError.Success, 0, 5000L), (SocketError.Shutdown, 32, 0), (SocketError.Shutdown, 32, 0), (SocketError.Success, 0, 0)], closed.Client.Skip(1).Select(c => (c.Error, c.NativeErrorCode, c.Value)));
        Assert.Contains(beforeWrites, s => s.State == TcpState.CloseWait && s.ReceiveQueue == 1);
        Assert.Contains(beforeWrites, s => s.State == TcpState.FinWait2 && s.Timer is not null);
        var rows = closed.Wire.Packets.Rows;
        Assert.Equal(["S", "S.", ".", "F.", ".", "P.", "R"], rows.Select(r => r.Flags.ToText()));
        Assert.Equal(rows[5].Segment.Acknowledgment, rows[6].Segment.Sequence);
        Assert.Empty(closed.Sockets());
        Assert.True(Expect.All(Expect.Moved("OutRsts", 1), Expect.Moved("EstabResets", 1)).IsMetBy(closed.Counters!), closed.Counters!.ToString());
        Assert.Equal(("closed", 5000L, (long?)0L, 0L), ClosedPeerDelivery.Of("closed", closed, readByPeer: 0) is var d ? (d.Experiment, d.Written, d.AcknowledgedByPeerKernel, d.ReadByPeer) : default);
    }

    [LiveFact]
    public void It_resets_an_established_writer_once_then_gives_epipe_after_a_close_with_unread_data()
    {
        using var _ = new EnvironmentVariable(Recordings.RecordVariable, null);
        var (unread, beforeClose, serverRead) = NotebookExperiments.UnreadData("test-unread-data");

        Assert.True(unread.IsLive && unread.IsPrivate, unread.ToString());
        Assert.All(unread.Client.Skip(1).Take(10), c => Assert.Equal(5000, c.Value));
        Assert.Equal([(SocketError.ConnectionReset, 104), (SocketError.Shutdown, 32), (SocketError.Shutdown, 32), (SocketError.Success, 0)], unread.Client.Skip(11).Select(c => (c.Error, c.NativeErrorCode)));
        Assert.Equal(5000, serverRead);
        Assert.Contains(beforeClose, s => s.State == TcpState.Established && s.ReceiveQueue == 45000);
        var rst = Assert.Single(unread.Wire.Packets.Rsts);
        Assert.Equal(("R.", false, 50001L), (rst.Flags.ToText(), rst.FromClient, rst.Ack ?? 0));
        Assert.DoesNotContain(unread.Wire.Packets.Rows, r => r.Flags.HasFlag(TcpFlags.Fin));
        Assert.Equal((1L, 1L, 2L), (unread.Counters!["TCPAbortOnClose"], unread.Counters["OutRsts"], unread.Counters["EstabResets"]));
        var delivery = ClosedPeerDelivery.Of("unread", unread, serverRead);
        Assert.Equal((50000L, (long?)50000L, 5000L, 45000L), (delivery.Written, delivery.AcknowledgedByPeerKernel, delivery.ReadByPeer, delivery.NeverRead));
        var e = Assert.Throws<LabArgumentException>(() => ClosedPeerDelivery.Of("unread", unread, readByPeer: 50001));
        Assert.Contains("readByPeer must be 0–50000", e.Message);
    }
}
