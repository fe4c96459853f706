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
        var e = Assert.Throws<LabArgumentException>(() => ClosedPeerWrites.AfterClose(writes));

        Assert.Contains("writes must be 1–100", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SendBufferSweep.MaxChunk + 1)]
    public void It_refuses_absurd_chunks(int chunk) =>
        Assert.Throws<LabArgumentException>(() => ClosedPeerWrites.AfterClose(chunk: chunk));

    [Fact]
    public void It_refuses_a_send_buffer_that_is_not_positive() =>
        Assert.Throws<LabArgumentException>(() => ClosedPeerWrites.AfterClose(sendBuffer: 0));

    [Fact]
    public void It_picks_the_writes_out_of_the_steps_and_lists_every_result()
    {
        var ok = new RstLab.Sockets.SocketOutcome("write #1 (5000 bytes)", SocketError.Success, 0, TimeSpan.Zero, 5000);
        var epipe = new RstLab.Sockets.SocketOutcome("write #2 (5000 bytes)", SocketError.Shutdown, 32, TimeSpan.Zero);
        var recv = new RstLab.Sockets.SocketOutcome("recv()", SocketError.Success, 0, TimeSpan.Zero, 0);
        var run = new ClosedPeerRun([ok, recv, epipe, recv], 16384);

        Assert.Equal([ok, epipe], run.Writes);
    }
}

/// <summary>The one-call closed-peer run on 127.0.0.1, without capture (no privileges needed); the errno sequence COURSE.md lists for this kernel.</summary>
[Collection("live")]
public sealed class LiveClosedPeerWritesTests
{
    [Fact]
    public void It_gets_epipe_after_the_first_write_to_a_peer_that_closed_and_recv_returns_0()
    {
        var run = ClosedPeerWrites.AfterClose(writes: 3);

        Assert.Equal([(SocketError.Success, 0), (SocketError.Shutdown, 32), (SocketError.Shutdown, 32)], run.Writes.Select(w => (w.Error, w.NativeErrorCode)));
        Assert.Equal(5000, run.Writes[0].Value);
        Assert.Equal(("recv()", SocketError.Success, 0L), (run.Steps[^1].Call, run.Steps[^1].Error, run.Steps[^1].Value));
    }

    [Fact]
    public void It_reads_0_right_after_the_reset_as_the_articles_second_client_does()
    {
        var run = ClosedPeerWrites.AfterClose(writes: 2, receiveAfterFirstWrite: true);

        Assert.Equal(["write #1 (5000 bytes)", "recv()", "write #2 (5000 bytes)", "recv()"], run.Steps.Select(s => s.Call));
        Assert.Equal([(SocketError.Success, 0), (SocketError.Success, 0), (SocketError.Shutdown, 32), (SocketError.Success, 0)], run.Steps.Select(s => (s.Error, s.NativeErrorCode)));
        Assert.Equal(0, run.Steps[1].Value);
    }

    [Fact]
    public void It_fails_the_second_write_whatever_the_send_buffer()
    {
        foreach (var size in new int?[] { 4096, 1048576 })
        {
            var run = ClosedPeerWrites.AfterClose(writes: 10, sendBuffer: size);

            Assert.Equal(1, run.Writes.Count(w => w.Succeeded));
            Assert.Equal(2 * size, run.SendBuffer);
        }
    }
}
