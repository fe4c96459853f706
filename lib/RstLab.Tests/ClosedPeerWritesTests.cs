using System.Net.Sockets;
using RstLab.Scenarios;

namespace RstLab.Tests;

public sealed class ClosedPeerWritesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void It_wants_1_to_100_writes(int writes)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ClosedPeerWrites.AfterClose(null, writes));

        Assert.Contains("1 to 100 write calls", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SendBufferSweep.MaxChunk + 1)]
    public void It_refuses_absurd_chunks(int chunk) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ClosedPeerWrites.AfterClose(null, chunk: chunk));

    [Fact]
    public void It_refuses_a_send_buffer_that_is_not_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ClosedPeerWrites.AfterClose(null, sendBuffer: 0));

    [Theory]
    [InlineData(-1)]
    [InlineData(50000)]
    public void It_wants_some_data_left_unread(int peerReads)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ClosedPeerWrites.AfterUnreadData(null, writesBefore: 10, peerReads: peerReads));

        Assert.Contains("FIN, not RST", e.Message);
    }

    [Fact]
    public void It_keeps_what_is_written_before_the_close_within_a_receive_buffer() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ClosedPeerWrites.AfterUnreadData(null, writesBefore: 100, chunk: 65536));

    [Fact]
    public void It_counts_written_and_unread_bytes_from_the_steps()
    {
        var ok = new RstLab.Sockets.SocketOutcome("write #1 (5000 bytes)", SocketError.Success, 0, TimeSpan.Zero, 5000);
        var epipe = new RstLab.Sockets.SocketOutcome("write #2 (5000 bytes)", SocketError.Shutdown, 32, TimeSpan.Zero);
        var recv = new RstLab.Sockets.SocketOutcome("recv()", SocketError.Success, 0, TimeSpan.Zero, 0);
        var run = new ClosedPeerRun([ok, ok, epipe, recv], [], [], null!, 3000, 16384, null);

        Assert.Equal(2, run.Writes.Count(w => w.Succeeded));
        Assert.Equal(10000, run.BytesWritten);
        Assert.Equal(7000, run.NeverRead);
        Assert.Same(recv, run.Receive);
        Assert.Equal("write ok, write ok, Shutdown 32, recv() ok", run.ErrnoSequence);
    }
}

/// <summary>The closed-peer experiments on 127.0.0.1, without capture (no privileges needed); the errno sequences COURSE.md lists for this kernel.</summary>
[Collection("live")]
public sealed class LiveClosedPeerWritesTests
{
    [Fact]
    public void It_gets_epipe_after_the_first_write_to_a_peer_that_closed_and_recv_returns_0()
    {
        var run = ClosedPeerWrites.AfterClose(null, writes: 3);

        Assert.Equal([(SocketError.Success, 0), (SocketError.Shutdown, 32), (SocketError.Shutdown, 32)], run.Writes.Select(w => (w.Error, w.NativeErrorCode)));
        Assert.Equal(5000, run.BytesWritten);
        Assert.Equal((SocketError.Success, 0L), (run.Receive.Error, run.Receive.Value));
        Assert.Contains(run.Sockets, s => s.State == "CLOSE-WAIT" && s.ReceiveQueue == 1);
        Assert.Contains(run.Sockets, s => s.State == "FIN-WAIT-2");
        Assert.Empty(run.SocketsAfter);
        Assert.True(run.Counters["OutRsts"] >= 1 && run.Counters["EstabResets"] >= 1);
        Assert.Null(run.Wire);
    }

    [Fact]
    public void It_reads_0_right_after_the_reset_as_the_articles_second_client_does()
    {
        var run = ClosedPeerWrites.AfterClose(null, writes: 2, receiveAfterFirstWrite: true);

        Assert.Equal(["write #1 (5000 bytes)", "recv()", "write #2 (5000 bytes)", "recv()"], run.Steps.Select(s => s.Call));
        Assert.Equal("write ok, recv() ok, Shutdown 32, recv() ok", run.ErrnoSequence);
        Assert.Equal(0, run.Steps[1].Value);
    }

    [Fact]
    public void It_gets_econnreset_once_then_epipe_when_the_rst_reaches_an_established_socket()
    {
        var run = ClosedPeerWrites.AfterUnreadData(null, writesBefore: 4, peerReads: 1000, writesAfter: 3, chunk: 2000);

        Assert.All(run.Writes.Take(4), w => Assert.True(w.Succeeded));
        Assert.Equal([(SocketError.ConnectionReset, 104), (SocketError.Shutdown, 32), (SocketError.Shutdown, 32)], run.Writes.Skip(4).Select(w => (w.Error, w.NativeErrorCode)));
        Assert.Equal(0, run.Receive.Value);
        Assert.Equal((8000L, 1000L, 7000L), (run.BytesWritten, run.PeerRead, run.NeverRead));
        Assert.Contains(run.Sockets, s => s.State == "ESTAB" && s.ReceiveQueue == 7000);
        Assert.True(run.Counters["TCPAbortOnClose"] >= 1);
    }

    [Fact]
    public void It_fails_the_second_write_whatever_the_send_buffer()
    {
        foreach (var size in new int?[] { 4096, 1048576 })
        {
            var run = ClosedPeerWrites.AfterClose(null, writes: 10, sendBuffer: size);

            Assert.Equal(1, run.Writes.Count(w => w.Succeeded));
            Assert.Equal(2 * size, run.SendBuffer);
        }
    }
}

[Collection("live")]
public sealed class LiveClosedPeerCaptureTests
{
    [LiveFact]
    public void It_captures_the_fin_the_data_and_the_bare_rst_answering_it()
    {
        using var _ = new EnvironmentVariable(Capture.Recordings.RecordVariable, null);

        var run = ClosedPeerWrites.AfterClose("test-closed-peer", writes: 2);

        Assert.True(run.Wire!.IsLive, run.Wire.Unavailable);
        var rows = run.Wire.Packets.Rows;
        Assert.Equal(["S", "S.", ".", "F.", ".", "P.", "R"], rows.Select(r => r.Flags));
        Assert.Equal(rows[5].Segment.Acknowledgment, rows[6].Segment.Sequence);
        Assert.Equal(0L, ClosedPeerDelivery.Of("closed", run).AcknowledgedByPeerKernel);
    }
}
